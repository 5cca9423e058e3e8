/**
 * A second shape of the same stack: a disposable stage with a custom domain. No budget (it is
 * account-wide and belongs to production), no deletion protection, TLS on the realtime load
 * balancer, the custom domain as the site's origin, and every other requirement unchanged.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { runStack, TEST_INPUTS, type Snapshot } from "./harness/run-stack";
import { checkBucket, checkTable } from "./rules/data";
import { checkQueues } from "./rules/queues";
import { checkAllFunctions, checkWorkers } from "./rules/functions";
import { checkLeastPrivilege } from "./rules/iam";
import { checkAlarms } from "./rules/monitoring";
import { checkEdge, checkRealtime, checkSecretPlacement } from "./rules/security";
import { checkAppContract } from "./rules/contract";
import { named, ofType } from "./rules/query";

let s: Snapshot;
before(async () => {
  s = await runStack("pr-42", { ...TEST_INPUTS, DOMAIN: "agents.example.com", BEDROCK_MODEL_IDS: "amazon.nova-lite-v1:0" });
});

describe("a non-production stage with a custom domain", () => {
  test("keeps every requirement but the production-only ones", () => {
    const all = [checkTable, checkBucket, checkQueues, checkWorkers, checkAllFunctions, checkLeastPrivilege, checkAlarms, checkEdge, checkRealtime, checkSecretPlacement, checkAppContract];
    assert.deepEqual(all.flatMap((check) => check(s)), []);
  });

  test("creates no budget and no deletion protection, and is removed whole", () => {
    assert.equal(ofType(s, "aws:budgets/budget:Budget").length, 0);
    assert.equal(named(s, "aws:dynamodb/table:Table", "AgentTableTable")?.inputs.deletionProtectionEnabled, false);
    assert.equal(s.app.removal, "remove");
  });

  test("serves the site on the domain and the realtime load balancer over TLS", () => {
    assert.equal(s.outputs.url, "https://agents.example.com");
    const realtime = s.components.find((c) => c.type === "sst:aws:Service")!;
    assert.equal(realtime.args.loadBalancer.domain, "realtime.agents.example.com");
    assert.deepEqual(realtime.args.loadBalancer.rules, [{ listen: "80/http", redirect: "443/https" }, { listen: "443/https", forward: "8080/http" }]);
    assert.equal(s.outputs.realtime, "https://realtime.agents.example.com/");
  });

  test("names alarms after the stage and grants Bedrock on the chosen model only", () => {
    assert.ok(ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm").every((a) => a.inputs.name.startsWith("agent-builder-pr-42-")));
    const policy = named(s, "aws:iam/role:Role", "DevWorkerRole")!.inputs.inlinePolicies[0].policy as string;
    assert.match(policy, /foundation-model\/amazon\.nova-lite-v1:0/);
    assert.doesNotMatch(policy, /claude/);
  });
});
