import { parseArgs } from "node:util";
import { cliRegistry, EXIT, reportError, type CliIo } from "../io";

const USAGE = `Usage: agent-builder tools [--json]

Lists the tool registry: id, kind, category, languages, status.`;

export async function toolsCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  try {
    const tools = cliRegistry().tools;
    if (values.json) {
      io.out(`${JSON.stringify(tools, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = tools.map((t) => [
      t.id,
      t.kind,
      t.category,
      [t.python && "python", t.typescript && "typescript"].filter(Boolean).join("+") || "-",
      t.status + (t.replacedBy ? ` -> ${t.replacedBy}` : ""),
    ]);
    const header = ["id", "kind", "category", "languages", "status"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
    io.out([line(header), ...rows.map(line)].join("\n") + `\n${tools.length} tools\n`);
    return EXIT.ok;
  } catch (e) {
    return reportError(io, e);
  }
}
