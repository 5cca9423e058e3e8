/**
 * The public edge. One CloudFront Router serves the site, and routes by path:
 *   /          -> the Next.js app (SST Nextjs, HTTPS only: CloudFront redirects HTTP)
 *   /api/*     -> an API Gateway HTTP API throttled at 100 req/s (burst 200), CORS limited to
 *                 the site's origin, which invokes the same Next.js server function
 *   /realtime  -> the WebSocket service (wss, same origin, so no CORS and no mixed content)
 * API Gateway's stage throttle is the platform-wide rate limit, with no idle charge;
 * CloudFront alone has none (WAF would add a fixed monthly fee per web ACL and rule).
 */
import type { Input, Output } from "@pulumi/pulumi";
import { FUNCTION_DEFAULTS, LOGS, NAMES, REALTIME, WEB } from "./config";
import type { DeployInputs } from "./inputs";

export function createRouter(inputs: DeployInputs) {
  const router = new sst.aws.Router(NAMES.router, { domain: inputs.DOMAIN });
  const siteUrl: Output<string> = inputs.DOMAIN ? $output(`https://${inputs.DOMAIN}`) : router.url;
  return { router, siteUrl };
}

export type WebDeps = {
  router: sst.aws.Router;
  siteUrl: Output<string>;
  link: any[];
  permissions: { actions: string[]; resources: Input<Input<string>[]> }[];
  environment: Record<string, Input<string>>;
  realtimeUrl: Output<string>;
};

export function createWeb(d: WebDeps) {
  const site = new sst.aws.Nextjs(NAMES.web, {
    router: { instance: d.router },
    link: d.link,
    permissions: d.permissions,
    environment: d.environment,
    server: { architecture: WEB.serverArchitecture, memory: WEB.serverMemory, timeout: `${WEB.serverTimeoutSeconds} seconds`, runtime: FUNCTION_DEFAULTS.runtime },
  });
  const server = site.nodes.server;
  // Undefined only under `sst dev`, which this project does not use (local mode is `npm start`).
  if (!server) throw new Error("Nextjs did not create a server function; /api cannot be routed");

  const api = new sst.aws.ApiGatewayV2(NAMES.api, {
    cors: {
      allowOrigins: [d.siteUrl],
      allowCredentials: true,
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["content-type", "authorization", "trpc-accept", "x-trpc-source"],
      maxAge: "1 hour",
    },
    accessLog: { retention: LOGS.apiAccessLogRetention },
    transform: {
      stage: (args) => {
        args.defaultRouteSettings = { throttlingRateLimit: WEB.throttleRatePerSecond, throttlingBurstLimit: WEB.throttleBurst };
        return undefined;
      },
    },
  });
  api.route(`ANY ${WEB.apiPathPrefix}/{proxy+}`, server.apply((fn) => fn.arn));
  d.router.route(WEB.apiPathPrefix, api.url);
  d.router.route(REALTIME.routePath, d.realtimeUrl, { readTimeout: "60 seconds" });
  return { site, api };
}
