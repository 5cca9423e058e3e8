import path from "node:path";
import { env } from "../env";
import type { Platform } from "./types";

export type { Platform } from "./types";

/**
 * The one place that chooses implementations. The promise lives on globalThis because the
 * local launcher and the Next.js server bundle load this module separately in one process,
 * and both must share one PGlite and one dynalite.
 */
const g = globalThis as unknown as { __agentBuilderPlatform?: Promise<Platform> };

export function getPlatform(): Promise<Platform> {
  return (g.__agentBuilderPlatform ??= createPlatform());
}

/** Lets the launcher and tests install a platform they created (or are still creating: callers wait for it). */
export function setPlatform(platform: Platform | Promise<Platform>): void {
  g.__agentBuilderPlatform = Promise.resolve(platform);
}

async function createPlatform(): Promise<Platform> {
  const e = env();
  if (e.APP_RUNTIME === "aws") {
    const { createAwsPlatform } = await import("./aws");
    return createAwsPlatform(e);
  }
  const { createLocalPlatform } = await import("./local");
  return createLocalPlatform({ dataDir: path.resolve(e.DATA_DIR), dynamoPort: e.DYNAMO_PORT });
}
