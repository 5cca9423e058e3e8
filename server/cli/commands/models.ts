import { parseArgs } from "node:util";
import { ModelProvider } from "../../registry/schema";
import { cliRegistry, EXIT, reportError, type CliIo } from "../io";

const USAGE = `Usage: agent-builder models [--provider ${ModelProvider.options.join("|")}] [--json]

Lists the model registry: id, provider, context window, price per 1M input/output tokens, status.`;

const price = (v: number | null) => (v === null ? "unknown" : `$${v}`);

export async function modelsCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { provider: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  const provider = values.provider;
  if (provider !== undefined && !ModelProvider.safeParse(provider).success) {
    io.err(`Unknown provider '${provider}'.\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const models = cliRegistry().models.filter((m) => !provider || m.provider === provider);
    if (values.json) {
      io.out(`${JSON.stringify(models, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = models.map((m) => [
      m.id,
      m.provider,
      m.contextWindow === null ? "unknown" : String(m.contextWindow),
      `${price(m.pricing.inputPer1M)} / ${price(m.pricing.outputPer1M)}`,
      m.status + (m.recommended ? ", recommended" : ""),
    ]);
    const header = ["id", "provider", "context", "in / out per 1M", "status"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
    io.out([line(header), ...rows.map(line)].join("\n") + `\n${models.length} models\n`);
    return EXIT.ok;
  } catch (e) {
    return reportError(io, e);
  }
}
