import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DomainError } from "../../../server/errors";
import {
  checkIdentifier,
  markdownText,
  pascalName,
  pyStringLiteral,
  snakeName,
  tsStringLiteral,
} from "../../../server/generation/serialize";

describe("string literal serializers", () => {
  test("escape quotes, backslashes and control characters, and keep the output ASCII", () => {
    assert.equal(pyStringLiteral('a"b\\c\n'), '"a\\"b\\\\c\\n"');
    assert.equal(tsStringLiteral("tab\there\r"), '"tab\\there\\r"');
    assert.equal(pyStringLiteral("\u0000\u2028\u2029\u0085\ufeff\u202e"), '"\\u0000\\u2028\\u2029\\u0085\\ufeff\\u202e"');
    for (const s of ["é", "\u2028", "😀", "\u0000"]) {
      assert.match(pyStringLiteral(s), /^[\x20-\x7e]+$/);
      assert.match(tsStringLiteral(s), /^[\x20-\x7e]+$/);
    }
  });

  test("write astral characters as one escape per language (Python \\U, TypeScript \\u{})", () => {
    assert.equal(pyStringLiteral("😀"), '"\\U0001f600"');
    assert.equal(tsStringLiteral("😀"), '"\\u{1f600}"');
  });

  test("leave template and interpolation syntax as plain characters", () => {
    assert.equal(tsStringLiteral("${x}`"), '"${x}`"');
    assert.equal(pyStringLiteral("{x} {{y}}"), '"{x} {{y}}"');
  });

  test("TypeScript literals evaluate back to the input", () => {
    for (const s of ['"', "\\", "\\\n", "😀\u2028\u0000", "a".repeat(1000)]) {
      assert.equal(JSON.parse(tsStringLiteral(s).replace(/\\u\{([0-9a-f]+)\}/g, (_, h: string) => {
        const cp = parseInt(h, 16) - 0x10000;
        return `\\u${(0xd800 + (cp >> 10)).toString(16)}\\u${(0xdc00 + (cp & 0x3ff)).toString(16)}`;
      })), s);
    }
  });

  test("reject lone surrogates with an invalid DomainError", () => {
    for (const fn of [pyStringLiteral, tsStringLiteral, markdownText]) {
      assert.throws(() => fn("a\ud800b"), (e: unknown) => e instanceof DomainError && e.code === "invalid");
    }
  });
});

describe("identifiers", () => {
  test("accept allow-listed names and reject everything else", () => {
    assert.equal(checkIdentifier("tool_0"), "tool_0");
    for (const bad of ["", "1abc", "a-b", "a b", "import", "class", "None", "x;y", "é", "a".repeat(65)]) {
      assert.throws(() => checkIdentifier(bad), DomainError, bad);
    }
  });

  test("derive module and class names from agent names", () => {
    assert.equal(snakeName("support-agent-2"), "support_agent_2");
    assert.equal(pascalName("support-agent-2"), "SupportAgent2");
  });
});

describe("markdown text", () => {
  test("flattens line breaks and escapes markup", () => {
    assert.equal(markdownText("# Title\n<script>*x*</script>\u2028[a](b)"), "\\# Title \\<script\\>\\*x\\*\\</script\\> \\[a\\]\\(b\\)");
  });
});
