import { lineOf, type ParsedYaml } from "./iac";
import type { Finding } from "./types";

/**
 * What the agent exposes to the network: no load balancer listener in plain HTTP (other than
 * a redirect to HTTPS), no internet-facing load balancer without sign-in, and no security
 * group open to the internet on a port other than HTTPS.
 */

type Resource = { Type?: string; Properties?: Record<string, any> };

export function checkExposure(path: string, parsed: ParsedYaml): Finding[] {
  const resources = ((parsed.doc.toJS() ?? {}) as { Resources?: Record<string, Resource> }).Resources ?? {};
  const findings: Finding[] = [];
  const fail = (name: string, message: string) => findings.push({ check: "cloudformation", file: path, line: lineOf(parsed, ["Resources", name]), message, severity: "error" });
  const listeners = Object.entries(resources).filter(([, r]) => r?.Type === "AWS::ElasticLoadBalancingV2::Listener");
  for (const [name, r] of listeners) {
    const actions = (r.Properties?.DefaultActions ?? []) as Array<{ Type?: string }>;
    const redirectOnly = actions.length > 0 && actions.every((a) => a.Type === "redirect");
    if (r.Properties?.Protocol === "HTTP" && !redirectOnly) fail(name, `listener ${name} serves plain HTTP: use HTTPS with a certificate`);
  }
  const authenticated = listeners.some(([, r]) => ((r.Properties?.DefaultActions ?? []) as Array<{ Type?: string }>).some((a) => a.Type === "authenticate-oidc" || a.Type === "authenticate-cognito"));
  for (const [name, r] of Object.entries(resources)) {
    if (r?.Type === "AWS::ElasticLoadBalancingV2::LoadBalancer" && r.Properties?.Scheme !== "internal" && !authenticated) {
      fail(name, `load balancer ${name} is internet-facing with no sign-in: make it internal or authenticate at the listener`);
    }
    if (r?.Type === "AWS::EC2::SecurityGroup") {
      for (const rule of (r.Properties?.SecurityGroupIngress ?? []) as Array<{ CidrIp?: unknown; CidrIpv6?: unknown; FromPort?: number; ToPort?: number }>) {
        const open = rule.CidrIp === "0.0.0.0/0" || rule.CidrIpv6 === "::/0";
        if (open && !(rule.FromPort === 443 && rule.ToPort === 443)) fail(name, `security group ${name} opens port ${rule.FromPort ?? "all"} to the internet`);
      }
    }
  }
  return findings;
}
