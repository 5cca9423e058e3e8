/**
 * The aws-mode sweeper in the deployed stack: a function running server/agents/sweeper.ts,
 * invoked every minute by EventBridge, one at a time, with a timeout that holds the sweep's
 * deployment budget. (Its role is held to least privilege in stack.test.ts: rules/iam.ts.)
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { SWEEP } from "../../server/agents/sweeper";
import { SWEEPER } from "../../stacks/config";
import { runStack, type Snapshot } from "./harness/run-stack";
import { functionNamed, ofType, roleNamed, roleStatements } from "./rules/query";
import { checkAlarms } from "./rules/monitoring";

let s: Snapshot;
before(async () => {
  s = await runStack("production");
});

test("the sweeper runs every minute, one at a time, within its timeout, and alarms on errors", () => {
  const fn = functionNamed(s, "Sweeper");
  assert.ok(fn, "the sweeper function exists");
  assert.equal(fn.inputs.handler, "server/agents/sweeper.handler");
  assert.equal(fn.inputs.reservedConcurrentExecutions, 1);
  assert.ok(SWEEP.deploymentBudgetMs + SWEEP.pollMs < fn.inputs.timeout * 1000, "the deployment budget fits the timeout");
  assert.equal(fn.inputs.environment.variables.APP_RUNTIME, "aws");

  const rule = ofType(s, "aws:cloudwatch/eventRule:EventRule").find((r) => r.name === "SweeperSchedule");
  assert.equal(rule?.inputs.scheduleExpression, SWEEPER.schedule);
  const target = ofType(s, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.inputs.rule === rule?.state.name);
  assert.equal(target?.inputs.arn, fn.state.arn, "the schedule invokes the sweeper");
  const permission = ofType(s, "aws:lambda/permission:Permission").find((p) => p.inputs.sourceArn === rule?.state.arn);
  assert.deepEqual([permission?.inputs.principal, permission?.inputs.function], ["events.amazonaws.com", fn.state.name]);

  assert.ok(ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm").some((a) => a.name === "AlarmSweeperErrorRate"));
  assert.deepEqual(checkAlarms(s), []);
});

test("the sweeper may send to the work queues and use the table, and consumes nothing", () => {
  const statements = roleStatements(roleNamed(s, "SweeperRole"));
  const actions = new Set(statements.flatMap((st) => st.Action));
  assert.ok(actions.has("sqs:SendMessage"));
  assert.ok([...actions].some((a) => a.startsWith("dynamodb:Query")));
  for (const a of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "bedrock:InvokeModel"]) assert.ok(!actions.has(a), a);
});
