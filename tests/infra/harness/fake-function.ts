/**
 * Fake of sst.aws.Function building the role, log group and Lambda function the way SST
 * v4.17.0 does (aws/function.ts: createRole, createLogGroup, createFunction), then applying
 * the `transform` arguments. Links are bundled by SST into an encrypted file, not the
 * environment, so they only contribute IAM statements here.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { FakeComponent, linkNames, linkPermissions, policyDocument, RETENTION, toMBs, toSeconds, transform } from "./sst-runtime";

export class Function extends FakeComponent {
  static __pulumiType = "sst:aws:Function";
  private readonly fn: pulumi.Output<aws.lambda.Function>;
  private readonly role: aws.iam.Role;
  constructor(name: string, args: any) {
    super(Function.__pulumiType, name, args, (a) => ({ handler: a.handler, link: linkNames(a.link), copyFiles: a.copyFiles ?? [], install: a.nodejs?.install ?? [] }));
    const parent = this;
    const statements = pulumi.all([args.permissions ?? [], linkPermissions(args.link)]).apply(([p, l]) => [...p, ...l]);
    this.role = new aws.iam.Role(...transform(args.transform?.role, `${name}Role`, {
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      inlinePolicies: statements.apply((s) => (s.length ? [{ name: "inline", policy: policyDocument(s) }] : [])),
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
    } as aws.iam.RoleArgs, { parent }));

    this.fn = pulumi.output(args.logging).apply((rawLogging) => {
      const logging = rawLogging === false ? undefined : { retention: rawLogging?.retention ?? "1 month", format: rawLogging?.format ?? "text", logGroup: rawLogging?.logGroup };
      const logGroup = logging && !logging.logGroup
        ? new aws.cloudwatch.LogGroup(...transform(args.transform?.logGroup, `${name}LogGroup`, { name: `/aws/lambda/${name}Function`, retentionInDays: RETENTION[logging.retention] } as aws.cloudwatch.LogGroupArgs, { parent }))
        : undefined;
      return pulumi.output(args.concurrency).apply((concurrency) =>
        new aws.lambda.Function(...transform(args.transform?.function, `${name}Function`, {
          description: args.description ?? "",
          role: this.role.arn,
          handler: args.handler,
          runtime: args.runtime ?? "nodejs24.x",
          timeout: pulumi.output(args.timeout ?? "20 seconds").apply(toSeconds),
          memorySize: pulumi.output(args.memory ?? "1024 MB").apply(toMBs),
          environment: { variables: args.environment ?? {} },
          architectures: [args.architecture ?? "x86_64"],
          loggingConfig: logging && { logFormat: logging.format === "json" ? "JSON" : "Text", logGroup: logging.logGroup ?? logGroup!.name },
          reservedConcurrentExecutions: concurrency?.reserved,
          packageType: "Zip",
        } as aws.lambda.FunctionArgs, { parent })),
      );
    });
  }
  get name() { return this.fn.apply((f) => f.name); }
  get arn() { return this.fn.apply((f) => f.arn); }
  get nodes() { return { role: this.role, function: this.fn }; }
}
