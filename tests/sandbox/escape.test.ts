import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { SandboxLimits } from "../../server/test-runs/limits";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { leftovers, liveRunCgroups, runDirsLeft, runFiles, scriptProject } from "./helpers";

/**
 * Hostile agents against the local sandbox: each attempt from the issue must be contained
 * (no secret read, nothing written or reached outside, every limit enforced with its own
 * status) and nothing may be left running afterwards.
 */

const LIMITS: SandboxLimits = { memoryMb: 256, pids: 64, cpuSeconds: 2, cpuCores: 1, wallMs: 15_000, fileSizeMb: 16, tmpMb: 32, outputBytes: 1_000_000 };
const CANARY = `canary-secret-${process.pid}-${Date.now()}`;
const MARKER = `escape-marker-${process.pid}`;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

/** A hostile dist/run-once.js: runs `body` (which may await), then prints its findings as the final answer. */
const agent = (body: string) => `
const fs = require("node:fs"), net = require("node:net"), dns = require("node:dns"), cp = require("node:child_process");
const found = {};
const attempt = async (name, fn) => { try { found[name] = await fn(); } catch (e) { found[name] = "blocked: " + (e.code || e.message); } };
(async () => {
${body}
console.log(JSON.stringify({ type: "final", output: JSON.stringify(found), usage: { inputTokens: 0, outputTokens: 0 } }));
})();`;

const runIds: string[] = [];
const run = async (body: string, limits = LIMITS, input = "go") => {
  const r = await runFiles(scriptProject(agent(body)), input, limits);
  runIds.push(r.runId);
  assert.deepEqual(leftovers(r.probe), [], "nothing of the run may survive it");
  const found = r.outcome.status === "succeeded" ? (JSON.parse(r.outcome.output) as Record<string, string>) : {};
  return { ...r, found };
};

let platformPort: Server;
let connections = 0;
before(async () => {
  process.env.AGENT_BUILDER_TEST_CANARY = CANARY;
  platformPort = createServer((s) => (connections++, s.destroy()));
  await new Promise<void>((r) => platformPort.listen(0, "127.0.0.1", () => r()));
});
after(() => new Promise<void>((r) => platformPort.close(() => r())));

