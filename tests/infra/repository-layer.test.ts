/**
 * Only the repositories touch storage: no file outside the allow-list below imports
 * drizzle-orm (query builders, `sql`, drivers), the Drizzle schema tables or ElectroDB, or
 * reaches into the ElectroDB service's entities. Everything else asks a repository of its
 * aggregate, which returns domain objects.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "../..");
/** Application code: tests may reach storage directly (they corrupt rows, count items). */
const SCANNED_DIRS = ["server", "app", "components", "scripts", "bench", "stacks"];

/** The repositories: one file per aggregate. */
const REPOSITORIES = [
  "server/auth/api-token-repo.ts",
  "server/auth/user-repo.ts",
  "server/cost/calibration-repo.ts",
  "server/cost/estimate-repo.ts",
  "server/deploy/connection-repo.ts",
  "server/deploy/invocation-repo.ts",
  "server/deploy/store.ts",
  "server/dynamo/context-repo.ts",
  "server/dynamo/conversation-repo.ts",
  "server/dynamo/event-repo.ts",
  "server/dynamo/file-repo.ts",
  "server/dynamo/modification-repo.ts",
  "server/dynamo/project-items-repo.ts",
  "server/dynamo/template-repo.ts",
  "server/projects/project-repo.ts",
  "server/registry/selection-repo.ts",
  "server/test-runs/store/approvals-repo.ts",
  "server/test-runs/store/cases-repo.ts",
  "server/test-runs/store/runs-repo.ts",
  "server/test-runs/store/stale-runs-repo.ts",
  "server/test-runs/store/suites-repo.ts",
  "server/versions/version-repo.ts",
];

/** Storage plumbing that is not a query: the schema, clients and libraries that own a table themselves. */
const STORAGE_INFRASTRUCTURE: Record<string, string> = {
  "server/db/": "the schema, the clients, the ping and the error codes",
  "server/dynamo/service.ts": "binds the ElectroDB entities to a client",
  "server/dynamo/entities/": "the ElectroDB entity schemas",
  "server/dynamo/table.ts": "creates the local table",
  "server/platform/ipc-pglite.ts": "the Drizzle driver of the worker process",
  "server/platform/pglite-thread-client.ts": "the Drizzle driver of the launcher (PGlite on a thread)",
  "server/auth/options.ts": "next-auth's DrizzleAdapter is given the auth tables",
  "server/limits/limiters.ts": "rate-limiter-flexible's RateLimiterDrizzle is given its table",
};

const allowed = (file: string) => REPOSITORIES.includes(file) || Object.keys(STORAGE_INFRASTRUCTURE).some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|mjs|js)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const SCHEMA_MODULE = join("server", "db", "schema");

/** Whether an import specifier, written in `file`, names the Drizzle schema module (or one of its files). */
function isSchemaImport(file: string, spec: string): boolean {
  const target = spec.startsWith("~/") ? spec.slice(2) : spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : null;
  return target !== null && (target === SCHEMA_MODULE || target.startsWith(SCHEMA_MODULE + "/"));
}

/** What in `source` reaches storage directly; empty when nothing does. */
export function storageAccess(file: string, source: string): string[] {
  const found: string[] = [];
  for (const { fileName: spec } of ts.preProcessFile(source, true, true).importedFiles) {
    if (spec === "drizzle-orm" || spec.startsWith("drizzle-orm/")) found.push(`imports ${spec}`);
    else if (spec === "electrodb") found.push("imports electrodb");
    else if (isSchemaImport(file, spec)) found.push(`imports the schema tables (${spec})`);
  }
  if (/\.entities\b/.test(source)) found.push("reaches into the ElectroDB entities (.entities)");
  return found;
}

describe("repository layer", () => {
  test("the detector flags each kind of storage access (so this guard can fail)", () => {
    const file = "server/projects/example.ts";
    assert.deepEqual(storageAccess(file, `import { eq } from "drizzle-orm";`), ["imports drizzle-orm"]);
    assert.deepEqual(storageAccess(file, `import { sql } from "drizzle-orm/sql";`), ["imports drizzle-orm/sql"]);
    assert.deepEqual(storageAccess(file, `import { projects } from "../db/schema";`), ["imports the schema tables (../db/schema)"]);
    assert.deepEqual(storageAccess(file, `import type { X } from "~/server/db/schema/projects";`), ["imports the schema tables (~/server/db/schema/projects)"]);
    assert.deepEqual(storageAccess(file, `const s = await import("../db/schema");`), ["imports the schema tables (../db/schema)"]);
    assert.deepEqual(storageAccess(file, `import { Entity } from "electrodb";`), ["imports electrodb"]);
    assert.deepEqual(storageAccess(file, `await p.dynamo.entities.modification.query.byProject({ projectId }).go();`), ["reaches into the ElectroDB entities (.entities)"]);
    assert.deepEqual(storageAccess(file, `import type { Db } from "../db/client";\nimport { listVersionsOf } from "../versions/version-repo";`), []);
  });

  test("no file outside the repositories touches Drizzle or ElectroDB", () => {
    const files = SCANNED_DIRS.flatMap(sourceFiles);
    assert.ok(files.length > 100, `expected the application's files, found ${files.length}`);
    const offenders = files
      .filter((f) => !allowed(f))
      .flatMap((f) => storageAccess(f, readFileSync(join(root, f), "utf8")).map((what) => `${f}: ${what}`));
    assert.deepEqual(offenders, [], "move these queries into the repository of their aggregate (…-repo.ts), or add a new repository to REPOSITORIES");
  });

  test("every allow-listed repository exists and does touch storage (the list stays current)", () => {
    for (const file of REPOSITORIES) {
      assert.ok(existsSync(join(root, file)), `${file} is allow-listed but does not exist`);
      assert.ok(storageAccess(file, readFileSync(join(root, file), "utf8")).length > 0 || /DynamoService/.test(readFileSync(join(root, file), "utf8")), `${file} is allow-listed but does not touch storage`);
    }
  });
});
