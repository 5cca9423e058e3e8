import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { env } from "../../env";
import { DomainError } from "../../errors";
import { createId } from "../../ids";
import { MAX_INPUT_CHARS } from "../../test-runs/limits";
import { chooseModel, testModelConfig } from "../../test-runs/model/choose";
import { filesFromDirectory } from "../../test-runs/prepare/project-files";
import { runProject } from "../../test-runs/run/run-project";
import { agentModelOf } from "../../test-runs/service/run-cost";
import type { RunEvent, RunOutcome } from "../../test-runs/types";
import { EXIT, reportError, type CliIo } from "../io";

const USAGE = `Usage: agent-builder run DIR --input TEXT [--json]

Prepares and runs a generated agent project once in the local sandbox (no network but the
model, an unprivileged user, memory/CPU/process/file/output limits) and prints what it does
as it happens. The model is the built-in MOCK model unless a provider is configured
(TEST_RUN_MODEL, TEST_RUN_MODEL_BASE_URL, LLM_PROVIDER=bedrock). DIR is treated as untrusted.

  --json   one JSON event per line, ending with {"type":"final", status, output, latencyMs, tokens}`;

function human(e: RunEvent, io: CliIo) {
  switch (e.type) {
    case "status":
      return io.err(`· ${e.message}\n`);
    case "text":
      return io.out(e.delta);
    case "tool_call":
      return io.out(`\n→ ${e.name}(${JSON.stringify(e.input)})\n`);
    case "tool_result":
      return io.out(`← ${e.name}: ${typeof e.output === "string" ? e.output : JSON.stringify(e.output)}\n`);
    case "log":
      return io.err(`[${e.level}] ${e.message}\n`);
    case "error":
      return io.err(`error: ${e.message}\n`);
    case "final":
      return;
  }
}

export function finalEvent(o: RunOutcome) {
  return {
    type: "final",
    status: o.status,
    output: o.output,
    error: o.error,
    latencyMs: o.totalMs,
    firstTokenMs: o.firstTokenMs,
    tokens: { input: o.tokensIn, output: o.tokensOut },
    model: o.model.label,
  };
}

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { input: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  } catch (e) {
    return io.err(`${(e as Error).message}\n${USAGE}\n`), EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  if (positionals.length !== 1) return io.err(`Expected one DIR.\n${USAGE}\n`), EXIT.usage;
  if (!values.input?.trim()) return io.err(`--input TEXT is required.\n${USAGE}\n`), EXIT.usage;
  if (values.input.length > MAX_INPUT_CHARS) return io.err(`--input must be at most ${MAX_INPUT_CHARS} characters.\n`), EXIT.usage;
  try {
    const files = filesFromDirectory(resolve(positionals[0]!));
    const e = env();
    const model = await chooseModel(testModelConfig(e), agentModelOf(files));
    if (!values.json) io.err(model.served.kind === "mock" ? "· model: MOCK (no real model is called)\n" : `· model: ${model.served.label}\n`);
    const cacheRoot = resolve((e.APP_RUNTIME === "local" ? e.TEST_RUN_CACHE_DIR : undefined) ?? join(homedir(), ".cache", "agent-builder", "runner"));
    const outcome = await runProject({
      runId: createId("run"),
      files,
      input: values.input,
      cacheRoot,
      model,
      onEvent: (ev) => (values.json ? ev.type !== "final" && io.out(`${JSON.stringify(ev)}\n`) : human(ev, io)),
    });
    if (values.json) io.out(`${JSON.stringify(finalEvent(outcome))}\n`);
    else {
      const tokens = outcome.tokensIn === null ? "tokens unknown" : `${outcome.tokensIn} tokens in / ${outcome.tokensOut} out`;
      io.out(`\n\n${outcome.status} · ${(outcome.totalMs / 1000).toFixed(1)} s · first token ${outcome.firstTokenMs === null ? "–" : `${(outcome.firstTokenMs / 1000).toFixed(1)} s`} · ${tokens} · model ${outcome.model.label}\n`);
      if (outcome.error) io.err(`${outcome.error}\n`);
    }
    return outcome.status === "succeeded" ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (err instanceof DomainError) return reportError(io, err);
    throw err;
  }
}
