import { SPEC } from "./sample-spec";

/** A generated TypeScript agent whose http_request needs approval (the Testing tab's approval flow). */
export const GATED_SPEC = {
  ...SPEC,
  name: "gated-agent",
  language: "typescript",
  deployment: { target: "ecs-fargate" },
  tools: [{ id: "notebook" }, { id: "http_request_vended" }],
  approval: { tools: ["http_request_vended"], timeoutSeconds: 120 },
};