describe("sandbox escape attempts", { skip, timeout: 300_000 }, () => {
  test("secrets: /etc/shadow and the platform's environment are out of reach", async () => {
    const { found, text } = await run(`
      await attempt("shadow", () => fs.readFileSync("/etc/shadow", "utf8"));
      await attempt("root-environ", () => fs.readFileSync("/proc/1/environ", "utf8"));
      await attempt("self-environ", () => fs.readFileSync("/proc/self/environ", "utf8"));
      await attempt("all-environ", () => fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)).map((p) => { try { return fs.readFileSync("/proc/" + p + "/environ", "utf8"); } catch (e) { return e.code; } }).join("|"));
      await attempt("env", () => JSON.stringify(process.env));
      await attempt("uid", () => String(process.getuid()));`);
    assert.match(found.shadow!, /blocked: (ENOENT|EACCES)/);
    assert.match(found["root-environ"]!, /blocked: EACCES/);
    assert.notEqual(found.uid, "0");
    for (const secret of [CANARY, process.env.NEXTAUTH_SECRET ?? "no-secret-set", "NEXTAUTH", "AWS_"]) assert.ok(!text.includes(secret), `the agent saw ${secret}`);
    const env = JSON.parse(found.env!) as Record<string, string>;
    assert.deepEqual(Object.keys(env).sort().filter((k) => !["AGENT_MODEL_API_KEY", "AGENT_MODEL_BASE_URL", "AGENT_MODEL_ID", "AGENT_MODEL_PROVIDER", "HOME", "LANG", "NODE_ENV", "PATH", "PWD", "TMPDIR", "USER"].includes(k)), []);
    const shadow = readFileSync("/etc/shadow", "utf8").split("\n")[0]!;
    assert.ok(!text.includes(shadow), "the host's /etc/shadow leaked");
  });

  test("files outside the work dir: .. and symlinks lead nowhere", async () => {
    const repoFile = join(process.cwd(), "package.json");
    const { found } = await run(`
      await attempt("dotdot", () => fs.readFileSync("/work/../../../../" + ${JSON.stringify(repoFile.slice(1))}, "utf8"));
      await attempt("relative", () => fs.readFileSync("../../../../root/.bashrc", "utf8"));
      fs.symlinkSync("/etc/shadow", "/work/s1"); fs.symlinkSync(${JSON.stringify(repoFile)}, "/work/s2"); fs.symlinkSync("/proc/1/root/etc/hostname", "/work/s3");
      await attempt("symlink-shadow", () => fs.readFileSync("/work/s1", "utf8"));
      await attempt("symlink-repo", () => fs.readFileSync("/work/s2", "utf8"));
      await attempt("symlink-proc-root", () => fs.readFileSync("/work/s3", "utf8"));
      await attempt("root-listing", () => fs.readdirSync("/").sort().join(","));`);
    for (const k of ["dotdot", "relative", "symlink-shadow", "symlink-repo", "symlink-proc-root"]) assert.match(found[k]!, /^blocked: (ENOENT|EACCES)/, k);
    assert.equal(found["root-listing"], "app,bin,dev,etc,lib,lib64,opt,proc,run,sbin,tmp,usr,work");
  });

  test("writes outside the work dir fail, and /tmp is private", async () => {
    const { found } = await run(`
      for (const p of ["/app/x", "/usr/x", "/etc/x", "/x", "/opt/x", "/proc/x"]) await attempt(p, () => (fs.writeFileSync(p, "pwned"), "written"));
      await attempt("tmp", () => (fs.writeFileSync("/tmp/${MARKER}", "x"), "written"));
      await attempt("work", () => (fs.writeFileSync("/work/ok", "x"), "written"));`);
    for (const p of ["/app/x", "/usr/x", "/etc/x", "/x", "/opt/x", "/proc/x"]) assert.match(found[p]!, /^blocked: (EROFS|EACCES|ENOENT)/, p);
    assert.equal(found.work, "written");
    assert.equal(found.tmp, "written");
    assert.equal(existsSync(join(tmpdir(), MARKER)), false, "the sandbox's /tmp is not the host's");
  });

  test("network: no internet, no metadata service, no platform ports, no DNS; the model socket works", async () => {
    const port = (platformPort.address() as AddressInfo).port;
    const { found } = await run(`
      const connect = (host, p) => new Promise((res, rej) => { const s = net.connect({ host, port: p, timeout: 3000 }); s.on("connect", () => (s.destroy(), res("connected"))); s.on("error", rej); s.on("timeout", () => (s.destroy(), rej(new Error("timeout")))); });
      await attempt("internet", () => connect("93.184.215.14", 80));
      await attempt("metadata", () => connect("169.254.169.254", 80));
      await attempt("platform-port", () => connect("127.0.0.1", ${port}));
      await attempt("dns", () => new Promise((res, rej) => dns.lookup("registry.npmjs.org", (e, a) => (e ? rej(e) : res(a)))));
      await attempt("dns-udp", () => new dns.promises.Resolver({ timeout: 2000, tries: 1 }).resolve4("example.com"));
      await attempt("model", async () => (await (await fetch(process.env.AGENT_MODEL_BASE_URL + "/models")).json()).data[0].id);`);
    for (const k of ["internet", "metadata", "platform-port", "dns", "dns-udp"]) assert.match(found[k]!, /^blocked: /, k);
    assert.equal(connections, 0, "the platform's port saw a connection");
    assert.equal(found.model, "mock");
  });

  test("kernel surface: new namespaces (a user namespace would make it 'root'), mounts and ptrace are refused", async () => {
    const { found } = await run(`
      const sh = (cmd, args) => { const r = cp.spawnSync(cmd, args, { encoding: "utf8" }); return (r.stdout + r.stderr).trim() || "exit " + r.status; };
      await attempt("userns", () => sh("/usr/bin/unshare", ["-U", "-r", "--", "/usr/bin/id", "-u"]));
      await attempt("netns", () => sh("/usr/bin/unshare", ["-n", "--", "/usr/bin/true"]));
      await attempt("mount", () => sh("/usr/bin/unshare", ["-m", "--", "/usr/bin/true"]));
      await attempt("seccomp", () => fs.readFileSync("/proc/self/status", "utf8").match(/^Seccomp:\\s+(\\d)/m)[1]);`);
    for (const k of ["userns", "netns", "mount"]) assert.match(found[k]!, /Operation not permitted/, k);
    assert.equal(found.seccomp, "2", "a seccomp filter is active");
  });

  test("fork bomb: the process cap holds, the run says process_limit, nothing survives", async () => {
    const { outcome } = await run(`
      cp.spawn("/bin/sh", ["-c", "b(){ b | b & }; b"], { stdio: "ignore" });
      await new Promise((r) => setTimeout(r, 3000));`);
    assert.equal(outcome.status, "process_limit");
    assert.match(outcome.error!, /64 processes/);
  });

  test("allocating 2 GiB is killed at the memory cap (memory_limit)", async () => {
    const { outcome } = await run(`const held = []; for (let i = 0; i < 32; i++) held.push(Buffer.alloc(64 * 1024 * 1024, 1));`);
    assert.equal(outcome.status, "memory_limit");
    assert.match(outcome.error!, /256 MB/);
  });

  test("spinning the CPU is stopped at the CPU-time cap (cpu_limit), before the wall clock", async () => {
    const { outcome } = await run(`for (;;) {}`);
    assert.equal(outcome.status, "cpu_limit");
    assert.ok(outcome.totalMs < LIMITS.wallMs);
  });

  test("a run that never ends is killed at the wall-time cap (timeout)", async () => {
    const { outcome } = await run(`await new Promise(() => setInterval(() => {}, 1000));`, { ...LIMITS, wallMs: 2_000 });
    assert.equal(outcome.status, "timeout");
    assert.match(outcome.error!, /2 s/);
  });

  test("writing 1 GiB hits the file-size cap (file_size_limit)", async () => {
    const { outcome } = await run(`const chunk = Buffer.alloc(8 * 1024 * 1024, 1); const fd = fs.openSync("/work/big", "w"); for (let i = 0; i < 128; i++) fs.writeSync(fd, chunk);`);
    assert.equal(outcome.status, "file_size_limit");
  });

  test("printing 100 MB is cut off at the output cap (output_limit)", async () => {
    const { outcome } = await run(`const line = "x".repeat(1024 * 1024) + "\\n"; for (let i = 0; i < 100; i++) process.stdout.write(line);`);
    assert.equal(outcome.status, "output_limit");
  });

  test("orphan children (detached, in new sessions) are killed when the run ends", async () => {
    const { outcome } = await run(`
      for (let i = 0; i < 3; i++) cp.spawn("/bin/sh", ["-c", "sleep 600"], { detached: true, stdio: "ignore" }).unref();
      found.spawned = "3";`);
    assert.equal(outcome.status, "succeeded");
  });

  test("after the suite: no run directory, no live run cgroup of these runs", () => {
    assert.equal(runIds.length, 12);
    assert.deepEqual(runDirsLeft(runIds), []);
    const names = runIds.map((id) => id.replace(/[^a-z0-9_-]/gi, "").slice(0, 40));
    assert.deepEqual(liveRunCgroups().filter((c) => names.some((n) => c.startsWith(n))), []);
  });
});
