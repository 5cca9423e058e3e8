import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RENDER_TIMEOUT_MS, renderInWorker, renderTemplateText, templateVariables } from "../../server/consultation/template-text";
import { DomainError } from "../../server/errors";

/** The liquid engine for user-authored template text: data in, text out, nothing else. */

const refused = (fn: () => Promise<unknown>, message: RegExp) =>
  assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError && e.code === "invalid", String(e));
    assert.match((e as Error).message, message);
    return true;
  });

describe("user template text", () => {
  test("lists the variables it uses and renders them as plain text", async () => {
    const text = "You work for {{ company }} in {{ city | upcase }}.{% if vip %} Be extra kind.{% endif %}";
    assert.deepEqual(templateVariables(text, "systemPrompt"), ["company", "city", "vip"]);
    assert.equal(await renderTemplateText(text, { company: "Acme", city: "Lyon", vip: "yes" }, "systemPrompt"), "You work for Acme in LYON. Be extra kind.");
    // A value is data: template syntax inside it is not evaluated, and nothing is HTML-escaped.
    assert.equal(await renderTemplateText("{{ a }}", { a: "{{ b }} <x> & 'y'" }, "description"), "{{ b }} <x> & 'y'");
  });

  test("a missing variable is named", async () => {
    await refused(() => renderTemplateText("Hi {{ company }} and {{ team }}", { company: "Acme" }, "systemPrompt"), /^variables\.team: is required by the template's systemPrompt/);
  });

  test("no file access, no prototype walking, no unknown filters", async () => {
    await refused(() => renderTemplateText("{% include 'package.json' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    await refused(() => renderTemplateText("{% render '/etc/passwd' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    await refused(() => renderTemplateText("{% layout 'x' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    await refused(() => renderTemplateText("{{ company.constructor.name }}", { company: "Acme" }, "systemPrompt"), /could not be rendered/);
    await refused(() => renderTemplateText("{{ company | evil }}", { company: "Acme" }, "systemPrompt"), /undefined filter: evil/);
  });

  test("runaway templates stop at the engine's limits", async () => {
    await refused(() => renderTemplateText("{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}", {}, "systemPrompt"), /limit exceeded/);
    await refused(() => renderTemplateText(`${"{{ a }}".repeat(40_000)}`, { a: "x" }, "systemPrompt"), /limit exceeded/);
  });
});

describe("finding: {% capture %} bypassed the memory limit", () => {
  const seed = `{% assign s = "${"x".repeat(100)}" %}`;
  const bombs: Record<string, string> = {
    "capture doubling x20 (the probe's bomb)": seed + "{% capture s %}{{ s }}{{ s }}{% endcapture %}".repeat(20) + "{{ s | size }}",
    "capture inside for": seed + "{% for i in (1..20) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}",
    "capture with echo": seed + "{% capture s %}{% echo s %}{% echo s %}{% endcapture %}".repeat(20) + "{{ s | size }}",
    "liquid tag capture": seed + "{% liquid\nfor i in (1..20)\ncapture s\necho s\necho s\nendcapture\nendfor\necho s | size %}",
    "append chain": seed + "{% assign s = s | append: s %}".repeat(20) + "{{ s | size }}",
    "capture, then a filter that copies": seed + "{% capture s %}{{ s }}{{ s }}{% endcapture %}".repeat(20) + "{{ s | upcase | size }}",
    "raw skips the output charge": seed + "{% capture s %}{{ s | raw }}{{ s | raw }}{% endcapture %}".repeat(20),
    "a long literal in a long loop": `{% for i in (1..900000) %}${"y".repeat(200)}{% endfor %}`,
    "nested loops": "{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}z{% endfor %}{% endfor %}{% endfor %}",
    "cycle in a loop": `{% for i in (1..900000) %}{% cycle "${"a".repeat(100)}", "${"b".repeat(100)}" %}{% endfor %}`,
    "nested include of another template": "{% capture t %}{% include 'self' %}{% endcapture %}{{ t }}",
  };

  for (const [name, text] of Object.entries(bombs)) {
    test(`${name}: refused by a limit`, async () => {
      await refused(() => renderTemplateText(text, {}, "systemPrompt"), /limit exceeded|renders to more than|not allowed|not a valid template/);
    });
  }

  test("six rounds of every bomb keep RSS within 100 MB of the baseline", async () => {
    // A collection before each render: the bound is on what one render takes, not on the
    // garbage earlier renders left for a lazy collector (which made this check flaky at ~101 MB).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    for (let round = 0; round < 6; round++) {
      for (const text of Object.values(bombs)) {
        gc();
        try {
          await renderTemplateText(text, {}, "systemPrompt");
        } catch {
          // refused, as above
        }
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    }
    assert.ok(peak - baseline < 100 * 1024 * 1024, `RSS grew by ${Math.round((peak - baseline) / 1048576)} MB`);
  });

  test("a render thread that never yields is terminated at the time limit, one that allocates without end at its heap cap", { timeout: 120_000 }, async () => {
    const data = { text: "", variables: {}, options: { parseLimit: 1, renderLimit: 1, memoryLimit: 1 }, maxChars: 1 };
    const started = performance.now();
    assert.deepEqual(await renderInWorker(data, "for (;;) {}"), { error: `time limit exceeded (${RENDER_TIMEOUT_MS} ms)` });
    assert.ok(performance.now() - started >= RENDER_TIMEOUT_MS);
    // A generous clock here: on a loaded machine the collector's last efforts near the cap are slow.
    assert.deepEqual(await renderInWorker(data, "const keep = []; for (;;) keep.push(new Array(1000000).fill(keep.length + 0.5));", 60_000), { error: "memory limit exceeded" });
  });

  test("a bomb renders off the event loop: timers keep firing while it runs", async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    try {
      const started = performance.now();
      // liquidjs checks its time limit between steps: this one runs until its 1 s renderLimit.
      await refused(() => renderTemplateText(bombs["nested loops"]!, {}, "systemPrompt"), /limit exceeded/);
      assert.ok(performance.now() - started > 500, "the bomb did run for a while");
    } finally {
      clearInterval(ticker);
    }
    // On this thread the render held the loop for its whole second (renderLimit); a busy machine alone stalls it far less.
    assert.ok(longestGap < 400, `the event loop stalled for ${Math.round(longestGap)} ms`);
  });

  test("ordinary templates still render, including loops and captures of normal size", async () => {
    const text = "{% capture greeting %}Hello {{ company }}{% endcapture %}{% for i in (1..3) %}{{ greeting }}. {% endfor %}";
    assert.equal(await renderTemplateText(text, { company: "Acme" }, "systemPrompt"), "Hello Acme. Hello Acme. Hello Acme. ");
  });
});
