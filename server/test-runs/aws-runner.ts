import type { RunTaskCommandInput } from "@aws-sdk/client-ecs";
import { log } from "../log";
import type { ModelServed, RunJob, RunReporter, TestRunner } from "./types";

/**
 * aws mode: each run is an ECS Fargate task of the TestRunner task definition (stacks/realtime.ts).
 * The task fetches the version's ZIP from the Artifacts bucket, runs the agent, and reports
 * its events and outcome to the app (testing.runner.report), which publishes and stores them
 * like a local run's. Only the run id, its one-time token and the model go in the overrides.
 */

/** The fields of SST's TestRunner link (stacks/links.ts keeps SST's shape). */
export type TaskLink = { cluster: string; containers: string[]; taskDefinition: string; subnets: string[]; securityGroups: string[]; assignPublicIp: boolean };
export type EcsLike = { send(command: unknown): Promise<{ tasks?: Array<{ taskArn?: string }>; failures?: Array<{ reason?: string; detail?: string }> }> };

export type AwsRunnerOptions = {
  ecs: Promise<EcsLike>;
  task: () => Promise<TaskLink>;
  /** The app's public URL, where the task reports. */
  appUrl: string;
  /** "mock" when test runs must not call Bedrock (TEST_RUN_MODEL=mock). */
  modelMode: "mock" | "bedrock";
  defaultModelId?: string;
};

export function runTaskInput(job: RunJob, task: TaskLink, appUrl: string, model: ModelServed): RunTaskCommandInput {
  const environment = [
    { name: "RUNNER_RUN_ID", value: job.runId },
    { name: "RUNNER_REPORT_TOKEN", value: job.reportToken },
    { name: "RUNNER_APP_URL", value: appUrl },
    { name: "RUNNER_MODEL_KIND", value: model.kind === "bedrock" ? "bedrock" : "mock" },
    { name: "RUNNER_MODEL_ID", value: model.id },
  ];
  return {
    cluster: task.cluster,
    taskDefinition: task.taskDefinition,
    launchType: "FARGATE",
    count: 1,
    startedBy: job.runId.slice(0, 36),
    networkConfiguration: { awsvpcConfiguration: { subnets: task.subnets, securityGroups: task.securityGroups, assignPublicIp: task.assignPublicIp ? "ENABLED" : "DISABLED" } },
    overrides: { containerOverrides: [{ name: task.containers[0], environment }] },
  };
}

export class AwsTestRunner implements TestRunner {
  readonly kind = "aws" as const;
  constructor(private readonly o: AwsRunnerOptions) {}

  async modelFor(agentModelId: string | null): Promise<ModelServed> {
    const id = agentModelId ?? this.o.defaultModelId;
    if (this.o.modelMode === "mock" || !id) return { kind: "mock", id: id ?? "mock", label: "mock" };
    return { kind: "bedrock", id, label: `bedrock:${id}` };
  }

  /** The task polls testing.runner.decisions while its agent waits for one (runner/main.ts). */
  async deliverDecision(): Promise<boolean> {
    return true;
  }

  async start(job: RunJob, reporter: RunReporter): Promise<void> {
    const model = await this.modelFor(job.agentModelId);
    const { RunTaskCommand } = await import("@aws-sdk/client-ecs");
    try {
      const out = await (await this.o.ecs).send(new RunTaskCommand(runTaskInput(job, await this.o.task(), this.o.appUrl, model)));
      const failure = out.failures?.[0];
      if (failure || !out.tasks?.length) throw new Error(failure ? `${failure.reason ?? "failure"} ${failure.detail ?? ""}`.trim() : "no task was started");
      reporter.event({ type: "status", phase: "queued", message: "Starting a runner task on ECS Fargate", t: 0 });
    } catch (e) {
      log.error("runner task not started", { runId: job.runId, error: String(e) });
      await reporter.finish({ status: "error", error: "The runner task could not be started; try again later", output: "", firstTokenMs: null, totalMs: 0, tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: "", events: [], model });
    }
  }
}
