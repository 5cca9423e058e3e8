import { iacOf } from "../../spec/agent-spec";
import type { ResolvedProject } from "../types";

/**
 * The variables scripts/deploy.sh requires, per target: the workflow passes each from a
 * repository variable, the README lists them, and verification checks that the two agree.
 */
export type DeployVariable = {
  name: string;
  description: string;
  example: string;
  /** The CloudFormation parameter it sets; null when the script uses it itself. */
  parameter: string | null;
  /** Passed from a repository secret instead of a variable. */
  secret?: boolean;
};

const TF_STATE_BUCKET: DeployVariable = { name: "TF_STATE_BUCKET", description: "S3 bucket for the Terraform state (versioning on)", example: "my-terraform-state", parameter: null };

export function deployVariables(project: ResolvedProject): DeployVariable[] {
  const vars = targetVariables(project);
  return iacOf(project.spec.deployment) === "terraform" ? [TF_STATE_BUCKET, ...vars] : vars;
}

function targetVariables(project: ResolvedProject): DeployVariable[] {
  const d = project.spec.deployment;
  if (d.target === "lambda") return [{ name: "CODE_BUCKET", description: "S3 bucket for the deployment package", example: "my-artifacts-bucket", parameter: null }];
  if (d.target !== "ecs-fargate") return [];
  const vars: DeployVariable[] = [
    { name: "VPC_ID", description: "VPC the service runs in", example: "vpc-0123456789abcdef0", parameter: "VpcId" },
    { name: "SUBNET_IDS", description: "comma-separated subnets (at least two zones for the load balancer)", example: "subnet-a,subnet-b", parameter: "SubnetIds" },
  ];
  if (!d.loadBalancer) return vars;
  vars.push({ name: "CERTIFICATE_ARN", description: "ACM certificate for the HTTPS listener", example: "arn:aws:acm:us-east-1:123456789012:certificate/...", parameter: "CertificateArn" });
  if (d.exposure === "internal") {
    vars.push({ name: "CLIENT_CIDR", description: "network allowed to reach the internal load balancer", example: "10.0.0.0/8", parameter: "ClientCidr" });
  } else {
    vars.push(
      { name: "OIDC_ISSUER", description: "OIDC issuer (e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>)", example: "https://issuer.example.com", parameter: "OidcIssuer" },
      { name: "OIDC_AUTHORIZATION_ENDPOINT", description: "OIDC authorization endpoint", example: "https://auth.example.com/oauth2/authorize", parameter: "OidcAuthorizationEndpoint" },
      { name: "OIDC_TOKEN_ENDPOINT", description: "OIDC token endpoint", example: "https://auth.example.com/oauth2/token", parameter: "OidcTokenEndpoint" },
      { name: "OIDC_USER_INFO_ENDPOINT", description: "OIDC user info endpoint", example: "https://auth.example.com/oauth2/userInfo", parameter: "OidcUserInfoEndpoint" },
      { name: "OIDC_CLIENT_ID", description: "OIDC app client id", example: "abc123", parameter: "OidcClientId" },
      { name: "OIDC_CLIENT_SECRET", description: "OIDC app client secret (a repository secret)", example: "...", parameter: "OidcClientSecret", secret: true },
    );
  }
  return vars;
}
