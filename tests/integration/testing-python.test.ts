import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import type { LocalTestRunner } from "../../server/test-runs/local-runner";
import { PrepareError } from "../../server/test-runs/prepare/errors";
import { parseRequirements } from "../../server/test-runs/prepare/python-deps";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/pipeline";
import { runFiles, storeGenerated, useTestRunner, waitForRun } from "../sandbox/helpers";

/**
 * The Python path: a generated Python agent gets a virtualenv and pip; PyPI is unreachable on
 * these machines, so the run must end fast as dependencies_failed carrying pip's message.
 * A Python agent without requirements runs in the same sandbox.
 */

let platform: LocalPlatform;
let runner: LocalTestRunner;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

before(async () => {
  platform = await startTestPlatform();
  runner = useTestRunner(platform);
});
after(async () => {
  await runner?.idle();
  await platform.close();
});

const text = (files: Record<string, string>) => new Map(Object.entries(files).map(([p, t]) => [p, new TextEncoder().encode(t)]));

describe("Python agents", { skip, timeout: 180_000 }, () => {
  test("a generated Python agent fails fast with 'dependencies could not be installed' and pip's message", async () => {
    const { caller } = await createUser(platform, "py");
    const project = await caller.project.create({ name: "Python agent" });
    const version = await storeGenerated(platform, project.id, SPEC);
    const started = Date.now();
    const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "hello" });
    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }), 120_000);
    assert.equal(run.status, "dependencies_failed");
    assert.match(run.error!, /^Dependencies could not be installed: /);
    assert.match(run.error!, /No matching distribution|Could not find a version|Failed to establish|Network is unreachable/);
    assert.ok(Date.now() - started < 100_000, "never a hang");
    assert.ok(run.events.some((e) => e.type === "status" && e.phase === "installing"));
    assert.equal(run.latencyFirstTokenMs, null);
  });

  test("a Python agent without requirements runs in the sandbox and streams its events", async () => {
    const { outcome } = await runFiles(
      text({
        "requirements.txt": "# nothing to install\n",
        "run_once.py": [
          "import json, os, sys",
          "import argparse",
          "parser = argparse.ArgumentParser()",
          "parser.add_argument('--input', required=True)",
          "inp = parser.parse_args().input",
          "print(json.dumps({'type': 'text', 'delta': 'uid ' + str(os.getuid()) + ' '}), flush=True)",
          "print(json.dumps({'type': 'final', 'output': 'echo: ' + inp, 'usage': {'inputTokens': 3, 'outputTokens': 2}}))",
        ].join("\n"),
      }),
      "--help me",
    );
    assert.equal(outcome.status, "succeeded", outcome.error ?? "");
    assert.equal(outcome.output, "echo: --help me", "an input that looks like an option is still the input");
    assert.ok(outcome.events.some((e) => e.type === "text" && /^uid 6\d{4} $/.test(e.delta)), "runs as an unprivileged uid");
  });

  test("requirements.txt may only name packages: options, paths and URLs are refused by line", () => {
    assert.deepEqual(parseRequirements("strands-agents>=1.0,<2\n# c\n\nboto3==1.35.0 # pinned\nrich[jupyter]\n"), ["boto3==1.35.0", "rich[jupyter]", "strands-agents>=1.0,<2"]);
    for (const bad of ["--index-url http://evil/simple", "-e /etc", "pkg @ file:///etc/shadow", "git+https://x/y.git", "../local", "x; os_name=='posix'"]) {
      assert.throws(() => parseRequirements(`ok==1\n${bad}`), (e: unknown) => e instanceof PrepareError && e.status === "dependencies_failed" && /line 2/.test(e.message), bad);
    }
  });
});
