import type { FargateDeployment } from "../../spec/agent-spec";
import { ref, sub } from "./common";
import type { z } from "zod";

/**
 * The Application Load Balancer in front of the ECS service: HTTPS only (a certificate
 * parameter, TLS 1.2+ policy), and either internal (reachable from the VPC and the
 * networks joined to it) or internet-facing with every request signed in through the
 * ALB's OIDC authentication. The idle timeout sits above the agent's time budget so long
 * answers are not cut at the 60 s default.
 */

type Fargate = z.infer<typeof FargateDeployment>;

export const CONTAINER_PORT = 8080;
export const HTTPS = 443;
// The current TLS 1.3 / 1.2 policy (ELB documentation, "Security policies for your Application Load Balancer").
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
// Headroom over the time budget: the model's last chunk and the response still have to pass.
export const IDLE_HEADROOM_SECONDS = 60;

export const OIDC_PARAMETERS = ["OidcIssuer", "OidcAuthorizationEndpoint", "OidcTokenEndpoint", "OidcUserInfoEndpoint", "OidcClientId", "OidcClientSecret"] as const;

export function loadBalancerParameters(d: Fargate): Record<string, object> {
  const params: Record<string, object> = {
    CertificateArn: { Type: "String", AllowedPattern: "^arn:aws[a-z-]*:acm:.+", Description: "ACM certificate for the HTTPS listener (the load balancer's DNS name or your own)" },
  };
  if (d.exposure === "internal") {
    params.ClientCidr = { Type: "String", Default: "10.0.0.0/8", Description: "Network allowed to reach the internal load balancer" };
  } else {
    for (const name of OIDC_PARAMETERS) {
      params[name] = { Type: "String", ...(name === "OidcClientSecret" ? { NoEcho: true } : {}), Description: `OIDC ${name.slice(4)} of your identity provider (e.g. a Cognito user pool)` };
    }
  }
  return params;
}

function listenerActions(d: Fargate) {
  const forward = { Type: "forward", TargetGroupArn: ref("TargetGroup"), Order: 2 };
  if (d.exposure === "internal") return [{ ...forward, Order: 1 }];
  const authenticate = {
    Type: "authenticate-oidc",
    Order: 1,
    AuthenticateOidcConfig: {
      Issuer: ref("OidcIssuer"),
      AuthorizationEndpoint: ref("OidcAuthorizationEndpoint"),
      TokenEndpoint: ref("OidcTokenEndpoint"),
      UserInfoEndpoint: ref("OidcUserInfoEndpoint"),
      ClientId: ref("OidcClientId"),
      ClientSecret: ref("OidcClientSecret"),
      OnUnauthenticatedRequest: "authenticate",
    },
  };
  return [authenticate, forward];
}

export function loadBalancerResources(name: string, d: Fargate) {
  const internal = d.exposure === "internal";
  return {
    LoadBalancerSecurityGroup: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        GroupDescription: internal ? `HTTPS to ${name} from the client network` : `HTTPS to ${name} (OIDC sign-in at the load balancer)`,
        VpcId: ref("VpcId"),
        SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: HTTPS, ToPort: HTTPS, CidrIp: internal ? ref("ClientCidr") : "0.0.0.0/0" }],
      },
    },
    LoadBalancer: {
      Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
      Properties: {
        Scheme: internal ? "internal" : "internet-facing",
        Subnets: ref("SubnetIds"),
        SecurityGroups: [ref("LoadBalancerSecurityGroup")],
        LoadBalancerAttributes: [
          { Key: "idle_timeout.timeout_seconds", Value: String(d.timeBudgetSeconds + IDLE_HEADROOM_SECONDS) },
          { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
        ],
      },
    },
    TargetGroup: {
      Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
      Properties: { Port: CONTAINER_PORT, Protocol: "HTTP", TargetType: "ip", VpcId: ref("VpcId"), HealthCheckPath: "/ping" },
    },
    Listener: {
      Type: "AWS::ElasticLoadBalancingV2::Listener",
      Properties: {
        LoadBalancerArn: ref("LoadBalancer"),
        Port: HTTPS,
        Protocol: "HTTPS",
        SslPolicy: TLS_POLICY,
        Certificates: [{ CertificateArn: ref("CertificateArn") }],
        DefaultActions: listenerActions(d),
      },
    },
  };
}

export const loadBalancerUrl = () => ({ Url: { Value: sub("https://${LoadBalancer.DNSName}") } });
