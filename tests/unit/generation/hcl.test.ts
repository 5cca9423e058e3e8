import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "@cdktf/hcl2json";
import { block, expr, hclString, jsonencode, template, toHcl } from "../../../server/generation/terraform/hcl";

test("user text stays a literal HCL string: quotes, backslashes, newlines escaped; ${ and %{ can never start a template", async () => {
  const text = 'He said "hi" \\ ${var.x} %{if true}x%{endif}\nline2\ttab $${y}';
  assert.equal(hclString(text), '"He said \\"hi\\" \\\\ $${var.x} %%{if true}x%%{endif}\\nline2\\ttab $$${y}"');
  const hcl = toHcl([{ kind: "resource", labels: ["aws_x", 'we"ird'], body: { description: text } }]);
  const parsed = (await parse("a.tf", hcl)) as { resource: Record<string, Record<string, Array<{ description: string }>>> };
  // hcl2json returns a literal's template source: every ${ in it is the escaped $${ form.
  const source = parsed.resource.aws_x!['we"ird']![0]!.description;
  assert.doesNotMatch(source.replace(/\$\$\{/g, ""), /\$\{/);
  assert.doesNotMatch(source.replace(/%%\{/g, ""), /%\{/);
});

test("blocks, labelled blocks, aligned attributes, templates and jsonencode serialize as terraform fmt lays them out", async () => {
  const hcl = toHcl([
    { kind: "terraform", labels: [], body: { backend: block({}, "s3") } },
    {
      kind: "resource",
      labels: ["aws_lambda_function", "agent"],
      body: {
        function_name: "a",
        memory_size: 1024,
        role: expr("aws_iam_role.function.arn"),
        skipped: undefined,
        environment: block({ variables: { "awslogs-group": template("arn:", expr("local.partition"), ":x") } }),
        tags: jsonencode([{ a: true }]),
      },
    },
  ]);
  assert.equal(
    hcl,
    [
      "terraform {",
      '  backend "s3" {}',
      "}",
      "",
      'resource "aws_lambda_function" "agent" {',
      '  function_name = "a"',
      "  memory_size   = 1024",
      "  role          = aws_iam_role.function.arn",
      "  tags          = jsonencode([",
      "    {",
      "      a = true",
      "    },",
      "  ])",
      "",
      "  environment {",
      "    variables = {",
      '      "awslogs-group" = "arn:${local.partition}:x"',
      "    }",
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  assert.ok(await parse("b.tf", hcl));
});
