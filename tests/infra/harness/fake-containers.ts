/**
 * Fakes of sst.aws.Vpc, Cluster, Service and Task creating the resources SST v4.17.0 creates
 * (aws/vpc.ts, cluster.ts, service.ts, task.ts, fargate.ts: createTaskRole,
 * createExecutionRole, createTaskDefinition), reduced to the properties the rules read:
 * NAT gateways, roles and their policies, log groups, the task definition (with links as
 * SST_RESOURCE_* variables and `ssm` as ECS secrets), the load balancer and the service.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { FakeComponent, linkEnvironment, linkNames, linkPermissions, policyDocument, RETENTION, toMBs, transform } from "./sst-runtime";

export class Vpc extends FakeComponent {
  static __pulumiType = "sst:aws:Vpc";
  private readonly vpc: aws.ec2.Vpc;
  constructor(name: string, args: any = {}) {
    super(Vpc.__pulumiType, name, args, (a) => ({ nat: a.nat ?? null, az: a.az ?? 2 }));
    this.vpc = new aws.ec2.Vpc(`${name}Vpc`, { cidrBlock: "10.0.0.0/16" }, { parent: this });
    const azs = typeof args.az === "number" ? args.az : 2;
    if (args.nat) for (let i = 0; i < azs; i++) new aws.ec2.NatGateway(`${name}NatGateway${i + 1}`, { subnetId: `subnet-${i}` }, { parent: this });
  }
  get id() { return this.vpc.id; }
}

export class Cluster extends FakeComponent {
  static __pulumiType = "sst:aws:Cluster";
  private readonly cluster: aws.ecs.Cluster;
  constructor(name: string, args: any) {
    super(Cluster.__pulumiType, name, args);
    this.cluster = new aws.ecs.Cluster(...transform(args.transform?.cluster, `${name}Cluster`, {} as aws.ecs.ClusterArgs, { parent: this }));
  }
  get nodes() { return { cluster: pulumi.output(this.cluster) }; }
}

const CPU: Record<string, number> = { "0.25 vCPU": 256, "0.5 vCPU": 512, "1 vCPU": 1024, "2 vCPU": 2048, "4 vCPU": 4096 };

/** Roles, log group and task definition shared by Service and Task (fargate.ts). */
function fargateTask(self: FakeComponent, name: string, args: any) {
  const parent = self;
  const statements = pulumi.all([args.permissions ?? [], linkPermissions(args.link)]).apply(([p, l]) => [...p, ...l]);
  const taskRole = new aws.iam.Role(...transform(args.transform?.taskRole, `${name}TaskRole`, {
    assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    inlinePolicies: statements.apply((s) => [{ name: "inline", policy: policyDocument([...s, { actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], resources: ["*"] }]) }]),
  } as aws.iam.RoleArgs, { parent }));
  const executionRole = new aws.iam.Role(...transform(args.transform?.executionRole, `${name}ExecutionRole`, {
    assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
    inlinePolicies: [{ name: "inline", policy: policyDocument([{ actions: ["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory", "secretsmanager:GetSecretValue"], resources: ["*"] }]) }],
  } as aws.iam.RoleArgs, { parent }));
  const logging = args.logging ?? {};
  const logGroup = new aws.cloudwatch.LogGroup(...transform(args.transform?.logGroup, `${name}LogGroup${name}`, { name: `/sst/cluster/${name}`, retentionInDays: RETENTION[logging.retention ?? "1 month"] } as aws.cloudwatch.LogGroupArgs, { parent }));
  const containers = pulumi.all([linkEnvironment(args.link), args.environment ?? {}, args.ssm ?? {}, logGroup.name]).apply(([linkEnv, env, ssm, group]) => [{
    name,
    image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/sst-asset:${name}`,
    environment: Object.entries({ ...env, ...linkEnv }).map(([n, value]) => ({ name: n, value })),
    secrets: Object.entries(ssm).map(([n, valueFrom]) => ({ name: n, valueFrom })),
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": group } },
    dockerfile: args.image?.dockerfile,
  }]);
  const taskDefinition = new aws.ecs.TaskDefinition(...transform(args.transform?.taskDefinition, `${name}Task`, {
    family: `cluster-${name}`,
    cpu: String(CPU[args.cpu ?? "0.25 vCPU"]),
    memory: String(toMBs(args.memory ?? "0.5 GB")),
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    runtimePlatform: { cpuArchitecture: (args.architecture ?? "x86_64").toUpperCase(), operatingSystemFamily: "LINUX" },
    executionRoleArn: executionRole.arn,
    taskRoleArn: taskRole.arn,
    containerDefinitions: pulumi.jsonStringify(containers),
  } as aws.ecs.TaskDefinitionArgs, { parent }));
  return { taskRole, executionRole, taskDefinition };
}

export class Service extends FakeComponent {
  static __pulumiType = "sst:aws:Service";
  private readonly parts: ReturnType<typeof fargateTask>;
  private readonly service: aws.ecs.Service;
  private readonly loadBalancer?: aws.lb.LoadBalancer;
  private readonly _url?: pulumi.Output<string>;
  constructor(name: string, args: any) {
    super(Service.__pulumiType, name, args, (a) => ({ link: linkNames(a.link), loadBalancer: a.loadBalancer, scaling: a.scaling ?? null }));
    const parent = this;
    this.parts = fargateTask(this, name, args);
    if (args.loadBalancer) {
      const lb = (this.loadBalancer = new aws.lb.LoadBalancer(...transform(args.transform?.loadBalancer, `${name}LoadBalancer`, { internal: false, loadBalancerType: "application" } as aws.lb.LoadBalancerArgs, { parent })));
      this._url = pulumi.all([args.loadBalancer, lb.dnsName]).apply(([l, dns]) => (l.domain ? `https://${l.domain}/` : `http://${dns}`));
    }
    this.service = new aws.ecs.Service(...transform(args.transform?.service, `${name}Service`, {
      name,
      cluster: args.cluster.nodes.cluster.apply((c: aws.ecs.Cluster) => c.arn),
      taskDefinition: this.parts.taskDefinition.arn,
      desiredCount: args.scaling?.min ?? 1,
      launchType: "FARGATE",
      networkConfiguration: { assignPublicIp: true, subnets: ["subnet-public-1", "subnet-public-2"] },
    } as aws.ecs.ServiceArgs, { parent }));
  }
  get url() {
    if (!this._url) throw new Error("Cannot access the URL because no public ports are exposed.");
    return this._url;
  }
  get nodes() {
    return { service: pulumi.output(this.service), taskRole: this.parts.taskRole, executionRole: this.parts.executionRole, taskDefinition: pulumi.output(this.parts.taskDefinition), loadBalancer: this.loadBalancer! };
  }
  getSSTLink() { return { properties: { url: this.url, service: undefined } }; }
}

