/**
 * The ECS Fargate test runner (see its Dockerfile): one task per run. It asks the app for its
 * job, fetches the version's ZIP from the Artifacts bucket, runs the agent with the same
 * prepare/run code as the local runner ("process" isolation: the task itself is the sandbox),
 * and posts events and the outcome back to the app, which publishes and stores them.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runnerEnv } from "../../env";
import { configureLog, log } from "../../log";
import { mockPlan } from "../model/choose";
import { startBedrockBridge } from "../model/bedrock-bridge";
import { filesFromVersion } from "../prepare/project-files";
import { runProject } from "../run/run-project";
import { reportClient } from "./report-client";

async function readZip(bucket: string, key: string, region: string) {
  const s3 = new S3Client({ region });
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const zip = await JSZip.loadAsync(await out.Body!.transformToByteArray());
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  return filesFromVersion(files);
}

async function main(): Promise<number> {
  configureLog("info");
  const e = runnerEnv();
  const reports = reportClient(e.RUNNER_APP_URL, e.RUNNER_RUN_ID, e.RUNNER_REPORT_TOKEN);
  const job = await reports.job();
  if (!job.zipKey) throw new Error(`version of ${job.runId} has no ZIP`);
  const model =
    e.RUNNER_MODEL_KIND === "bedrock"
      ? { served: { kind: "bedrock" as const, id: e.RUNNER_MODEL_ID, label: `bedrock:${e.RUNNER_MODEL_ID}` }, start: (on: Parameters<typeof startBedrockBridge>[1]) => startBedrockBridge({ modelId: e.RUNNER_MODEL_ID, region: e.AWS_REGION }, on) }
      : mockPlan(e.RUNNER_MODEL_ID);
  let outcome;
  try {
    const files = await readZip(e.ARTIFACTS_BUCKET, job.zipKey, e.AWS_REGION);
    outcome = await runProject({ runId: job.runId, files, input: job.input, cacheRoot: join(tmpdir(), "runner-cache"), model, onEvent: reports.event, isolation: "process" });
  } catch (error) {
    log.error("test run failed in the runner", { runId: job.runId, error: String(error) });
    outcome = { status: "error" as const, error: "The runner task failed before the agent ran", output: "", firstTokenMs: null, totalMs: 0, tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: "", events: [], model: model.served };
  }
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
