/** The deployment targets as the UI names them, in the order every picker lists them. */
export const DEPLOYMENT_TARGETS = [
  { id: "agentcore", label: "AgentCore Runtime" },
  { id: "ecs-fargate", label: "ECS Fargate" },
  { id: "lambda", label: "Lambda" },
] as const;
export type DeploymentTargetId = (typeof DEPLOYMENT_TARGETS)[number]["id"];
export const targetLabel = (id: string) => DEPLOYMENT_TARGETS.find((t) => t.id === id)?.label ?? id;
