import { ModelEntry, ToolEntry } from "../../../server/registry/schema";
import type { RegistryLookup } from "../../../server/generation/types";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";

/**
 * Registry entries that satisfy the real schemas, for generator tests that must not
 * depend on the live registry data. Snippets follow the Strands SDK APIs.
 */

const pricing = { inputPer1M: 3, outputPer1M: 15, cacheReadPer1M: null, cacheWritePer1M: null, batchInputPer1M: null, batchOutputPer1M: null };
const caps = { toolUse: true, vision: true, reasoning: false, streaming: true, structuredOutput: true, promptCaching: null };

const model = (over: Partial<ModelEntry>): ModelEntry =>
  ModelEntry.parse({
    baseModelId: null,
    inferenceProfile: null,
    vendor: "Anthropic",
    family: "claude",
    name: "Model",
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    capabilities: caps,
    pricing,
    status: "active",
    deprecationDate: null,
    recommended: false,
    local: null,
    source: "fixture",
    asOf: "2026-07-24",
    ...over,
  });

export const MODELS: ModelEntry[] = [
  model({
    id: "us.anthropic.claude-sonnet-4-20250514-v1:0",
    baseModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    inferenceProfile: "us",
    provider: "bedrock",
    recommended: true,
  }),
  model({ id: "amazon.nova-lite-v1:0", provider: "bedrock", vendor: "Amazon", family: "nova" }),
  model({ id: "llama3.1:8b", provider: "ollama", vendor: "Meta", family: "llama", local: { parameters: "8B", downloadSize: null } }),
  model({ id: "gpt-4o-mini", provider: "openai", vendor: "OpenAI", family: "gpt" }),
];

const allPlatforms = { supported: true, reason: null };
const platforms = { agentcore: allPlatforms, "ecs-fargate": allPlatforms, lambda: allPlatforms, local: allPlatforms };
const toolsPkg = [{ name: "strands-agents-tools", version: ">=0.8.6,<0.9" }];

const tool = (over: Partial<ToolEntry> & Pick<ToolEntry, "id">): ToolEntry =>
  ToolEntry.parse({
    name: over.id,
    category: "utilities",
    description: "fixture tool",
    kind: "strands-tools",
    python: null,
    typescript: null,
    config: [],
    env: [],
    iam: [],
    platforms,
    conflicts: [],
    alternatives: [],
    status: "active",
    replacedBy: null,
    example: "example",
    source: "fixture",
    asOf: "2026-08-07",
    ...over,
  });

export const TOOLS: ToolEntry[] = [
  tool({
    id: "http_request",
    category: "web",
    python: { packages: toolsPkg, imports: ["from strands_tools import http_request"], init: [], toolExpr: "http_request" },
    typescript: {
      packages: [],
      imports: ['import { httpRequest } from "@strands-agents/sdk/vended-tools/http-request";'],
      init: [],
      toolExpr: "httpRequest",
    },
  }),
  tool({
    id: "notebook",
    kind: "strands-vended",
    typescript: {
      packages: [],
      imports: ['import { notebook } from "@strands-agents/sdk/vended-tools/notebook";'],
      init: [],
      toolExpr: "notebook",
    },
  }),
  tool({
    id: "knowledge_base",
    category: "knowledge",
    python: {
      packages: toolsPkg,
      imports: ["import os", "from strands_tools import retrieve"],
      init: ['os.environ.setdefault("KNOWLEDGE_BASE_ID", str(cfg["knowledge_base_id"]))'],
      toolExpr: "retrieve",
    },
    config: [
      { name: "knowledge_base_id", type: "string", required: true, secret: false, default: null, description: "Knowledge base id" },
      { name: "max_results", type: "number", required: false, secret: false, default: 5, description: "Results per query" },
    ],
    iam: [{ actions: ["bedrock:Retrieve"], resources: ["arn:aws:bedrock:${region}:${account}:knowledge-base/*"] }],
  }),
  tool({
    id: "tavily",
    category: "web",
    python: {
      packages: toolsPkg,
      imports: ["from strands_tools import tavily"],
      init: [],
      toolExpr: "[tavily.tavily_search, tavily.tavily_extract]",
    },
    config: [{ name: "api_key", type: "string", required: true, secret: true, default: null, description: "Tavily API key" }],
  }),
  tool({
    id: "aws_docs",
    kind: "mcp-server",
    category: "mcp",
    python: {
      packages: [],
      imports: ["from mcp import StdioServerParameters, stdio_client", "from strands.tools.mcp import MCPClient"],
      init: [
        'params = StdioServerParameters(command="uvx", args=["awslabs.aws-documentation-mcp-server@latest"])',
        "client = MCPClient(lambda: stdio_client(params))",
      ],
      toolExpr: "client",
    },
    typescript: {
      packages: [{ name: "@modelcontextprotocol/sdk", version: "1.32.2" }],
      imports: [
        'import { McpClient } from "@strands-agents/sdk";',
        'import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";',
      ],
      init: [
        'const transport = new StdioClientTransport({ command: "uvx", args: ["awslabs.aws-documentation-mcp-server@latest"] });',
        "const client = new McpClient({ transport });",
      ],
      toolExpr: "client",
    },
    platforms: { ...platforms, lambda: { supported: false, reason: "needs uvx and a long-lived process" } },
  }),
  tool({
    id: "s3_reader",
    category: "aws",
    kind: "aws-sdk",
    python: { packages: toolsPkg, imports: ["from strands_tools import use_aws"], init: [], toolExpr: "use_aws" },
    config: [{ name: "bucket", type: "string", required: false, secret: false, default: "my-bucket", description: "Bucket" }],
    iam: [{ actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"] }],
  }),
  tool({
    id: "current_time",
    status: "deprecated",
    replacedBy: "clock",
    python: { packages: toolsPkg, imports: ["from strands_tools import current_time"], init: [], toolExpr: "current_time" },
  }),
  tool({
    id: "clock",
    python: { packages: toolsPkg, imports: ["from strands_tools import current_time as clock"], init: [], toolExpr: "clock" },
  }),
];

export const fixtureRegistry: RegistryLookup = {
  getModel: (id) => MODELS.find((m) => m.id === id),
  getTool: (id) => TOOLS.find((t) => t.id === id),
};

export const baseSpec = (over: Partial<AgentSpecInput> = {}): AgentSpecInput => ({
  name: "support-agent",
  description: "Answers customer questions about orders.",
  systemPrompt: "You are a helpful support agent. Be brief.",
  language: "python",
  model: { id: "us.anthropic.claude-sonnet-4-20250514-v1:0" },
  tools: [],
  deployment: { target: "agentcore" },
  ...over,
});

/** The five-tool Python AgentCore spec the benchmark and goldens use. */
export const fiveToolSpec = (over: Partial<AgentSpecInput> = {}): AgentSpecInput =>
  baseSpec({
    tools: [
      { id: "http_request" },
      { id: "knowledge_base", config: { knowledge_base_id: "KB12345" } },
      { id: "tavily" },
      { id: "aws_docs" },
      { id: "s3_reader", config: { bucket: "orders-archive" } },
    ],
    ...over,
  });
