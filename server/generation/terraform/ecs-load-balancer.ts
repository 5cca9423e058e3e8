import { CONTAINER_PORT, HTTPS, IDLE_HEADROOM_SECONDS, OIDC_PARAMETERS, TLS_POLICY } from "../builders/ecs-load-balancer";
import type { FargateDeployment } from "../../spec/agent-spec";
import { resource, variable } from "./common";
import { snakeParameter } from "./from-cfn";
import { block, expr, type HclTopBlock } from "./hcl";
import type { z } from "zod";

/**
 * The HTTPS Application Load Balancer of infra/cloudformation.yaml in Terraform: internal
 * (reachable from `client_cidr`) or internet-facing with OIDC sign-in, the same TLS policy
 * and an idle timeout above the agent's time budget.
 */

type Fargate = z.infer<typeof FargateDeployment>;

/** CloudFormation keeps a new security group's allow-all egress; Terraform removes it unless it is declared. */
export const ALLOW_ALL_EGRESS = block({ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] });

export function loadBalancerVariables(d: Fargate): HclTopBlock[] {
  const vars = [variable("certificate_arn", { description: "ACM certificate for the HTTPS listener", type: expr("string") })];
  if (d.exposure === "internal") {
    vars.push(variable("client_cidr", { description: "Network allowed to reach the internal load balancer", type: expr("string"), default: "10.0.0.0/8" }));
    return vars;
  }
  for (const name of OIDC_PARAMETERS) {
    const secret = name === "OidcClientSecret";
    vars.push(variable(snakeParameter(name), { description: `OIDC ${name.slice(4)} of your identity provider (e.g. a Cognito user pool)`, type: expr("string"), sensitive: secret || undefined }));
  }
  return vars;
}

function listenerActions(d: Fargate) {
  const forward = (order: number) => block({ type: "forward", order, target_group_arn: expr("aws_lb_target_group.agent.arn") });
  if (d.exposure === "internal") return [forward(1)];
  const authenticate = block({
    type: "authenticate-oidc",
    order: 1,
    authenticate_oidc: block({
      issuer: expr("var.oidc_issuer"),
      authorization_endpoint: expr("var.oidc_authorization_endpoint"),
      token_endpoint: expr("var.oidc_token_endpoint"),
      user_info_endpoint: expr("var.oidc_user_info_endpoint"),
      client_id: expr("var.oidc_client_id"),
      client_secret: expr("var.oidc_client_secret"),
      on_unauthenticated_request: "authenticate",
    }),
  });
  return [authenticate, forward(2)];
}

export function loadBalancerResources(name: string, d: Fargate): HclTopBlock[] {
  const internal = d.exposure === "internal";
  return [
    resource("aws_security_group", "load_balancer", {
      description: internal ? `HTTPS to ${name} from the client network` : `HTTPS to ${name} (OIDC sign-in at the load balancer)`,
      vpc_id: expr("var.vpc_id"),
      ingress: block({ protocol: "tcp", from_port: HTTPS, to_port: HTTPS, cidr_blocks: [internal ? expr("var.client_cidr") : "0.0.0.0/0"] }),
      egress: ALLOW_ALL_EGRESS,
    }),
    resource("aws_lb", "agent", {
      internal,
      load_balancer_type: "application",
      subnets: expr("var.subnet_ids"),
      security_groups: [expr("aws_security_group.load_balancer.id")],
      idle_timeout: d.timeBudgetSeconds + IDLE_HEADROOM_SECONDS,
      drop_invalid_header_fields: true,
    }),
    resource("aws_lb_target_group", "agent", {
      port: CONTAINER_PORT,
      protocol: "HTTP",
      target_type: "ip",
      vpc_id: expr("var.vpc_id"),
      health_check: block({ path: "/ping" }),
    }),
    resource("aws_lb_listener", "agent", {
      load_balancer_arn: expr("aws_lb.agent.arn"),
      port: HTTPS,
      protocol: "HTTPS",
      ssl_policy: TLS_POLICY,
      certificate_arn: expr("var.certificate_arn"),
      default_action: listenerActions(d),
    }),
  ];
}
