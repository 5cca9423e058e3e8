/**
 * The offline infrastructure check: runs the real sst.config.ts under Pulumi mocks with
 * faithful SST fakes (tests/infra/harness) and holds every resource to the issue's
 * requirements (tests/infra/rules). mutations.ts proves each check can fail.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { runStack, TEST_INPUTS, type Snapshot } from "./harness/run-stack";
import { checkBucket, checkTable } from "./rules/data";
import { checkQueues } from "./rules/queues";
import { checkAllFunctions, checkWorkers } from "./rules/functions";
import { checkLeastPrivilege } from "./rules/iam";
import { checkAlarms, checkDashboard } from "./rules/monitoring";
import { checkBudget, checkIdleCost } from "./rules/cost";
import { checkEdge, checkKey, checkRealtime, checkSecretPlacement } from "./rules/security";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { functionNamed, ofType, queueNamed, roleNamed, roleStatements } from "./rules/query";
import { REQUIRED } from "./rules/requirements";
import { checkAppContract, platformLinks } from "./rules/contract";
import { registerMutationTests } from "./mutations";

let s: Snapshot;
before(async () => {
  s = await runStack("production");
});

describe("the deployed stack meets every requirement", () => {
  test("table: pk/sk, gsi1, gsi2, on-demand, PITR, encryption", () => assert.deepEqual(checkTable(s), []));
  test("bucket: private, versioned, encrypted, lifecycle", () => assert.deepEqual(checkBucket(s), []));
  test("queues: FIFO + dedup, DLQ, receives, visibility ratio, partial batches", () => assert.deepEqual(checkQueues(s), []));
  test("workers: handlers, arm64, reserved concurrency, Dev 15 min / 2 GB", () => assert.deepEqual(checkWorkers(s), []));
  test("every function: tracing, JSON logs kept 7 days, KMS-encrypted environment", () => assert.deepEqual(checkAllFunctions(s), []));
  test("least-privilege IAM", () => assert.deepEqual(checkLeastPrivilege(s), []));
  test("alarms to an encrypted, subscribed topic", () => assert.deepEqual(checkAlarms(s), []));
  test("dashboard shows the custom metrics", () => assert.deepEqual(checkDashboard(s, [...REQUIRED.customMetrics]), []));
  test("budget: $10 a month, email at 80%", () => assert.deepEqual(checkBudget(s, TEST_INPUTS.ALERT_EMAIL), []));
  test("nothing bills by the hour that need not", () => assert.deepEqual(checkIdleCost(s), []));
  test("KMS key: rotation and policy", () => assert.deepEqual(checkKey(s), []));
  test("secrets only in encrypted places; required ones have no placeholder", () => assert.deepEqual(checkSecretPlacement(s), []));
  test("edge: HTTPS, /api throttled at 100 req/s with CORS for the site only", () => assert.deepEqual(checkEdge(s), []));
  test("realtime on Fargate ARM64 0.25 vCPU / 0.5 GB, routed at /realtime", () => assert.deepEqual(checkRealtime(s), []));
  test("app contract: links server/platform/aws.ts reads, env server/env.ts accepts", () => assert.deepEqual(checkAppContract(s), []));
});

describe("concrete values", () => {
  test("Dev's queue waits 90 minutes before redelivery (6 x 15 min)", () => {
    assert.equal(queueNamed(s, "DevQueue")?.inputs.visibilityTimeoutSeconds, 5400);
    assert.equal(functionNamed(s, "DevWorker")?.inputs.timeout, 900);
  });

  test("only PM and Dev can invoke Bedrock, on the default inference profile and its base model", () => {
    const bedrockResources = (role: string) =>
      roleStatements(roleNamed(s, role)).filter((st) => st.Action.includes("bedrock:InvokeModel")).flatMap((st) => st.Resource).sort();
    assert.deepEqual(bedrockResources("DevWorkerRole"), [
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-5",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-5",
    ]);
    assert.deepEqual(bedrockResources("PmWorkerRole"), bedrockResources("DevWorkerRole"));
    assert.deepEqual(bedrockResources("QaWorkerRole"), []);
    assert.deepEqual(bedrockResources("OpsWorkerRole"), []);
  });

  test("workers and the site get the environment server/env.ts requires in aws mode", () => {
    for (const name of ["PmWorker", "DevWorker", "QaWorker", "OpsWorker", "WebServer"]) {
      const env = functionNamed(s, name)?.inputs.environment.variables;
      assert.equal(env.APP_RUNTIME, "aws", name);
      assert.equal(env.LLM_PROVIDER, "bedrock", name);
      assert.equal(env.NEXTAUTH_URL, s.outputs.url, name);
      assert.match(env.DATABASE_URL, /^postgres:\/\//, name);
      assert.ok(env.NEXTAUTH_SECRET.length >= 32, name);
    }
  });

  test("the site links what the app reads with Resource.<Name>, and the test runner", () => {
    const web = s.components.find((c) => c.type === "sst:aws:Nextjs")!;
    assert.deepEqual([...web.args.link].sort(), ["AgentTable", "Artifacts", "DevQueue", "OpsQueue", "PmQueue", "QaQueue", "Realtime", "RealtimeSecret", "TestRunner"]);
  });

  test("the contract parser finds aws.ts's link reads", () => {
    assert.deepEqual(platformLinks('const a = link("AgentTable", "name"); link( "PmQueue" , "url" )'), [["AgentTable", "name"], ["PmQueue", "url"]]);
    assert.ok(platformLinks().some(([name]) => name === "RealtimeSecret"));
  });

  test("every alarm has a stable name the runbook explains", () => {
    const runbook = readFileSync(resolve(import.meta.dirname, "../../docs/runbook.md"), "utf8");
    const names = ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name as string);
    assert.equal(names.length, 18);
    for (const name of names) {
      assert.match(name, /^agent-builder-production-/);
      assert.ok(runbook.includes(name.replace("agent-builder-production-", "")), `${name} is not in docs/runbook.md`);
    }
  });

  test("the stack prints the site, API and realtime URLs and the alarm topic", () => {
    assert.deepEqual(Object.keys(s.outputs).sort(), ["alerts", "api", "realtime", "url"]);
  });
});

registerMutationTests(() => s);