export class Task extends FakeComponent {
  static __pulumiType = "sst:aws:Task";
  private readonly parts: ReturnType<typeof fargateTask>;
  private readonly clusterArn: pulumi.Output<string>;
  constructor(name: string, args: any) {
    super(Task.__pulumiType, name, args, (a) => ({ link: linkNames(a.link) }));
    this.parts = fargateTask(this, name, args);
    this.clusterArn = args.cluster.nodes.cluster.apply((c: aws.ecs.Cluster) => c.arn);
  }
  get taskDefinition() { return this.parts.taskDefinition.arn; }
  get containers() { return pulumi.output([pulumi.output(this.sstName)]); }
  get cluster() { return this.clusterArn; }
  get securityGroups() { return pulumi.output(["sg-1"]); }
  get subnets() { return pulumi.output(["subnet-public-1", "subnet-public-2"]); }
  get assignPublicIp() { return pulumi.output(true); }
  get nodes() { return { executionRole: this.parts.executionRole, taskRole: this.parts.taskRole, taskDefinition: pulumi.output(this.parts.taskDefinition) }; }
  getSSTLink() {
    return { properties: { cluster: this.cluster, taskDefinition: this.taskDefinition }, include: [{ type: "aws.permission", actions: ["ecs:*"], resources: [this.taskDefinition] }] };
  }
}
