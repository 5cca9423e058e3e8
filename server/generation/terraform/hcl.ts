/**
 * Terraform files built as objects and serialized, like every other generated IaC file:
 * user text only ever lands in a quoted HCL string with its escapes (`\"`, `\\`, `\n`,
 * and `$${` / `%%{` so it can never start an interpolation or directive); references and
 * function calls are HclExpr values built by the builders from fixed names.
 *
 * The output follows `terraform fmt`'s layout (two-space indent, `=` aligned within a run
 * of one-line attributes) so a generated project stays clean under `terraform fmt -check`.
 */

/** A raw HCL expression: a reference (`aws_iam_role.agent.arn`) or a function call. */
export class HclExpr {
  constructor(readonly code: string) {}
}

/** Nested blocks (`name { ... }`), as opposed to an attribute whose value is a map. */
export class HclBlock {
  constructor(
    readonly body: HclBody,
    readonly labels: string[] = [],
  ) {}
}

/** A function call on HCL values, e.g. `jsonencode([...])` for a JSON argument built as an object. */
export class HclCall {
  constructor(
    readonly fn: "jsonencode",
    readonly arg: HclValue,
  ) {}
}

export type HclValue = string | number | boolean | HclExpr | HclCall | HclValue[] | { [key: string]: HclValue };
export type HclBody = { [name: string]: HclValue | HclBlock | HclBlock[] | undefined };
export type HclTopBlock = { kind: "terraform" | "provider" | "variable" | "locals" | "data" | "resource" | "output"; labels: string[]; body: HclBody };

export const expr = (code: string) => new HclExpr(code);
export const block = (body: HclBody, ...labels: string[]) => new HclBlock(body, labels);
export const jsonencode = (arg: HclValue) => new HclCall("jsonencode", arg);

/** A quoted HCL string with every template sequence escaped: the text stays literal. */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    // A function replacement: in a replacement string "$$" would itself mean one "$".
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
  return `"${escaped}"`;
}

/** A string template: literal parts escaped, HclExpr parts interpolated (`"arn:${local.partition}:..."`). */
export function template(...parts: Array<string | HclExpr>): HclExpr {
  const body = parts.map((p) => (p instanceof HclExpr ? `\${${p.code}}` : hclString(p).slice(1, -1))).join("");
  return new HclExpr(`"${body}"`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const key = (k: string) => (IDENTIFIER.test(k) ? k : hclString(k));
const pad = (depth: number) => "  ".repeat(depth);

function value(v: HclValue, depth: number): string {
  if (v instanceof HclExpr) return v.code;
  if (v instanceof HclCall) return `${v.fn}(${value(v.arg, depth)})`;
  if (typeof v === "string") return hclString(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`HCL cannot hold the number ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    const items = v.map((i) => value(i, depth + 1));
    const oneLine = `[${items.join(", ")}]`;
    if (!items.some((i) => i.includes("\n")) && oneLine.length <= 100) return oneLine;
    return `[\n${items.map((i) => `${pad(depth + 1)}${i},`).join("\n")}\n${pad(depth)}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return "{}";
  return `{\n${attributeLines(entries, depth + 1).join("\n")}\n${pad(depth)}}`;
}

/** `name = value` lines, `=` aligned across each run of one-line values (as terraform fmt does). */
function attributeLines(entries: Array<[string, HclValue]>, depth: number): string[] {
  const rendered = entries.map(([k, v]) => [key(k), value(v, depth)] as const);
  const lines: string[] = [];
  let run: Array<readonly [string, string]> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, v] of run) lines.push(`${pad(depth)}${k.padEnd(width)} = ${v}`);
    run = [];
  };
  for (const [k, v] of rendered) {
    run.push([k, v]);
    if (v.includes("\n")) flush();
  }
  flush();
  return lines;
}

function body(b: HclBody, depth: number): string[] {
  const entries = Object.entries(b).filter(([, v]) => v !== undefined) as Array<[string, HclValue | HclBlock | HclBlock[]]>;
  const attrs = entries.filter(([, v]) => !(v instanceof HclBlock) && !(Array.isArray(v) && v.length > 0 && v.every((i) => i instanceof HclBlock)));
  const blocks = entries.filter((e) => !attrs.includes(e)).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((bl) => [k, bl as HclBlock] as const));
  const lines = attributeLines(attrs as Array<[string, HclValue]>, depth);
  for (const [name, nested] of blocks) {
    if (lines.length > 0) lines.push("");
    const head = `${pad(depth)}${[name, ...nested.labels.map(hclString)].join(" ")} {`;
    const inner = body(nested.body, depth + 1);
    lines.push(...(inner.length === 0 ? [`${head}}`] : [head, ...inner, `${pad(depth)}}`]));
  }
  return lines;
}

/** One .tf file: top-level blocks separated by a blank line, ending in a newline. */
export function toHcl(blocks: HclTopBlock[]): string {
  return `${blocks
    .map((b) => {
      const head = [b.kind, ...b.labels.map((l) => hclString(l))].join(" ");
      const inner = body(b.body, 1);
      return inner.length === 0 ? `${head} {}` : `${head} {\n${inner.join("\n")}\n}`;
    })
    .join("\n\n")}\n`;
}
