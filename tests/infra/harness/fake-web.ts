/**
 * Fakes of sst.aws.Router, Nextjs and ApiGatewayV2 following SST v4.17.0 (aws/router.ts,
 * nextjs.ts + ssr-site.ts, apigatewayv2.ts + apigatewayv2-lambda-route.ts). Nextjs builds its
 * server as an sst.aws.Function, like SST does, so platform-wide function transforms reach it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Function } from "./fake-function";
import { FakeComponent, linkNames, pending, RETENTION, toSeconds, transform } from "./sst-runtime";

export type RouteRecord = { router: string; pattern: string; url: string; args?: unknown };
export const routes: RouteRecord[] = [];

export class Router extends FakeComponent {
  static __pulumiType = "sst:aws:Router";
  constructor(name: string, args: any = {}) {
    super(Router.__pulumiType, name, args, (a) => ({ domain: a.domain ?? null }));
    // cdn.ts/router.ts: one distribution whose default behaviour redirects HTTP to HTTPS.
    new aws.cloudfront.Distribution(`${name}Cdn`, {
      enabled: true,
      origins: [{ originId: "default", domainName: "placeholder.sst.dev" }],
      defaultCacheBehavior: { targetOriginId: "default", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    }, { parent: this });
  }
  get url() { return pulumi.output("https://d1234abcd.cloudfront.net"); }
  route(pattern: pulumi.Input<string>, url: pulumi.Input<string>, args?: unknown) {
    pending.push(pulumi.all([pattern, url]).apply(([p, u]) => routes.push({ router: this.sstName, pattern: p, url: u, args })));
  }
}

export class Nextjs extends FakeComponent {
  static __pulumiType = "sst:aws:Nextjs";
  private readonly server: Function;
  private readonly routerUrl: pulumi.Output<string>;
  constructor(name: string, args: any = {}) {
    super(Nextjs.__pulumiType, name, args, (a) => ({ link: linkNames(a.link), environment: a.environment ?? {}, server: a.server ?? {} }));
    this.server = new Function(`${name}Server`, {
      description: `${name} server`,
      handler: "index.handler",
      runtime: args.server?.runtime ?? "nodejs24.x",
      timeout: args.server?.timeout ?? "20 seconds",
      memory: args.server?.memory ?? "1024 MB",
      architecture: args.server?.architecture ?? "x86_64",
      environment: args.environment,
      permissions: args.permissions,
      link: args.link,
    });
    this.routerUrl = args.router ? pulumi.output(args.router.instance).apply((r: Router) => r.url) : pulumi.output("https://d5678.cloudfront.net");
    if (args.router) pending.push(pulumi.output(this.routerUrl).apply((u) => routes.push({ router: "site", pattern: args.router.path ?? "/", url: `site:${name}` })));
  }
  get url() { return this.routerUrl; }
  get nodes() { return { server: pulumi.output(this.server) }; }
  getSSTLink() { return { properties: { url: this.url } }; }
}

export class ApiGatewayV2 extends FakeComponent {
  static __pulumiType = "sst:aws:ApiGatewayV2";
  private readonly api: aws.apigatewayv2.Api;
  constructor(name: string, args: any = {}) {
    super(ApiGatewayV2.__pulumiType, name, args);
    const parent = this;
    const cors = pulumi.output(args.cors).apply((c) => {
      const defaults = { allowHeaders: ["*"], allowMethods: ["*"], allowOrigins: ["*"] };
      if (c === false) return {};
      return c === true || c === undefined ? defaults : { ...defaults, ...c, maxAge: c.maxAge && toSeconds(c.maxAge) };
    });
    this.api = new aws.apigatewayv2.Api(...transform(args.transform?.api, `${name}Api`, { protocolType: "HTTP", corsConfiguration: cors } as aws.apigatewayv2.ApiArgs, { parent }));
    const logGroup = new aws.cloudwatch.LogGroup(`${name}AccessLog`, { name: `/aws/vendedlogs/apis/${name}`, retentionInDays: RETENTION[args.accessLog?.retention ?? "1 month"] }, { parent });
    new aws.apigatewayv2.Stage(...transform(args.transform?.stage, `${name}Stage`, {
      apiId: this.api.id, autoDeploy: true, name: "$default", accessLogSettings: { destinationArn: logGroup.arn, format: "{}" },
    } as aws.apigatewayv2.StageArgs, { parent }));
  }
  get url() { return this.api.apiEndpoint; }
  get nodes() { return { api: this.api }; }
  route(rawRoute: string, handler: pulumi.Input<string>) {
    const id = rawRoute.replace(/[^A-Za-z0-9]/g, "");
    const fn = pulumi.output(handler);
    new aws.lambda.Permission(`${this.sstName}Route${id}Permissions`, { action: "lambda:InvokeFunction", function: fn, principal: "apigateway.amazonaws.com", sourceArn: pulumi.interpolate`${this.api.executionArn}/*` }, { parent: this });
    const integration = new aws.apigatewayv2.Integration(`${this.sstName}Route${id}Integration`, { apiId: this.api.id, integrationType: "AWS_PROXY", integrationUri: fn, payloadFormatVersion: "2.0" }, { parent: this });
    return new aws.apigatewayv2.Route(`${this.sstName}Route${id}`, { apiId: this.api.id, routeKey: rawRoute, target: pulumi.interpolate`integrations/${integration.id}` }, { parent: this });
  }
}
