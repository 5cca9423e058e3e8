import type { ToolCategory } from "~/server/registry/schema";

/** The registry's categories in the order the catalog shows them. */
export const CATEGORIES: { id: ToolCategory; label: string }[] = [
  { id: "knowledge", label: "Knowledge & RAG" },
  { id: "memory", label: "Memory" },
  { id: "code-execution", label: "Code execution" },
  { id: "web", label: "Web & browser" },
  { id: "file-system", label: "File system" },
  { id: "data", label: "Data & databases" },
  { id: "communication", label: "Communication" },
  { id: "aws", label: "AWS services" },
  { id: "mcp", label: "MCP servers" },
  { id: "utilities", label: "Utilities" },
];


export const KIND_LABEL: Record<string, string> = {
  "strands-tools": "strands-agents-tools",
  "strands-vended": "Strands SDK (vended)",
  "mcp-server": "MCP server",
  "aws-sdk": "AWS SDK",
  custom: "Custom",
};
