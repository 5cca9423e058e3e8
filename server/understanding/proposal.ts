import { z } from "zod";

/**
 * What the model may propose for a change request or a consultation turn: operations on
 * AgentSpec paths, tools by registry id (or a need in words when the registry has none),
 * the next questions and a summary for the user. Parsed loosely (unknown extra fields are
 * dropped); every operation is then checked by `validateProposal` before it can land.
 */
export const ProposedPatch = z.object({ path: z.string().min(1).max(100), value: z.unknown() });
export const ProposedTool = z.object({ id: z.string().min(1).max(80), config: z.record(z.string(), z.unknown()).optional() });
/** One endpoint of the user's own API, as an apiTools operation (checked by server/openapi/add-endpoint.ts). */
export const ProposedEndpoint = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).catch("GET"),
  url: z.string().max(2_000),
  description: z.string().max(1_000),
  auth: z.object({ kind: z.string().max(40), headerName: z.string().max(64).optional() }).optional(),
});
export const Proposal = z.object({
  summary: z.string().max(2_000).default(""),
  patches: z.array(ProposedPatch).max(30).default([]),
  addTools: z.array(ProposedTool).max(10).default([]),
  removeTools: z.array(z.string().max(80)).max(20).default([]),
  /** Endpoints of the user's own REST API the request names (URL given), as API tools. */
  addApiEndpoints: z.array(ProposedEndpoint).max(5).default([]),
  /** Needs the registry has no tool for, in words ("Zendesk tickets"). */
  needs: z.array(z.string().max(200)).max(10).default([]),
  questions: z.array(z.string().max(300)).max(5).default([]),
});
export type Proposal = z.infer<typeof Proposal>;

/** The same shape as a JSON schema, for Bedrock `toolConfig` and OpenAI `tools`. */
export const PROPOSAL_TOOL = {
  name: "propose_spec_changes",
  description: "Propose changes to the agent spec as patches, tools to add or remove by registry id, needs without a registry tool, questions to ask next and a short summary.",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["summary", "patches", "addTools", "removeTools", "needs", "questions"],
    properties: {
      summary: { type: "string", description: "One or two sentences for the user: what changes and why." },
      patches: {
        type: "array",
        items: { type: "object", required: ["path", "value"], properties: { path: { type: "string", description: "Dotted AgentSpec path, e.g. deployment.target, requirements.requestsPerDay, systemPrompt" }, value: {} } },
      },
      addTools: { type: "array", items: { type: "object", required: ["id"], properties: { id: { type: "string", description: "A registry tool id from the candidates" }, config: { type: "object" } } } },
      removeTools: { type: "array", items: { type: "string" } },
      addApiEndpoints: {
        type: "array",
        description: "Endpoints of the user's own REST API whose URL the user gave, each becomes a typed tool (prefer this over the HTTP tool)",
        items: {
          type: "object",
          required: ["method", "url", "description"],
          properties: {
            method: { type: "string", enum: ["GET", "POST", "PUT", "PATCH", "DELETE"] },
            url: { type: "string", description: "URL template, e.g. https://api.example.com/orders/{id}" },
            description: { type: "string", description: "What the endpoint does, for the tool's description" },
            auth: { type: "object", properties: { kind: { type: "string", enum: ["none", "bearer", "api-key-header"] }, headerName: { type: "string" } } },
          },
        },
      },
      needs: { type: "array", items: { type: "string" }, description: "Needs no candidate tool serves, in words" },
      questions: { type: "array", items: { type: "string" } },
    },
  },
} as const;
