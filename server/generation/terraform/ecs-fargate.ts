import type { BuildInput, BuiltFile } from "../builders/common";
import { SCRATCH_VOLUME, containerDefinition, cpuArchitecture, fargate, fargateTaskStatements } from "../builders/ecs-fargate";
import { CONTAINER_PORT } from "../builders/ecs-load-balancer";
import { iacOf } from "../../spec/agent-spec";
import { baseRefs, data, output, resource, roleWithPolicy, terraformFiles, variable } from "./common";
import { ALLOW_ALL_EGRESS, loadBalancerResources, loadBalancerVariables } from "./ecs-load-balancer";
import { assumeRoleStatement, fromCfn } from "./from-cfn";
import { block, expr, jsonencode, template, type HclValue } from "./hcl";

/** ECS's container-definition JSON is the CloudFormation shape with camelCase keys (option maps keep theirs). */
function camelKeys(value: HclValue, parentKey = ""): HclValue {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, parentKey));
  if (typeof value !== "object" || value === null || !(value.constructor === Object)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const name = parentKey === "Options" ? k : k[0]!.toLowerCase() + k.slice(1);
      return [name, camelKeys(v, k)];
    }),
  );
}

function executionRole() {
  return [
    data("aws_iam_policy_document", "execution_assume", { statement: assumeRoleStatement("ecs-tasks.amazonaws.com") }),
    resource("aws_iam_role", "execution", { assume_role_policy: expr("data.aws_iam_policy_document.execution_assume.json") }),
    resource("aws_iam_role_policy_attachment", "execution", {
      role: expr("aws_iam_role.execution.name"),
      policy_arn: template("arn:", expr("local.partition"), ":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
    }),
  ];
}

/**
 * infra/terraform/*.tf for ECS Fargate: the same cluster, log group, execution and task roles
 * (least-privilege policy), task definition, security groups, load balancer and service as
 * infra/cloudformation.yaml.
 */
export function buildFargateTerraform(input: BuildInput): BuiltFile[] {
  if (iacOf(input.project.spec.deployment) !== "terraform") return [];
  const { spec } = input.project;
  const d = fargate(input);
  const refs = { ...baseRefs(input), ImageUri: expr("var.image_uri"), LogGroup: expr("aws_cloudwatch_log_group.agent.name") };
  const container = camelKeys(fromCfn(containerDefinition(input, { Ref: "ImageUri" }, { Ref: "LogGroup" }), refs));
  const ingressFrom = d.loadBalancer ? { security_groups: [expr("aws_security_group.load_balancer.id")] } : { cidr_blocks: ["10.0.0.0/8"] };
  const resources = [
    resource("aws_ecs_cluster", "agent", { name: spec.name }),
    resource("aws_cloudwatch_log_group", "agent", { name: `/ecs/${spec.name}`, retention_in_days: 30 }),
    ...executionRole(),
    ...roleWithPolicy("task", "ecs-tasks.amazonaws.com", "Agent", fargateTaskStatements(input), refs),
    resource("aws_ecs_task_definition", "agent", {
      family: spec.name,
      cpu: String(d.cpu),
      memory: String(d.memoryMb),
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
      execution_role_arn: expr("aws_iam_role.execution.arn"),
      task_role_arn: expr("aws_iam_role.task.arn"),
      container_definitions: jsonencode([container]),
      runtime_platform: block({ cpu_architecture: cpuArchitecture(d.architecture), operating_system_family: "LINUX" }),
      volume: block({ name: SCRATCH_VOLUME }),
    }),
    resource("aws_security_group", "service", {
      description: `Traffic to ${spec.name} tasks`,
      vpc_id: expr("var.vpc_id"),
      ingress: block({ protocol: "tcp", from_port: CONTAINER_PORT, to_port: CONTAINER_PORT, ...ingressFrom }),
      egress: ALLOW_ALL_EGRESS,
    }),
    ...(d.loadBalancer ? loadBalancerResources(spec.name, d) : []),
    resource("aws_ecs_service", "agent", {
      name: spec.name,
      cluster: expr("aws_ecs_cluster.agent.id"),
      task_definition: expr("aws_ecs_task_definition.agent.arn"),
      desired_count: d.desiredCount,
      launch_type: "FARGATE",
      network_configuration: block({ assign_public_ip: true, subnets: expr("var.subnet_ids"), security_groups: [expr("aws_security_group.service.id")] }),
      load_balancer: d.loadBalancer ? block({ container_name: spec.name, container_port: CONTAINER_PORT, target_group_arn: expr("aws_lb_target_group.agent.arn") }) : undefined,
      depends_on: d.loadBalancer ? [expr("aws_lb_listener.agent"), expr("aws_iam_role_policy.task")] : [expr("aws_iam_role_policy.task")],
    }),
  ];
  const outputs = [output("task_role_arn", expr("aws_iam_role.task.arn"))];
  if (d.loadBalancer) outputs.unshift(output("url", template("https://", expr("aws_lb.agent.dns_name"))));
  return terraformFiles(input, {
    variables: [
      variable("image_uri", { description: "Container image in ECR (scripts/push-ecr.sh prints it)", type: expr("string") }),
      variable("vpc_id", { description: "VPC the service runs in", type: expr("string") }),
      variable("subnet_ids", { description: "Subnets with a route to the internet", type: expr("list(string)") }),
      ...(d.loadBalancer ? loadBalancerVariables(d) : []),
    ],
    resources,
    outputs,
  });
}
