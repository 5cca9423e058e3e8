import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ACTIVE_STATES, isActive, isTerminal, TERMINAL_STATES, transition, tryTransition, type DeployEvent, type DeployState } from "../../../server/deploy/machine";
import { readdirSync, readFileSync } from "node:fs";

const EVENTS: fc.Arbitrary<DeployEvent> = fc.oneof(
  fc.constantFrom<DeploymentKindEvent>({ type: "start", kind: "deploy" }, { type: "start", kind: "rollback" }, { type: "start", kind: "destroy" }),
  fc.constantFrom<DeployEvent>({ type: "artifact_uploaded", build: "image" }, { type: "artifact_uploaded", build: "lambda-package" }, { type: "artifact_uploaded", build: null }),
  fc.constantFrom<DeployEvent>({ type: "build_succeeded" }, { type: "package_built" }, { type: "change_set_ready" }, { type: "change_set_empty" }, { type: "approve" }, { type: "reject" }, { type: "stack_succeeded" }, { type: "stack_deleted" }),
  fc.string({ maxLength: 20 }).map((reason) => ({ type: "fail" as const, reason })),
);
type DeploymentKindEvent = Extract<DeployEvent, { type: "start" }>;

describe("deployment state machine", () => {
  test("the happy paths", () => {
    const run = (events: DeployEvent[]) => events.reduce<DeployState>((s, e) => transition(s, e), "pending");
    assert.equal(run([{ type: "start", kind: "deploy" }, { type: "artifact_uploaded", build: "image" }, { type: "build_succeeded" }, { type: "change_set_ready" }, { type: "approve" }, { type: "stack_succeeded" }]), "succeeded");
    assert.equal(run([{ type: "start", kind: "deploy" }, { type: "artifact_uploaded", build: "lambda-package" }, { type: "package_built" }, { type: "change_set_ready" }, { type: "approve" }, { type: "stack_succeeded" }]), "succeeded");
    assert.equal(run([{ type: "start", kind: "deploy" }, { type: "artifact_uploaded", build: null }, { type: "change_set_empty" }]), "no_changes");
    // A package is not an image: each build ends only with its own event.
    assert.equal(tryTransition("packaging", { type: "build_succeeded" }), null);
    assert.equal(tryTransition("building", { type: "package_built" }), null);
    assert.equal(run([{ type: "start", kind: "destroy" }, { type: "stack_deleted" }]), "destroyed");
    assert.throws(() => transition("review", { type: "stack_succeeded" }), /cannot take 'stack_succeeded'/);
  });

  test("any event sequence stays in known states; terminal states accept nothing; execution needs an approval", () => {
    fc.assert(
      fc.property(fc.array(EVENTS, { maxLength: 30 }), (events) => {
        let state: DeployState = "pending";
        let approved = false;
        for (const e of events) {
          const next = tryTransition(state, e);
          if (isTerminal(state)) assert.equal(next, null);
          if (next === null) continue;
          assert.ok(isActive(next) || isTerminal(next));
          if (next === "executing") {
            assert.equal(e.type, "approve");
            approved = true;
          }
          if (next === "succeeded") assert.ok(approved, "a stack never succeeds without an approved change set");
          if (next === "creating_change_set" && state === "packaging") assert.equal(e.type, "package_built", "a Lambda change set waits for its package");
          if (state === "packaging") assert.ok(next === "creating_change_set" || next === "failed", `packaging moved to ${next}`);
          state = next;
        }
      }),
    );
  });

  test("fail is accepted from every active state and from no terminal one", () => {
    for (const s of ACTIVE_STATES) assert.equal(tryTransition(s, { type: "fail", reason: "x" }), "failed");
    for (const s of TERMINAL_STATES) assert.equal(tryTransition(s, { type: "fail", reason: "x" }), null);
  });

  test("the unique index that enforces one unfinished deploy lists exactly the active states", () => {
    // The index as the newest migration that (re)creates it defines it.
    const files = readdirSync("drizzle").filter((f) => f.endsWith(".sql")).sort().reverse();
    const sql = files.map((f) => readFileSync(`drizzle/${f}`, "utf8")).find((s) => /CREATE UNIQUE INDEX "deployments_one_active_uq"/.test(s))!;
    const listed = /WHERE status in \(([^)]*)\)/.exec(sql)![1]!.split(",").map((s) => s.trim().replace(/'/g, ""));
    assert.deepEqual(listed.sort(), [...ACTIVE_STATES].sort());
  });
});
