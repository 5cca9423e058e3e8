/**
 * The two container images the stack builds: Node 20 slim on ARM64, non-root, starting the
 * entry point the stack expects with tsx, and no secret baked into the image; their build
 * context (the repository root) leaves out local data, build output and secrets, and keeps
 * everything the Dockerfiles copy.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { REALTIME, TEST_RUNNER } from "../../stacks/config";
import { isIgnored, parseDockerignore } from "./harness/dockerignore";

const root = resolve(import.meta.dirname, "../..");

type Instruction = { op: string; args: string };

/** Dockerfile instructions with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const logical = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  return logical.map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op!.toUpperCase(), args: rest.join(" ") };
  });
}

/**
 * The test runner is the one image that stays root: it must switch the generated agent to a
 * second uid (setpriv), which a non-root process cannot do. Its agent never runs as root.
 */
const ROOT_BY_DESIGN = new Set<string>([TEST_RUNNER.dockerfile]);

function problems(path: string, text = readFileSync(resolve(import.meta.dirname, "../..", path), "utf8")): string[] {
  const ins = parseDockerfile(text);
  const v: string[] = [];
  const froms = ins.filter((i) => i.op === "FROM");
  if (!froms.length) v.push("no FROM");
  for (const f of froms) {
    if (!f.args.includes("--platform=linux/arm64")) v.push(`FROM without --platform=linux/arm64: ${f.args}`);
    if (!/\bnode:20[\w.-]*-(slim|alpine)|node:20-(slim|alpine)/.test(f.args)) v.push(`base image is not Node 20 slim/alpine: ${f.args}`);
  }
  const finalStage = ins.slice(ins.lastIndexOf(froms.at(-1)!));
  const lastUser = finalStage.map((i, n) => [i, n] as const).filter(([i]) => i.op === "USER").at(-1);
  if (ROOT_BY_DESIGN.has(path)) {
    if (!lastUser || !/^(root|0)(:|$)/.test(lastUser[0].args)) v.push("the test runner must say USER root explicitly (it drops the agent to another uid)");
  } else if (!lastUser || /^(root|0)(:|$)/.test(lastUser[0].args)) v.push("the final stage does not switch to a non-root user");
  else if (finalStage.slice(lastUser[1] + 1).some((i) => i.op === "USER")) v.push("the user changes again after the non-root USER");
  const cmd = finalStage.filter((i) => i.op === "CMD").at(-1)?.args;
  const entry = `${dirname(path)}/main.ts`;
  if (cmd !== JSON.stringify(["node", "--import", "tsx", entry]).replace(/,/g, ", ")) v.push(`CMD is ${cmd}, expected node --import tsx ${entry}`);
  for (const i of ins) {
    if ((i.op === "ENV" || i.op === "ARG") && /(SECRET|PASSWORD|TOKEN|DATABASE_URL|_KEY)\b/i.test(i.args)) v.push(`${i.op} bakes a secret into the image: ${i.args}`);
    if (i.op === "ADD" && /https?:\/\//.test(i.args)) v.push(`ADD from a URL: ${i.args}`);
  }
  if (!finalStage.some((i) => i.op === "COPY" && /\bserver\b/.test(i.args))) v.push("the server sources are not copied into the image");
  return v;
}

describe("container images", () => {
  for (const path of [REALTIME.dockerfile, TEST_RUNNER.dockerfile]) {
    test(`${path} is ARM64 Node 20 slim, non-root (or root by design), runs its main.ts`, () => assert.deepEqual(problems(path), []));
  }

  test("the checks fail on a root, x86, secret-baking image", () => {
    const text = 'FROM node:22\nENV API_KEY=abc \\\n  X=1\nCOPY . .\nUSER root\nCMD ["node", "x.js"]\n';
    assert.deepEqual(parseDockerfile(text).map((i) => i.op), ["FROM", "ENV", "COPY", "USER", "CMD"]);
    const found = problems("server/realtime/Dockerfile", text).join("\n");
    for (const expected of [/--platform=linux\/arm64/, /not Node 20 slim/, /non-root/, /CMD is/, /bakes a secret.*API_KEY=abc X=1/, /server sources/]) assert.match(found, expected);
  });
});

describe(".dockerignore", () => {
  const rules = parseDockerignore(readFileSync(resolve(root, ".dockerignore"), "utf8"));
  const files = (dir: string): string[] =>
    readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [relative(root, join(root, dir, e.name)).split("\\").join("/")]));

  test("leaves out dependencies, build output, local data, test output, git and secrets", () => {
    for (const path of ["node_modules/zod/package.json", "templates/x/node_modules/a.js", ".next/server/app.js", ".next-cost/types/a.ts", ".data/pglite/PG_VERSION", ".data-e2e-3221/x", "test-results/a.png", "playwright-report/index.html", "bench/results/latest.json", ".git/HEAD", ".env", ".env.production", ".sst/state.json", "tsconfig.tsbuildinfo"]) {
      assert.ok(isIgnored(rules, path), `${path} would be sent to the Docker daemon`);
    }
  });

  test("keeps every file the Dockerfiles copy from the context", () => {
    for (const dockerfile of [REALTIME.dockerfile, TEST_RUNNER.dockerfile]) {
      const copies = parseDockerfile(readFileSync(resolve(root, dockerfile), "utf8")).filter((i) => i.op === "COPY" && !i.args.includes("--from="));
      const sources = copies.flatMap((c) => c.args.split(/\s+/).filter((a) => !a.startsWith("--")).slice(0, -1));
      assert.ok(sources.includes("server") && sources.includes("package.json"), `${dockerfile}: ${sources.join(" ")}`);
      for (const source of sources) {
        const paths = statSync(resolve(root, source)).isDirectory() ? files(source) : [source];
        const lost = paths.filter((p) => isIgnored(rules, p));
        assert.deepEqual(lost, [], `${dockerfile} copies ${source}, but .dockerignore drops ${lost.slice(0, 3).join(", ")}`);
      }
    }
  });

  test("the matcher follows Docker's rules: segments, **, directories, exceptions", () => {
    const r = parseDockerignore("# c\n*.log\n**/tmp\n/build/\ndocs\n!docs/keep.md\n");
    assert.equal(isIgnored(r, "a.log"), true);
    assert.equal(isIgnored(r, "server/a.log"), false, "* stays within one segment");
    assert.equal(isIgnored(r, "a/b/tmp/c"), true);
    assert.equal(isIgnored(r, "build/out/x.js"), true);
    assert.equal(isIgnored(r, "docs/a.md"), true);
    assert.equal(isIgnored(r, "docs/keep.md"), false);
    assert.equal(isIgnored(r, "server/index.ts"), false);
  });
});
