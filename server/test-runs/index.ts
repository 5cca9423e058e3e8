import path from "node:path";
import { env } from "../env";
import type { Platform } from "../platform/types";
import { AwsTestRunner, type EcsLike, type TaskLink } from "./aws-runner";
import { LocalTestRunner } from "./local-runner";
import { setCacheLimit } from "./prepare/cache-lru";
import { testModelConfig } from "./model/choose";
import type { TestRunner } from "./types";

/**
 * Test runs of generated agents. The runner is chosen here by APP_RUNTIME: the local sandbox
 * runner or ECS Fargate tasks. The composition root (server/composition) builds it once per
 * process and hands it to the routers.
 */
export type { TestRunner, RunEvent, RunOutcome, RunStatus, ModelServed } from "./types";

export function createTestRunner(platform: Platform): TestRunner {
  const e = env();
  if (e.APP_RUNTIME === "aws") {
    return new AwsTestRunner({
      ecs: import("@aws-sdk/client-ecs").then(({ ECSClient }) => new ECSClient({ region: e.AWS_REGION }) as unknown as EcsLike),
      task: async () => {
        // Read inside the call: SST's Resource throws when links are inactive (local runs).
        const { Resource } = (await import("sst")) as unknown as { Resource: Record<string, unknown> };
        const link = Resource.TestRunner as TaskLink | undefined;
        if (!link) throw new Error("SST link TestRunner is missing: is the web app linked to it?");
        return link;
      },
      appUrl: e.NEXTAUTH_URL,
      modelMode: e.TEST_RUN_MODEL === "mock" ? "mock" : "bedrock",
      defaultModelId: e.TEST_RUN_MODEL_ID,
    });
  }
  setCacheLimit(e.TEST_RUN_CACHE_MAX_MB * 1024 * 1024);
  return new LocalTestRunner({
    platform,
    cacheRoot: path.resolve(/*turbopackIgnore: true*/ e.TEST_RUN_CACHE_DIR ?? path.join(e.DATA_DIR, "runner-cache")),
    model: testModelConfig(e),
    concurrency: e.TEST_RUN_CONCURRENCY,
  });
}
