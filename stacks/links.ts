/**
 * Narrows what linking grants. SST's own links give `dynamodb:*`, `sqs:*`, `s3:*` and `ecs:*`
 * on the linked resource; `sst.Linkable.wrap` (SST's documented way to redefine a link)
 * replaces them with the action lists in iam.ts. The properties keep SST's shape, so
 * `Resource.AgentTable.name`, `Resource.PmQueue.url`, `Resource.Artifacts.name` and the
 * `task.run(Resource.TestRunner)` SDK helper read the same fields as with SST's defaults.
 *
 * Must run before any component is created: SST reads a link when it is first resolved.
 */
import { bucketStatements, QUEUE_SEND_ACTIONS, type Statement, tableStatements, taskFamilyArn, tasksInClusterArn, taskRunStatements } from "./iam";

const asPermissions = (statements: Statement[]) =>
  statements.map((s) => sst.aws.permission({ actions: s.actions, resources: s.resources }));

export function narrowLinkPermissions() {
  sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
    properties: { name: table.name },
    include: asPermissions(tableStatements(table.arn, $interpolate`${table.arn}/index/*`)),
  }));

  // A linked queue may be SENT to, nothing more. Any app process may hand a modification to
  // whichever role owns its status (server/modifications/workers/lifecycle.ts enqueueOwner), so
  // all four work queues are linked everywhere; consuming is granted to one worker per queue
  // (workers.ts), and the dead-letter queues are linked to no one.
  sst.Linkable.wrap(sst.aws.Queue, (queue) => ({
    properties: { url: queue.url },
    include: [sst.aws.permission({ actions: QUEUE_SEND_ACTIONS, resources: [queue.arn] })],
  }));

  sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({
    properties: { name: bucket.name },
    include: asPermissions(bucketStatements(bucket.arn, $interpolate`${bucket.arn}/*`)),
  }));

  sst.Linkable.wrap(sst.aws.Task, (task) => ({
    properties: {
      cluster: task.cluster,
      containers: task.containers,
      taskDefinition: task.taskDefinition,
      subnets: task.subnets,
      securityGroups: task.securityGroups,
      assignPublicIp: task.assignPublicIp,
    },
    include: asPermissions(
      taskRunStatements({
        familyArn: task.taskDefinition.apply(taskFamilyArn),
        tasksInCluster: task.cluster.apply(tasksInClusterArn),
        roleArns: [task.nodes.taskRole.arn, task.nodes.executionRole.arn],
      }),
    ),
  }));
}
