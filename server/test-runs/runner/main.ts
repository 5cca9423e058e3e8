/**
 * The ECS Fargate test runner (see its Dockerfile): one task per run. It asks the app for its
 * job, fetches the version's ZIP through the presigned URL in it, runs the agent with the same
 * prepare/run code as the local runner ("process" isolation: the task itself is the sandbox),
 * and posts events and the outcome back to the app, which publishes and stores them.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runnerEnv } from "../../env";
import { configureLog, log } from "../../log";
import { mockPlan } from "../model/choose";
import { startBedrockBridge } from "../model/bedrock-bridge";
import { filesFromVersion } from "../prepare/project-files";
import { runProject } from "../run/run-project";
import { decisionPoller } from "./decision-poller";
import { reportClient } from "./report-client";

/** The version's ZIP through the presigned URL the app gave (the task role cannot read the bucket). */
async function readZip(url: string) {
  const bytes = url.startsWith("file:") ? await readFile(fileURLToPath(url)) : await fetchBytes(url);
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  return filesFromVersion(files);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the version's ZIP could not be fetched (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

async function main(): Promise<number> {
  configureLog("info");
  const e = runnerEnv();
  const reports = reportClient(e.RUNNER_APP_URL, e.RUNNER_RUN_ID, e.RUNNER_REPORT_TOKEN);
  const job = await reports.job();
  const model =
    e.RUNNER_MODEL_KIND === "bedrock"
      ? { served: { kind: "bedrock" as const, id: e.RUNNER_MODEL_ID, label: `bedrock:${e.RUNNER_MODEL_ID}` }, start: (on: Parameters<typeof startBedrockBridge>[1]) => startBedrockBridge({ modelId: e.RUNNER_MODEL_ID, region: e.AWS_REGION }, on) }
      : mockPlan(e.RUNNER_MODEL_ID);
  let outcome;
  const decisions = decisionPoller(reports.decisions);
  try {
    const files = await readZip(job.zipUrl);
    outcome = await runProject({
      runId: job.runId,
      files,
      input: job.input,
      cacheRoot: join(tmpdir(), "runner-cache"),
      model,
      onEvent: (e) => (decisions.event(e), reports.event(e)),
      onDecisionChannel: decisions.channel,
      isolation: "process",
    });
  } catch (error) {
    log.error("test run failed in the runner", { runId: job.runId, error: String(error) });
    outcome = { status: "error" as const, error: "The runner task failed before the agent ran", output: "", firstTokenMs: null, totalMs: 0, tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: "", events: [], model: model.served };
  }
  decisions.stop();
  await reports.finish(outcome);
  log.info("test run finished", { runId: job.runId, status: outcome.status });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.error("test runner failed", { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
