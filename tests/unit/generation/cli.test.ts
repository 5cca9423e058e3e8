import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { stringify as toYaml } from "yaml";
import { runCli } from "../../helpers/cli";

/** The `agent-builder` command, spawned through its bin entry like a user would run it. */

const work = mkdtempSync(join(tmpdir(), "agent-builder-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[], cwd = work) => runCli(args, { cwd });

describe("agent-builder CLI", () => {
  test("init prints a valid example spec; an unknown template is an error", async () => {
    const ok = await cli(["init"]);
    assert.equal(ok.code, 0, ok.err);
    const spec = JSON.parse(ok.out) as { name: string; language: string };
    assert.equal(spec.language, "python");
    const ts = await cli(["init", "--template", "typescript-agentcore"]);
    assert.equal((JSON.parse(ts.out) as { language: string }).language, "typescript");
    const bad = await cli(["init", "--template", "nope"]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /Template 'nope' was not found/);
  });

  test("generate writes the project and prints its hash and files; the same spec gives the same hash", async () => {
    const init = await cli(["init"]);
    writeFileSync(join(work, "spec.json"), init.out);
    const first = await cli(["generate", "spec.json", "--out", "out1", "--json"]);
    assert.equal(first.code, 0, first.err);
    const report = JSON.parse(first.out) as { contentHash: string; files: Array<{ path: string; bytes: number }> };
    assert.match(report.contentHash, /^[0-9a-f]{64}$/);
    assert.ok(report.files.some((f) => f.path === "app/agent.py"));
    for (const f of report.files) assert.equal(statSync(join(work, "out1", f.path)).size, f.bytes, f.path);
    assert.equal(statSync(join(work, "out1", "scripts", "deploy.sh")).mode & 0o111, 0o111);

    writeFileSync(join(work, "spec.yaml"), toYaml(JSON.parse(init.out)));
    const second = await cli(["generate", "spec.yaml", "--out", "out2"]);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, new RegExp(`content hash: ${report.contentHash}`));
    assert.equal(readFileSync(join(work, "out2", "agent-spec.json"), "utf8"), readFileSync(join(work, "out1", "agent-spec.json"), "utf8"));
  });

  test("generate lists the missing fields of an incomplete spec on stderr and exits 1", async () => {
    writeFileSync(join(work, "incomplete.json"), JSON.stringify({ name: "half-agent", model: { id: "x" } }));
    const r = await cli(["generate", "incomplete.json", "--out", "never"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /description: is required \(missing\)/);
    assert.match(r.err, /systemPrompt: is required \(missing\)/);
    assert.match(r.err, /deployment: is required \(missing\)/);
    assert.equal(existsSync(join(work, "never")), false);
  });

  test("verify passes a generated project and fails a tampered one, naming file and line", async () => {
    const ok = await cli(["verify", "out1"]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /verified: no failures/);
    const dockerfile = join(work, "out1", "Dockerfile");
    writeFileSync(dockerfile, readFileSync(dockerfile, "utf8").replace("USER 10001:10001", "USER root"));
    const bad = await cli(["verify", "out1", "--json"]);
    assert.equal(bad.code, 1);
    const result = JSON.parse(bad.out) as { ok: boolean; checks: Array<{ check: string; file: string; line: number }> };
    assert.equal(result.ok, false);
    assert.deepEqual(result.checks.filter((c) => c.check === "dockerfile").map((c) => c.file), ["Dockerfile"]);
  });

  test("verify type-checks a TypeScript project (tests included) from any directory; a check with nothing to check is not applicable", async () => {
    const init = await cli(["init", "--template", "typescript-agentcore"]);
    writeFileSync(join(work, "ts-spec.json"), init.out);
    const generated = await cli(["generate", "ts-spec.json", "--out", "ts-out", "--json"]);
    assert.equal(generated.code, 0, generated.err);
    // A TypeScript project always gets package-lock.json (npm ci in its Dockerfile): resolved once, then cached.
    assert.match((JSON.parse(generated.out) as { lockfile: { status: string } }).lockfile.status, /^(resolved|cached)$/);
    assert.ok(existsSync(join(work, "ts-out", "package-lock.json")));
    const r = await cli(["verify", "ts-out", "--json", "--skip-rehearsal"]);
    assert.equal(r.code, 0, r.out + r.err);
    const result = JSON.parse(r.out) as { ran: Array<{ check: string; files: number; status: string }>; rehearsal?: unknown };
    const types = result.ran.find((x) => x.check === "typescript-types");
    assert.equal(types?.status, "passed");
    assert.ok((types?.files ?? 0) > 5);
    assert.equal(result.ran.find((x) => x.check === "lockfile")?.status, "passed");
    assert.deepEqual(result.ran.find((x) => x.check === "python-syntax"), { ...result.ran.find((x) => x.check === "python-syntax"), files: 0, status: "not-applicable" });
    assert.equal(result.rehearsal, undefined);
  });

  test("verify on a directory that is not an Agent Builder project says so and exits 2", async () => {
    writeFileSync(join(work, "plain.txt"), "not a project");
    const r = await cli(["verify", "."], work);
    assert.equal(r.code, 2);
    assert.match(r.err, /is not an Agent Builder project: it has no agent-spec\.json/);
  });

  test("models and tools list the registries, with a provider filter and JSON output", async () => {
    const ollama = await cli(["models", "--provider", "ollama", "--json"]);
    assert.equal(ollama.code, 0, ollama.err);
    const models = JSON.parse(ollama.out) as Array<{ provider: string }>;
    assert.ok(models.length > 0 && models.every((m) => m.provider === "ollama"));
    const table = await cli(["models"]);
    assert.match(table.out, /^id\s+provider/);
    const tools = await cli(["tools", "--json"]);
    assert.ok((JSON.parse(tools.out) as unknown[]).length > 0);
    const bad = await cli(["models", "--provider", "nope"]);
    assert.equal(bad.code, 2);
  });

  test("an unknown command or a missing argument is a usage error on stderr", async () => {
    const unknown = await cli(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown command 'frobnicate'/);
    const missing = await cli(["generate", "spec.json"]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--out DIR/);
  });
});
