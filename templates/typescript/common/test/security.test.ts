import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInput, MAX_INPUT_CHARS, parseBody, validatePrompt, validateSessionId } from "../src/security.js";

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
