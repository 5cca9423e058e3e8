import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import type { SendEvent } from "../../server/consultation";
import { overrideServices } from "../../server/composition/root";
import { getContext } from "../../server/dynamo/context-repo";
import { listMessages } from "../../server/dynamo/conversation-repo";
import { listEventsAfter } from "../../server/dynamo/event-repo";
import { LanguageModelError, RuleBasedLanguageModel, ResilientLanguageModel, type LanguageModel, type StreamEvent } from "../../server/llm";
import { collectStream } from "../../server/llm/collect";
import { MAX_MESSAGE_CHARS } from "../../server/consultation/rules";
import type { LocalPlatform } from "../../server/platform/local";
import { loadRegistry } from "../../server/composition/services";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  overrideServices(platform, "reset-model");
  await platform.close();
});

const code = (e: unknown) => (e as TRPCError).code;
const rejectsWith = (p: Promise<unknown>, expected: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => {
    assert.equal(code(e), expected, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });

async function drain(stream: AsyncIterable<SendEvent>): Promise<SendEvent[]> {
  const events: SendEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}
const textOf = (events: SendEvent[]) => events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");

const DENTAL = "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.";

async function newProject(tag = "consult") {
  const { user, caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Consultation ${tag}` });
  const start = await caller.consultation.get({ projectId: project.id });
  return { user, caller, projectId: project.id, rev: start.state.rev };
}

describe("consultation.send and consultation.get", () => {
  test("send stores both messages, updates the draft, streams the reply in order, and get returns it all", async () => {
    const { caller, projectId, rev } = await newProject();
    const events = await drain(await caller.consultation.send({ projectId, message: DENTAL, rev }));
    assert.equal(events[0]!.type, "accepted");
    assert.equal(events.at(-1)!.type, "done");
    assert.ok(events.filter((e) => e.type === "text").length > 1, "the reply arrives in several chunks");
    const accepted = events[0] as Extract<SendEvent, { type: "accepted" }>;
    assert.equal(accepted.state.rev, rev + 1);
    assert.equal(accepted.state.draft.requirements?.useCase, "Scheduling assistant");
    assert.ok(accepted.changed.includes("requirements.useCase") && accepted.changed.includes("tools"));
    assert.equal(accepted.state.missing[0], "requirements.requestsPerDay", "traffic is the first gap");

    const got = await caller.consultation.get({ projectId });
    assert.deepEqual(got.messages.map((m) => m.role), ["user", "assistant"]);
    assert.equal(got.messages[0]!.content, DENTAL);
    assert.equal(got.messages[1]!.content, textOf(events));
    assert.equal(got.messages[1]!.partial, false);
    assert.equal(got.messages[1]!.servedBy, "offline");
    assert.match(got.messages[1]!.content, /how many requests a day/i, "the PM asks about the most important missing field");
    assert.equal(got.state.rev, rev + 1);
    assert.deepEqual(got.state.draft.tools?.map((t) => t.id), ["http_request"]);
    assert.equal(got.state.draft.requirements?.latencyTargetMs, 2000);
    assert.equal(got.limits.maxMessageChars, MAX_MESSAGE_CHARS);
  });

  test("answers complete the spec within three turns and the phase moves to code generation, one event per step", async () => {
    const { caller, projectId, rev } = await newProject();
    let current = rev;
    for (const message of [DENTAL, "about 400 requests a day", "$75 a month"]) {
      const events = await drain(await caller.consultation.send({ projectId, message, rev: current }));
      current = (events[0] as Extract<SendEvent, { type: "accepted" }>).state.rev;
    }
    const got = await caller.consultation.get({ projectId });
    assert.equal(got.state.completeness, 1, `missing: ${got.state.missing.join(", ")}`);
    assert.deepEqual(got.state.missing, []);
    assert.equal(got.state.draft.requirements?.requestsPerDay, 400);
    assert.equal(got.state.draft.requirements?.monthlyBudgetUsd, 75);
    assert.equal(got.state.phase, "code_generation");
    assert.equal(got.messages.length, 6);
    const phases = (await listEventsAfter(platform.dynamo, projectId, 0)).filter((e) => e.type === "phase.changed").map((e) => e.payload as { from: string; to: string });
    assert.deepEqual(phases.map((p) => `${p.from}>${p.to}`), ["requirements>architecture", "architecture>implementation", "implementation>code_generation"]);
    assert.match(got.messages.at(-1)!.content, /spec is complete/i);
  });

  test("a stale rev (a second tab) is CONFLICT and nothing is stored", async () => {
    const { caller, projectId, rev } = await newProject();
    await drain(await caller.consultation.send({ projectId, message: DENTAL, rev }));
    const before = await caller.consultation.get({ projectId });
    await rejectsWith(caller.consultation.send({ projectId, message: "about 400 requests a day", rev }), "CONFLICT", /another tab.*Reload/);
    await rejectsWith(caller.consultation.updateSpec({ projectId, rev, edits: [{ path: "name", value: "other-tab" }] }), "CONFLICT");
    const afterwards = await caller.consultation.get({ projectId });
    assert.equal(afterwards.messages.length, before.messages.length);
    assert.deepEqual(afterwards.state, before.state);
    // Reloaded, the same message goes through.
    const events = await drain(await caller.consultation.send({ projectId, message: "about 400 requests a day", rev: afterwards.state.rev }));
    assert.equal((events[0] as Extract<SendEvent, { type: "accepted" }>).state.draft.requirements?.requestsPerDay, 400);
  });

  test("empty and oversized messages are BAD_REQUEST naming `message`, and nothing is stored", async () => {
    const { caller, projectId, rev } = await newProject();
    // Through createCaller the zod issues are the message; over HTTP the formatter prints "message: …".
    await rejectsWith(caller.consultation.send({ projectId, message: "   \n ", rev }), "BAD_REQUEST", /"path": \[\s*"message"\s*\],\s*"message": "must not be empty"/);
    await rejectsWith(caller.consultation.send({ projectId, message: "x".repeat(MAX_MESSAGE_CHARS + 1), rev }), "BAD_REQUEST", /"path": \[\s*"message"\s*\],\s*"message": "must be at most 8,000 characters"/);
    const got = await caller.consultation.get({ projectId });
    assert.equal(got.messages.length, 0);
    assert.equal(got.state.rev, rev);
    // Exactly at the limit is accepted.
    const events = await drain(await caller.consultation.send({ projectId, message: `${DENTAL} ${"a".repeat(MAX_MESSAGE_CHARS - DENTAL.length - 1)}`, rev }));
    assert.equal(events.at(-1)!.type, "done");
  });
});

describe("consultation.updateSpec", () => {
  test("a valid edit is saved and locked, so the next message does not overwrite it", async () => {
    const { caller, projectId, rev } = await newProject();
    const edited = await caller.consultation.updateSpec({ projectId, rev, edits: [{ path: "name", value: "dental-desk" }, { path: "deployment.target", value: "lambda" }] });
    assert.equal(edited.rev, rev + 1);
    assert.equal(edited.draft.name, "dental-desk");
    assert.equal(edited.draft.deployment?.target, "lambda");
    assert.ok(edited.lockedPaths.includes("name") && edited.lockedPaths.includes("deployment.target"));
    const events = await drain(await caller.consultation.send({ projectId, message: `${DENTAL} Deploy it on Fargate.`, rev: edited.rev }));
    const state = (events[0] as Extract<SendEvent, { type: "accepted" }>).state;
    assert.equal(state.draft.name, "dental-desk");
    assert.equal(state.draft.deployment?.target, "lambda", "the user's choice wins over the conversation");
  });

  test("the IaC choice is edited like any field and survives a change of target", async () => {
    const { caller, projectId, rev } = await newProject();
    const edited = await caller.consultation.updateSpec({ projectId, rev, edits: [{ path: "deployment.target", value: "lambda" }, { path: "deployment.iac", value: "terraform" }] });
    const moved = await caller.consultation.updateSpec({ projectId, rev: edited.rev, edits: [{ path: "deployment.target", value: "agentcore" }] });
    assert.deepEqual([moved.draft.deployment?.target, (moved.draft.deployment as { iac?: string } | undefined)?.iac], ["agentcore", "terraform"]);
    await assert.rejects(caller.consultation.updateSpec({ projectId, rev: moved.rev, edits: [{ path: "deployment.iac", value: "pulumi" }] }), (e: unknown) => {
      assert.equal(code(e), "BAD_REQUEST");
      assert.match((e as Error).message, /^deployment\.iac: /);
      return true;
    });
  });

  test("a value that fails the field's schema is BAD_REQUEST naming the field, and nothing is saved", async () => {
    const { caller, projectId, rev } = await newProject();
    const cases: [string, unknown, RegExp][] = [
      ["name", "Not A Valid Name!", /^name: use 3-48 lowercase/],
      ["requirements.monthlyBudgetUsd", -5, /^requirements\.monthlyBudgetUsd: /],
      ["deployment.target", "kubernetes", /^deployment\.target: /],
      ["model.id", "no-such-model", /^model\.id: 'no-such-model' is not in the model registry/],
      ["tools", [{ id: "not_a_tool" }], /^tools\.0\.id: 'not_a_tool' is not in the tool registry/],
      ["observability.tracing", false, /^observability\.tracing: is not a field that can be edited here/],
    ];
    for (const [path, value, message] of cases) {
      await assert.rejects(caller.consultation.updateSpec({ projectId, rev, edits: [{ path: "description", value: "A good description" }, { path, value }] }), (e: unknown) => {
        assert.equal(code(e), "BAD_REQUEST", path);
        assert.match((e as Error).message, message);
        assert.ok(((e as TRPCError & { cause?: { details?: { field?: string } } }).cause?.details?.field ?? "").startsWith(path.split(".")[0]!));
        return true;
      });
    }
    const got = await caller.consultation.get({ projectId });
    assert.equal(got.state.rev, rev, "nothing saved, not even the valid edit before the bad one");
    assert.equal(got.state.draft.description, undefined);
  });

  test("a tool setting the extraction cannot fill is edited in place, and the spec completes", async () => {
    const { caller, projectId, rev } = await newProject();
    const message = "Hi! We run an online bike shop and I'd like a support bot that answers customer questions about orders, returns and sizing using our help center articles. We get maybe 300 chats a day. Budget around $150/month.";
    const events = await drain(await caller.consultation.send({ projectId, message, rev }));
    const state = (events[0] as Extract<SendEvent, { type: "accepted" }>).state;
    assert.deepEqual(state.missing, ["tools.0.config.knowledge_base_id"]);
    await rejectsWith(caller.consultation.updateSpec({ projectId, rev: state.rev, edits: [{ path: "tools.0.config.no_such_setting", value: "x" }] }), "BAD_REQUEST", /has no setting/);
    const edited = await caller.consultation.updateSpec({ projectId, rev: state.rev, edits: [{ path: "tools.0.config.knowledge_base_id", value: "KB12345678" }] });
    assert.equal(edited.completeness, 1);
    assert.equal((edited.draft.tools?.[0]?.config as Record<string, unknown>).knowledge_base_id, "KB12345678");
    assert.ok(Array.isArray(edited.draft.tools), "the tool list stays a list");
    assert.equal(edited.phase, "code_generation", "a complete spec moves the project to code generation");
  });

  test("a tool setting typed in the form survives an answer the extraction reads as that setting", async () => {
    const { caller } = await createUser(platform, "kb");
    // The template's greeting asks for the Knowledge Base id; the user types it in the form instead.
    const { projectId } = await caller.template.use({ templateId: "builtin-customer-support", projectName: "KB lock" });
    const start = await caller.consultation.get({ projectId });
    assert.equal(start.state.missing[0], "tools.0.config.knowledge_base_id");
    const edited = await caller.consultation.updateSpec({ projectId, rev: start.state.rev, edits: [{ path: "tools.0.config.knowledge_base_id", value: "KB12345678" }] });
    const events = await drain(await caller.consultation.send({ projectId, message: "about 300 requests a day", rev: edited.rev }));
    const accepted = events[0] as Extract<SendEvent, { type: "accepted" }>;
    assert.equal((accepted.state.draft.tools?.[0]?.config as Record<string, unknown>).knowledge_base_id, "KB12345678");
    assert.equal(accepted.state.draft.requirements?.requestsPerDay, 300);
    assert.ok(!accepted.changed.includes("tools.0.config.knowledge_base_id"));
    assert.doesNotMatch(textOf(events), /knowledge_base_id = 300/);
  });
});

describe("workflow.advance and workflow.goBack", () => {
  test("going back stops automatic progress; advancing follows the rules and emits events", async () => {
    const { caller, projectId, rev } = await newProject();
    await rejectsWith(caller.workflow.advance({ projectId, rev }), "BAD_REQUEST", /needs a spec at least 33% complete/);
    const first = await drain(await caller.consultation.send({ projectId, message: DENTAL, rev }));
    const afterFirst = (first[0] as Extract<SendEvent, { type: "accepted" }>).state;
    assert.equal(afterFirst.phase, "implementation");
    const back = await caller.workflow.goBack({ projectId, rev: afterFirst.rev, to: "requirements" });
    assert.equal(back.phase, "requirements");
    assert.equal(back.auto, false);
    await rejectsWith(caller.workflow.goBack({ projectId, rev: back.rev, to: "architecture" }), "BAD_REQUEST", /not an earlier phase/);
    // A complete spec does not push the user forward after a go-back.
    let current = back.rev;
    for (const message of ["about 400 requests a day", "$75 a month"]) {
      const events = await drain(await caller.consultation.send({ projectId, message, rev: current }));
      current = (events[0] as Extract<SendEvent, { type: "accepted" }>).state.rev;
    }
    const stayed = await caller.consultation.get({ projectId });
    assert.equal(stayed.state.completeness, 1);
    assert.equal(stayed.state.phase, "requirements");
    const advanced = await caller.workflow.advance({ projectId, rev: stayed.state.rev });
    assert.equal(advanced.phase, "architecture");
    assert.equal(advanced.auto, true);
    let state = advanced;
    for (const to of ["implementation", "code_generation"]) {
      state = await caller.workflow.advance({ projectId, rev: state.rev });
      assert.equal(state.phase, to);
    }
    await rejectsWith(caller.workflow.advance({ projectId, rev: state.rev }), "BAD_REQUEST", /testing needs generated code/);
    await rejectsWith(caller.workflow.advance({ projectId, rev: state.rev - 1 }), "CONFLICT");
    const events = (await listEventsAfter(platform.dynamo, projectId, 0)).filter((e) => e.type === "phase.changed").map((e) => e.payload as { from: string; to: string; reason: string });
    assert.deepEqual(events.map((e) => `${e.from}>${e.to}`), [
      "requirements>architecture",
      "architecture>implementation",
      "implementation>requirements",
      "requirements>architecture",
      "architecture>implementation",
      "implementation>code_generation",
    ]);
    assert.equal(events[2]!.reason, "went back on request");
    const stored = await getContext(platform.dynamo, projectId);
    assert.equal(stored!.phase, "code_generation");
  });
});

describe("a provider failing mid-stream", () => {
  /** Streams some words of the offline reply, then fails like a dropped connection. */
  class FailingModel implements LanguageModel {
    readonly id = "flaky";
    readonly label = "Flaky provider";
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: "text", delta: "Here is what I " };
      yield { type: "text", delta: "understood so far" };
      throw new LanguageModelError("The connection to Flaky provider was reset", { provider: this.id, transient: true });
    }
    complete(req: Parameters<LanguageModel["complete"]>[0]) {
      return collectStream(this.stream(), this.id);
    }
  }

  test("keeps the partial reply marked, and retry answers the same message", async () => {
    const { caller, projectId, rev } = await newProject();
    overrideServices(platform, { languageModel: new FailingModel() });
    let events: SendEvent[];
    try {
      events = await drain(await caller.consultation.send({ projectId, message: DENTAL, rev }));
    } finally {
      overrideServices(platform, "reset-model");
    }
    const failed = events.at(-1) as Extract<SendEvent, { type: "failed" }>;
    assert.equal(failed.type, "failed");
    assert.match(failed.error, /connection to Flaky provider was reset/);
    assert.equal(failed.message?.content, "Here is what I understood so far");
    assert.equal(failed.message?.partial, true);
    let got = await caller.consultation.get({ projectId });
    assert.deepEqual(got.messages.map((m) => [m.role, m.partial]), [["user", false], ["assistant", true]]);
    assert.equal(got.state.draft.requirements?.useCase, "Scheduling assistant", "the draft update is kept");

    const retried = await drain(await caller.consultation.retry({ projectId }));
    assert.equal(retried.at(-1)!.type, "done");
    assert.match(textOf(retried), /Use case: Scheduling assistant/);
    got = await caller.consultation.get({ projectId });
    assert.deepEqual(got.messages.map((m) => [m.role, m.partial]), [["user", false], ["assistant", true], ["assistant", false]]);
    await rejectsWith(caller.consultation.retry({ projectId }), "BAD_REQUEST", /no unanswered message/);
  });

  test("an unreachable provider falls back to the offline model with a notice first", async () => {
    const { caller, projectId, rev } = await newProject();
    const down: LanguageModel = {
      id: "bedrock:test",
      label: "Bedrock (test)",
      async *stream() {
        throw new LanguageModelError("connect ECONNREFUSED", { provider: "bedrock:test", transient: true });
      },
      complete() {
        return Promise.reject(new Error("unused"));
      },
    };
    overrideServices(platform, { languageModel: new ResilientLanguageModel(down, new RuleBasedLanguageModel({ registry: loadRegistry() }), { maxAttempts: 1, initialDelayMs: 1 }) });
    try {
      const events = await drain(await caller.consultation.send({ projectId, message: DENTAL, rev }));
      assert.deepEqual(events.slice(0, 2).map((e) => e.type), ["accepted", "notice"]);
      assert.match((events[1] as Extract<SendEvent, { type: "notice" }>).message, /Bedrock \(test\) is unavailable.*offline model/);
      const done = events.at(-1) as Extract<SendEvent, { type: "done" }>;
      assert.equal(done.message.servedBy, "offline");
    } finally {
      overrideServices(platform, "reset-model");
    }
  });

  test("a client that goes away mid-reply leaves the streamed part stored and marked", async () => {
    const { caller, projectId, rev } = await newProject();
    const stream = await caller.consultation.send({ projectId, message: DENTAL, rev });
    let seen = "";
    for await (const e of stream) {
      if (e.type === "text") {
        seen += e.delta;
        break;
      }
    }
    const messages = await listMessages(platform.dynamo, projectId);
    assert.equal(messages.length, 2);
    assert.equal(messages[1]!.partial, true);
    assert.equal(messages[1]!.content, seen);
  });
});

describe("ownership", () => {
  test("another user's project is NOT_FOUND for every consultation procedure", async () => {
    const { projectId, rev } = await newProject("owner");
    const { caller: other } = await createUser(platform, "intruder");
    await rejectsWith(other.consultation.get({ projectId }), "NOT_FOUND");
    await rejectsWith(other.consultation.send({ projectId, message: DENTAL, rev }), "NOT_FOUND");
    await rejectsWith(other.consultation.retry({ projectId }), "NOT_FOUND");
    await rejectsWith(other.consultation.updateSpec({ projectId, rev, edits: [{ path: "name", value: "stolen" }] }), "NOT_FOUND");
    await rejectsWith(other.workflow.advance({ projectId, rev }), "NOT_FOUND");
    await rejectsWith(other.workflow.goBack({ projectId, rev, to: "requirements" }), "NOT_FOUND");
    await rejectsWith(other.template.createFromProject({ projectId, name: "Stolen", category: "Support" }), "NOT_FOUND");
    assert.equal((await listMessages(platform.dynamo, projectId)).length, 0);
  });
});
