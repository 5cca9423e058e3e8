/** A five-tool spec for deploy plans (data only): secrets, a knowledge base id and a memory id among its tools. */
export const FIVE_TOOL_SPEC = {
  name: "orders-agent",
  description: "Answers questions about orders with search and a knowledge base",
  systemPrompt: "You answer order questions.",
  language: "python",
  model: { id: "amazon.nova-pro-v1:0" },
  tools: [
    { id: "tavily" },
    { id: "bedrock_knowledge_base", config: { knowledge_base_id: "KBORDERS01" } },
    { id: "agent_core_memory", config: { memory_id: "mem-orders" } },
    { id: "http_request" },
    { id: "speak" },
  ],
  deployment: { target: "ecs-fargate" },
  requirements: { requestsPerDay: 1000 },
} as const;
