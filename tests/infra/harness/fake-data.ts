/**
 * Fakes of sst.Secret, sst.Linkable, sst.aws.permission, Dynamo, Bucket and Queue that
 * create the same AWS resources, with the same defaults, as SST v4.17.0 does
 * (components/secret.ts, linkable.ts, aws/dynamo.ts, bucket.ts, queue.ts,
 * queue-lambda-subscriber.ts), then apply the stack's `transform` exactly as SST does.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { FakeComponent, linkNames, toSeconds, transform } from "./sst-runtime";

type Def = { properties: Record<string, any>; include?: { type: string }[] };

export class Secret extends FakeComponent {
  static __pulumiType = "sst:sst:Secret";
  private readonly _value: pulumi.Output<string>;
  constructor(name: string, placeholder?: pulumi.Input<string>) {
    super(Secret.__pulumiType, name, { placeholder }, () => ({ required: placeholder === undefined }));
    this._value = pulumi.output(process.env[`SST_SECRET_${name}`] ?? placeholder).apply((v) => {
      if (typeof v !== "string") throw new Error(`Set a value for ${name} with \`sst secret set ${name} <value>\``);
      return v;
    });
  }
  get name() { return pulumi.output(this.sstName); }
  get value() { return pulumi.secret(this._value); }
  getSSTLink(): Def { return { properties: { value: this.value } }; }
}

export class Linkable extends FakeComponent {
  static __pulumiType = "sst:sst:Linkable";
  constructor(name: string, private readonly definition: Def) { super(Linkable.__pulumiType, name, {}); }
  getSSTLink() { return this.definition; }
  static wrap(cls: { prototype: any }, cb: (r: any) => Def) {
    cls.prototype.getSSTLink = function () { return cb(this); };
  }
}

export const permission = (input: Record<string, unknown>) => ({ type: "aws.permission" as const, ...input });

export class Dynamo extends FakeComponent {
  static __pulumiType = "sst:aws:Dynamo";
  private readonly table: aws.dynamodb.Table;
  constructor(name: string, args: any) {
    super(Dynamo.__pulumiType, name, args);
    const gsis = Object.entries(args.globalIndexes ?? {}).map(([n, i]: [string, any]) => ({ name: n, hashKey: i.hashKey, rangeKey: i.rangeKey, projectionType: "ALL" }));
    this.table = new aws.dynamodb.Table(...transform(args.transform?.table, `${name}Table`, {
      attributes: Object.entries(args.fields).map(([n, t]) => ({ name: n, type: t === "string" ? "S" : t === "number" ? "N" : "B" })),
      billingMode: "PAY_PER_REQUEST",
      hashKey: args.primaryIndex.hashKey,
      rangeKey: args.primaryIndex.rangeKey,
      streamEnabled: Boolean(args.stream),
      pointInTimeRecovery: { enabled: true },
      ttl: args.ttl === undefined ? undefined : { attributeName: args.ttl, enabled: true },
      globalSecondaryIndexes: gsis,
      deletionProtectionEnabled: args.deletionProtection,
    } as aws.dynamodb.TableArgs, { parent: this }));
  }
  get arn() { return this.table.arn; }
  get name() { return this.table.name; }
  get nodes() { return { table: pulumi.output(this.table) }; }
  getSSTLink(): Def { return { properties: { name: this.name }, include: [permission({ actions: ["dynamodb:*"], resources: [this.arn, pulumi.interpolate`${this.arn}/*`] })] }; }
}

export class Bucket extends FakeComponent {
  static __pulumiType = "sst:aws:Bucket";
  private readonly bucket: aws.s3.Bucket;
  constructor(name: string, args: any = {}) {
    super(Bucket.__pulumiType, name, args);
    const parent = this;
    this.bucket = new aws.s3.Bucket(...transform(args.transform?.bucket, `${name}Bucket`, { forceDestroy: true } as aws.s3.BucketArgs, { parent }));
    if (args.versioning) new aws.s3.BucketVersioning(...transform(args.transform?.versioning, `${name}Versioning`, { bucket: this.bucket.bucket, versioningConfiguration: { status: "Enabled" } }, { parent }));
    if (args.transform?.publicAccessBlock !== false) {
      new aws.s3.BucketPublicAccessBlock(...transform(args.transform?.publicAccessBlock, `${name}PublicAccessBlock`, {
        bucket: this.bucket.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
      }, { parent }));
    }
    if (args.enforceHttps ?? true) {
      new aws.s3.BucketPolicy(`${name}Policy`, {
        bucket: this.bucket.bucket,
        policy: pulumi.jsonStringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
      }, { parent });
    }
  }
  get name() { return this.bucket.bucket; }
  get arn() { return this.bucket.arn; }
  get nodes() { return { bucket: pulumi.output(this.bucket) }; }
  getSSTLink(): Def { return { properties: { name: this.name }, include: [permission({ actions: ["s3:*"], resources: [this.arn, pulumi.interpolate`${this.arn}/*`] })] }; }
}

export class Queue extends FakeComponent {
  static __pulumiType = "sst:aws:Queue";
  private readonly queue: aws.sqs.Queue;
  private subscribed = false;
  constructor(name: string, args: any = {}) {
    super(Queue.__pulumiType, name, args);
    const fifo = args.fifo ? { contentBasedDeduplication: args.fifo === true ? false : args.fifo.contentBasedDeduplication ?? false } : false;
    const dlq = args.dlq === undefined ? undefined : typeof args.dlq === "string" ? { queue: args.dlq, retry: 3 } : args.dlq;
    this.queue = new aws.sqs.Queue(...transform(args.transform?.queue, `${name}Queue`, {
      fifoQueue: fifo !== false,
      contentBasedDeduplication: fifo === false ? false : fifo.contentBasedDeduplication,
      visibilityTimeoutSeconds: toSeconds(args.visibilityTimeout ?? "30 seconds"),
      delaySeconds: toSeconds(args.delay ?? "0 seconds"),
      redrivePolicy: dlq && pulumi.jsonStringify({ deadLetterTargetArn: dlq.queue, maxReceiveCount: dlq.retry }),
    } as aws.sqs.QueueArgs, { parent: this }));
  }
  get arn() { return this.queue.arn; }
  get url() { return this.queue.url; }
  get nodes() { return { queue: this.queue }; }
  getSSTLink(): Def { return { properties: { url: this.url }, include: [permission({ actions: ["sqs:*"], resources: [this.arn] })] }; }
  /** Only the function-ARN form is faked; SST's QueueLambdaSubscriber builds this mapping. */
  subscribe(subscriber: pulumi.Input<string>, args: any = {}) {
    if (this.subscribed) throw new Error(`Cannot subscribe to the "${this.sstName}" queue multiple times.`);
    this.subscribed = true;
    return pulumi.output(subscriber).apply((arn) => {
      if (!arn.startsWith("arn:")) throw new Error("fake Queue.subscribe supports function ARNs only");
      return new aws.lambda.EventSourceMapping(...transform(args.transform?.eventSourceMapping, `${this.sstName}Subscriber`, {
        functionResponseTypes: args.batch?.partialResponses ? ["ReportBatchItemFailures"] : [],
        batchSize: args.batch?.size ?? 10,
        maximumBatchingWindowInSeconds: args.batch?.window ? toSeconds(args.batch.window) : 0,
        eventSourceArn: this.queue.arn,
        functionName: arn,
      } as aws.lambda.EventSourceMappingArgs, { parent: this }));
    });
  }
}

export { linkNames };
