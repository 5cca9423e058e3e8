/**
 * sst.config.ts and stacks/ type-check against the SST declarations in stacks/types (SST's
 * real signatures, copied), and those declarations reject an argument SST does not have.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";

const root = resolve(import.meta.dirname, "../..");
const tsc = (project: string) =>
  spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project, "--pretty", "false"], { cwd: root, encoding: "utf8" });

test("sst.config.ts and stacks/ type-check", () => {
  const result = tsc("stacks/tsconfig.json");
  assert.equal(result.stdout + result.stderr, "");
  assert.equal(result.status, 0);
});

test("the SST declarations reject a misspelt component argument", () => {
  const dir = mkdtempSync(join(tmpdir(), "stacks-typecheck-"));
  try {
    writeFileSync(join(dir, "bad.ts"), 'new sst.aws.Queue("Jobs", { dlq: { queue: "arn:aws:sqs:::dlq", retries: 5 } });\nexport {};\n');
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(root, "stacks/tsconfig.json"),
        compilerOptions: { typeRoots: [join(root, "node_modules/@types")] },
        include: [join(root, "stacks/types/*.ts"), "./bad.ts"],
      }),
    );
    const result = tsc(join(dir, "tsconfig.json"));
    assert.notEqual(result.status, 0);
    assert.match(result.stdout, /bad\.ts.*'retries' does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
