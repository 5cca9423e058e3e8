import { signUp } from "../../server/auth/users";
import { createCaller } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import { createLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from "../../server/platform/local";
import { setPlatform } from "../../server/platform";
import { configureLog } from "../../server/log";

// Workers log every retried failure; tests that inject faults would drown the report.
configureLog((process.env.TEST_LOG_LEVEL as "silent" | "error" | undefined) ?? "silent");
process.env.LOG_LEVEL ??= process.env.TEST_LOG_LEVEL ?? "silent";

/**
 * The real local platform (PGlite in memory, dynalite on a free port, temp blobs, in-memory
 * queues) for one test file. PGlite costs seconds to start, so a file shares one instance
 * and each test creates its own users and projects with unique ids.
 */
export async function startTestPlatform(options: Partial<LocalPlatformOptions> = {}): Promise<LocalPlatform> {
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
  const platform = await createLocalPlatform({ dataDir: null, ...options });
  setPlatform(platform);
  return platform;
}

let counter = 0;
export const uniqueEmail = (tag = "user") => `${tag}-${process.pid}-${Date.now()}-${counter++}@test.local`;

/** A signed-up user and a tRPC caller acting as them. */
export async function createUser(platform: LocalPlatform, tag?: string) {
  const user = await signUp(platform.db, { email: uniqueEmail(tag), password: "correct horse battery" });
  return { user, caller: createCaller(createContextInner(platform, user.id)) };
}

export const anonymousCaller = (platform: LocalPlatform) => createCaller(createContextInner(platform, null));
