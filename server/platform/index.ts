import path from "node:path";
import { env } from "../env";
import type { Platform } from "./types";

export type { Platform } from "./types";
import type { Deployer } from "./deployer/types";

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

const deployers = new WeakMap<Platform, Deployer>();

/**
 * The Deployer for a platform: the simulated account locally, AWS (assuming the user's
 * deploy role with the platform's own credentials) in aws mode. Tests install their own.
 */
export async function getDeployer(platform: Platform): Promise<Deployer> {
  const existing = deployers.get(platform);
  if (existing) return existing;
  const deployer = platform.runtime === "aws" ? new (await import("./deployer/aws-deployer")).AwsDeployer() : await createLocalDeployer(platform);
  deployers.set(platform, deployer);
  return deployer;
}

/** The simulated account, packaging Lambda functions for real with the test runs' dependency cache. */
async function createLocalDeployer(platform: Platform): Promise<Deployer> {
  const e = env();
  if (e.APP_RUNTIME !== "local") throw new Error("the simulated AWS account runs only with APP_RUNTIME=local");
  const cacheRoot = path.resolve(/*turbopackIgnore: true*/ e.TEST_RUN_CACHE_DIR ?? path.join(e.DATA_DIR, "runner-cache"));
  const { LocalDeployer } = await import("./deployer/local-deployer");
  const { localLambdaPackager } = await import("./deployer/local-lambda-package");
  return new LocalDeployer(platform.blobs, { packageLambda: localLambdaPackager(cacheRoot) });
}

export function setDeployer(platform: Platform, deployer: Deployer): void {
  deployers.set(platform, deployer);
}
