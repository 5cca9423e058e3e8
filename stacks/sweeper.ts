/**
 * The repair sweep in aws mode (server/agents/sweeper.ts): what the local processes run on
 * timers (server/local/web-sweep.ts, worker-process.ts), here a function invoked every minute
 * by an EventBridge schedule. It re-enqueues unfinished modifications (a failed send, a crashed
 * worker), closes test runs a stopped runner left active, and steps unfinished deployments,
 * which no web request lives long enough to watch. The rule, its target and the invoke
 * permission are the three resources sst.aws.Cron creates (aws/cron.ts), written out here.
 */
import { FUNCTION_DEFAULTS, SWEEPER } from "./config";
import { appEnvironment, appLinks, type AppDeps } from "./workers";

export function createSweeper(d: AppDeps) {
  const fn = new sst.aws.Function(SWEEPER.functionName, {
    description: "Repair sweep: unfinished modifications, stale test runs, deployments",
    handler: SWEEPER.handler,
    runtime: FUNCTION_DEFAULTS.runtime,
    architecture: FUNCTION_DEFAULTS.architecture,
    timeout: `${SWEEPER.timeoutSeconds} seconds`,
    memory: `${SWEEPER.memoryMb} MB`,
    // One sweep at a time: a slow one is not overlapped by the next minute's.
    concurrency: { reserved: 1 },
    link: appLinks(d),
    environment: { ...appEnvironment(d), POWERTOOLS_SERVICE_NAME: "sweeper" },
  });
  const rule = new aws.cloudwatch.EventRule(`${SWEEPER.functionName}Schedule`, { scheduleExpression: SWEEPER.schedule });
  new aws.cloudwatch.EventTarget(`${SWEEPER.functionName}Target`, { rule: rule.name, arn: fn.arn });
  new aws.lambda.Permission(`${SWEEPER.functionName}Invoke`, { action: "lambda:InvokeFunction", function: fn.name, principal: "events.amazonaws.com", sourceArn: rule.arn });
  return fn;
}
