import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderTemplateText, templateVariables } from "../../server/consultation/template-text";
import { DomainError } from "../../server/errors";

/** The liquid engine for user-authored template text: data in, text out, nothing else. */

const refused = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError && e.code === "invalid", String(e));
    assert.match((e as Error).message, message);
    return true;
  });

describe("user template text", () => {
  test("lists the variables it uses and renders them as plain text", () => {
    const text = "You work for {{ company }} in {{ city | upcase }}.{% if vip %} Be extra kind.{% endif %}";
    assert.deepEqual(templateVariables(text, "systemPrompt"), ["company", "city", "vip"]);
    assert.equal(renderTemplateText(text, { company: "Acme", city: "Lyon", vip: "yes" }, "systemPrompt"), "You work for Acme in LYON. Be extra kind.");
    // A value is data: template syntax inside it is not evaluated, and nothing is HTML-escaped.
    assert.equal(renderTemplateText("{{ a }}", { a: "{{ b }} <x> & 'y'" }, "description"), "{{ b }} <x> & 'y'");
  });

  test("a missing variable is named", () => {
    refused(() => renderTemplateText("Hi {{ company }} and {{ team }}", { company: "Acme" }, "systemPrompt"), /^variables\.team: is required by the template's systemPrompt/);
  });

  test("no file access, no prototype walking, no unknown filters", () => {
    refused(() => renderTemplateText("{% include 'package.json' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    refused(() => renderTemplateText("{% render '/etc/passwd' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    refused(() => renderTemplateText("{% layout 'x' %}", {}, "systemPrompt"), /systemPrompt: is not a valid template/);
    refused(() => renderTemplateText("{{ company.constructor.name }}", { company: "Acme" }, "systemPrompt"), /could not be rendered/);
    refused(() => renderTemplateText("{{ company | evil }}", { company: "Acme" }, "systemPrompt"), /undefined filter: evil/);
  });

  test("runaway templates stop at the engine's limits", () => {
    refused(() => renderTemplateText("{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}", {}, "systemPrompt"), /limit exceeded/);
    refused(() => renderTemplateText(`${"{{ a }}".repeat(40_000)}`, { a: "x" }, "systemPrompt"), /limit exceeded/);
  });
});
