import { MAX_SESSION_SECONDS, agentCoreIdleTimeout, agentCoreRoleStatements, runtimeName } from "../builders/agentcore";
import type { BuildInput, BuiltFile } from "../builders/common";
import { iacOf } from "../../spec/agent-spec";
import { baseRefs, output, resource, roleWithPolicy, terraformFiles, tfRuntimeEnvironment, variable } from "./common";
import { block, expr } from "./hcl";

/**
 * infra/terraform/*.tf for AgentCore Runtime: the same runtime, execution role (trusted by
 * bedrock-agentcore only from this account) and least-privilege policy as
 * infra/cloudformation.yaml, as `aws_bedrockagentcore_agent_runtime`.
 */
export function buildAgentCoreTerraform(input: BuildInput): BuiltFile[] {
  if (iacOf(input.project.spec.deployment) !== "terraform") return [];
  const { spec } = input.project;
  const refs = { ...baseRefs(input), ImageUri: expr("var.image_uri") };
  const resources = [
    ...roleWithPolicy("agent", "bedrock-agentcore.amazonaws.com", "AgentRuntime", agentCoreRoleStatements(input), refs, true),
    resource("aws_bedrockagentcore_agent_runtime", "agent", {
      agent_runtime_name: runtimeName(spec.name),
      role_arn: expr("aws_iam_role.agent.arn"),
      environment_variables: tfRuntimeEnvironment(input, refs),
      agent_runtime_artifact: block({ container_configuration: block({ container_uri: expr("var.image_uri") }) }),
      network_configuration: block({ network_mode: "PUBLIC" }),
      protocol_configuration: block({ server_protocol: "HTTP" }),
      lifecycle_configuration: block({ idle_runtime_session_timeout: agentCoreIdleTimeout(input.project), max_lifetime: MAX_SESSION_SECONDS }),
      // The role's policy must exist before the runtime starts pulling the image.
      depends_on: [expr("aws_iam_role_policy.agent")],
    }),
  ];
  return terraformFiles(input, {
    variables: [variable("image_uri", { description: "ARM64 image in ECR (scripts/push-ecr.sh prints it)", type: expr("string") })],
    resources,
    outputs: [output("agent_runtime_arn", expr("aws_bedrockagentcore_agent_runtime.agent.agent_runtime_arn")), output("agent_role_arn", expr("aws_iam_role.agent.arn"))],
  });
}
