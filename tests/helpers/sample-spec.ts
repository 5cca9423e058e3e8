/** A small complete AgentSpec used across tests, e2e and benchmarks (data only: safe to import anywhere). */
export const SPEC = {
  name: "support-bot",
  description: "Answers customer questions about orders",
  systemPrompt: "You are a helpful support agent.",
  language: "python",
  model: { id: "amazon.nova-pro-v1:0" },
  deployment: { target: "agentcore" },
} as const;
