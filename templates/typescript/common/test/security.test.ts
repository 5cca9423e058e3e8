import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInput, MAX_INPUT_CHARS, parseBody, parseRequest, validatePrompt, validateSessionId } from "../src/security.js";

test("accepts a normal prompt", () => {
  assert.equal(validatePrompt("What is the weather?"), "What is the weather?");
});

test("rejects prompts that are not text, empty, too long, or contain NUL or lone surrogates", () => {
  for (const bad of [null, 42, "", "   ", "a\u0000b", "x".repeat(MAX_INPUT_CHARS + 1), "\ud800"]) {
    assert.throws(() => validatePrompt(bad), InvalidInput, JSON.stringify(bad)?.slice(0, 20));
  }
});

test("reads the prompt from a JSON body", () => {
  assert.equal(parseBody(Buffer.from(JSON.stringify({ prompt: "hi" }))), "hi");
  assert.throws(() => parseBody(Buffer.from("not json")), InvalidInput);
  assert.throws(() => parseBody(Buffer.from("[1,2]")), InvalidInput);
});

test("session ids are at least 33 characters", () => {
  assert.ok(validateSessionId(undefined).length >= 33);
  assert.equal(validateSessionId("s".repeat(33)), "s".repeat(33));
  assert.throws(() => validateSessionId("too-short"), InvalidInput);
});

test("the caller comes from the request: the runtime user header, then the body's actorId, else the session", async () => {
  const { callerFrom } = await import("../src/caller.js");
  const session = "s".repeat(33);
  assert.deepEqual(callerFrom(session, "alice", "bob"), { actorId: "alice", sessionId: session });
  assert.deepEqual(callerFrom(session, undefined, "bob"), { actorId: "bob", sessionId: session });
  assert.equal(callerFrom(session, undefined, undefined).actorId, `session-${session}`);
  assert.notEqual(callerFrom("t".repeat(33), undefined, undefined).actorId, callerFrom(session, undefined, undefined).actorId);
  for (const bad of ["-leading-dash", "a b", "x".repeat(256)]) assert.throws(() => callerFrom(session, undefined, bad), InvalidInput, bad);
});

test("a request body may carry actorId and sessionId, as strings", () => {
  assert.deepEqual(parseRequest(Buffer.from(JSON.stringify({ prompt: "hi", actorId: "alice" }))), { prompt: "hi", actorId: "alice" });
  assert.throws(() => parseRequest(Buffer.from(JSON.stringify({ prompt: "hi", actorId: 7 }))), InvalidInput);
});
