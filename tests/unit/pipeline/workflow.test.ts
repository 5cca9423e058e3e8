import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../../server/errors";
import { advance, autoAdvance, goBack, initialWorkflow, type WorkflowState } from "../../../server/projects/workflow";

const at = (phase: WorkflowState["phase"], auto = true): WorkflowState => ({ phase, auto });
const invalid = (e: unknown) => e instanceof DomainError && e.code === "invalid";

describe("workflow phases", () => {
  test("starts in requirements with automatic progress on", () => {
    assert.deepEqual(initialWorkflow(), { phase: "requirements", auto: true });
  });

  test("automatic progress follows the spec's completeness and stops at code generation", () => {
    assert.deepEqual(autoAdvance(initialWorkflow(), 0.2), { state: at("requirements"), events: [] });
    assert.deepEqual(autoAdvance(initialWorkflow(), 0.5).events.map((e) => e.to), ["architecture"]);
    const full = autoAdvance(initialWorkflow(), 1);
    assert.deepEqual(full.state, at("code_generation"));
    assert.deepEqual(full.events.map((e) => [e.from, e.to]), [
      ["requirements", "architecture"],
      ["architecture", "implementation"],
      ["implementation", "code_generation"],
    ]);
    assert.equal(full.events.at(-1)!.reason, "the spec is complete");
    assert.equal(full.events[0]!.type, "phase.changed");
  });

  test("implementation moves to code generation only once the spec is complete", () => {
    assert.deepEqual(autoAdvance(at("implementation"), 0.97).events, []);
    assert.deepEqual(autoAdvance(at("implementation"), 1).events, [
      { type: "phase.changed", from: "implementation", to: "code_generation", reason: "the spec is complete" },
    ]);
    assert.deepEqual(autoAdvance(at("code_generation"), 1).events, []);
  });

  test("a spec that becomes incomplete moves the consultation phases back, never testing or deployment, never after a go-back", () => {
    const back = autoAdvance(at("code_generation"), 0.9);
    assert.deepEqual(back.state, at("implementation"));
    assert.deepEqual(back.events, [{ type: "phase.changed", from: "code_generation", to: "implementation", reason: "the spec is 90% complete" }]);
    assert.deepEqual(autoAdvance(at("code_generation"), 0.2).events.map((e) => e.to), ["implementation", "architecture", "requirements"]);
    assert.deepEqual(autoAdvance(at("implementation"), 0.5).state, at("architecture"));
    assert.deepEqual(autoAdvance(at("testing"), 0.5), { state: at("testing"), events: [] });
    assert.deepEqual(autoAdvance(at("deployment"), 0.5), { state: at("deployment"), events: [] });
    assert.deepEqual(autoAdvance(at("code_generation", false), 0.5), { state: at("code_generation", false), events: [] });
  });

  test("a manual advance checks the next phase's needs", () => {
    assert.throws(() => advance(at("requirements"), 0.1), (e: unknown) => invalid(e) && /architecture needs a spec at least 33% complete/.test((e as Error).message));
    assert.deepEqual(advance(at("requirements"), 0.4).state, at("architecture"));
    assert.throws(() => advance(at("code_generation"), 1), /testing needs generated code/);
    assert.deepEqual(advance(at("code_generation"), 1, { generated: true }).events[0], {
      type: "phase.changed", from: "code_generation", to: "testing", reason: "code generated",
    });
    assert.throws(() => advance(at("testing"), 1, { generated: true }), /passing test run/);
    assert.deepEqual(advance(at("testing"), 1, { testsPassed: true }).state, at("deployment"));
    assert.throws(() => advance(at("deployment"), 1, { testsPassed: true }), (e: unknown) => invalid(e) && /last phase/.test((e as Error).message));
  });

  test("going back is allowed to any earlier phase, pauses automatic progress, and emits the event", () => {
    const back = goBack(at("testing"), "architecture");
    assert.deepEqual(back.state, { phase: "architecture", auto: false });
    assert.deepEqual(back.events, [{ type: "phase.changed", from: "testing", to: "architecture", reason: "went back on request" }]);
    // A complete spec does not push the user forward again after they went back…
    assert.deepEqual(autoAdvance(back.state, 1).events, []);
    // …until they advance by hand.
    const resumed = advance(back.state, 1);
    assert.deepEqual(resumed.state, at("implementation"));
    assert.deepEqual(autoAdvance(resumed.state, 1).state, at("code_generation"));
  });

  test("going back to the same or a later phase, or an unknown one, is invalid", () => {
    assert.throws(() => goBack(at("architecture"), "architecture"), invalid);
    assert.throws(() => goBack(at("architecture"), "deployment"), invalid);
    assert.throws(() => goBack(at("architecture"), "nowhere" as never), invalid);
  });
});
