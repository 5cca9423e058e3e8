import type { BuildInput, BuiltFile } from "../builders/common";
import { LAMBDA_NODE_RUNTIME, LAMBDA_PYTHON_RUNTIME, LAMBDA_TS_HANDLER, lambdaInvokeMode, lambdaRoleStatements } from "../builders/lambda";
import { iacOf } from "../../spec/agent-spec";
import { baseRefs, output, resource, roleWithPolicy, terraformFiles, tfRuntimeEnvironment, variable } from "./common";
import { fromCfn } from "./from-cfn";
import { block, expr, type HclValue } from "./hcl";
import { CONVERSATION_TABLE, conversationEnvironment, needsTable } from "../builders/lambda-conversation";

/**
 * infra/terraform/*.tf for Lambda: the same function, log group (30 days), role with its
 * least-privilege policy and IAM-authenticated function URL as infra/cloudformation.yaml.
 */
export function buildLambdaTerraform(input: BuildInput): BuiltFile[] {
  if (iacOf(input.project.spec.deployment) !== "terraform") return [];
  const { spec } = input.project;
  const d = spec.deployment;
  if (d.target !== "lambda") throw new Error("Lambda builder called for another target");
  const python = spec.language === "python";
  const conversation = needsTable(input);
  const refs = {
    ...baseRefs(input),
    LogGroup: expr("aws_cloudwatch_log_group.agent.name"),
    ...(conversation ? { [CONVERSATION_TABLE]: expr("aws_dynamodb_table.conversation.name"), [`${CONVERSATION_TABLE}.Arn`]: expr("aws_dynamodb_table.conversation.arn") } : {}),
  };
  const resources = [
    // The same table as the CloudFormation's ConversationTable: on demand, encrypted, items expire by TTL.
    ...(conversation
      ? [
          resource("aws_dynamodb_table", "conversation", {
            name: `${spec.name}-conversations`,
            billing_mode: "PAY_PER_REQUEST",
            hash_key: "pk",
            attribute: block({ name: "pk", type: "S" }),
            ttl: block({ attribute_name: "expiresAt", enabled: true }),
            server_side_encryption: block({ enabled: true }),
          }),
        ]
      : []),
    resource("aws_cloudwatch_log_group", "agent", { name: `/aws/lambda/${spec.name}`, retention_in_days: 30 }),
    ...roleWithPolicy("function", "lambda.amazonaws.com", "Agent", lambdaRoleStatements(input), refs),
    resource("aws_lambda_function", "agent", {
      function_name: spec.name,
      runtime: python ? LAMBDA_PYTHON_RUNTIME : LAMBDA_NODE_RUNTIME,
      handler: python ? "lambda_handler.handler" : LAMBDA_TS_HANDLER,
      architectures: [d.architecture],
      memory_size: d.memoryMb,
      timeout: d.timeoutSeconds,
      role: expr("aws_iam_role.function.arn"),
      s3_bucket: expr("var.code_bucket"),
      s3_key: expr("var.code_key"),
      environment: block({ variables: { ...(tfRuntimeEnvironment(input, refs) as Record<string, HclValue>), ...(fromCfn(conversationEnvironment(input), refs) as Record<string, HclValue>) } }),
      logging_config: block({ log_group: expr("aws_cloudwatch_log_group.agent.name"), log_format: "JSON" }),
      tracing_config: spec.observability.tracing ? block({ mode: "Active" }) : undefined,
      depends_on: [expr("aws_iam_role_policy.function")],
    }),
    resource("aws_lambda_function_url", "agent", {
      function_name: expr("aws_lambda_function.agent.function_name"),
      authorization_type: "AWS_IAM",
      invoke_mode: lambdaInvokeMode(spec.language),
    }),
  ];
  return terraformFiles(input, {
    variables: [
      variable("code_bucket", { description: "S3 bucket holding the deployment package", type: expr("string") }),
      variable("code_key", { description: "S3 key of the package built by scripts/package-lambda.sh", type: expr("string") }),
    ],
    resources,
    outputs: [output("function_arn", expr("aws_lambda_function.agent.arn")), output("function_url", expr("aws_lambda_function_url.agent.function_url"))],
  });
}
