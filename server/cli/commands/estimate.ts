import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { DomainError } from "../../errors";
import { loadRegistryFrom } from "../../registry/load";
import { validateSpec } from "../../spec/agent-spec";
import { defaultUsage } from "../../cost/default-usage";
import { estimateCost } from "../../cost/estimate";
import { fmtUsd } from "../../cost/format";
import { costDepsFrom } from "../../cost/deps";
import { loadPricing } from "../../cost/pricing";
import type { CostDeps, CostEstimate } from "../../cost/types";

const USAGE = `Usage: agent-builder estimate SPEC [--requests-per-month N] [--input-tokens N] [--output-tokens N] [--no-free-tier] [--json]

Prints the monthly AWS cost of the agent described by SPEC (agent-spec.json or .yaml).
Without --requests-per-month, traffic comes from the spec's requirements.requestsPerDay.`;

const FLAG_OF: Record<string, string> = {
  requestsPerMonth: "--requests-per-month",
  inputTokens: "--input-tokens",
  outputTokens: "--output-tokens",
};

export type CliIo = { out: (text: string) => void; err: (text: string) => void; deps?: () => CostDeps };

/** The registry shipped with the package, or the one under the working directory. */
function defaultDeps(): CostDeps {
  const local = join(process.cwd(), "registry");
  const dir = existsSync(join(local, "models.json")) ? local : resolve(__dirname, "../../../registry");
  const registry = loadRegistryFrom(dir);
  return costDepsFrom(registry, loadPricing());
}

/** "1e6", "250000" → number; anything else is passed on as NaN so validation names the flag. */
const toNumber = (v: string | undefined) => (v === undefined ? undefined : v.trim() === "" ? Number.NaN : Number(v));

function readSpec(path: string): unknown {
  const text = readFileSync(path, "utf8");
  return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
}

function table(e: CostEstimate): string {
  const width = Math.max(...e.lines.map((l) => l.service.length), 7);
  const row = (name: string, value: string) => `${name.padEnd(width)}  ${value.padStart(14)}`;
  const lines = e.lines.map((l) => row(l.service, l.monthly === null ? "price unknown" : fmtUsd(l.monthly)));
  const out = [row("Service", "USD / month"), ...lines, row("Total", fmtUsd(e.total))];
  if (e.totalExcludesUnknown) out.push(`(total excludes lines with unknown prices: ${e.unknownServices.join(", ")})`);
  if (e.perRequest !== null) out.push(`Per request: $${e.perRequest}`);
  if (e.freeTierSaving > 0) out.push(`Free tier saves ${fmtUsd(e.freeTierSaving)}/month`);
  out.push(`Usage: ${e.usageSource}`);
  const top = e.suggestions.filter((s) => s.monthlySaving > 0).slice(0, 3);
  if (top.length > 0) out.push("Suggestions:", ...top.map((s) => `  - ${s.title}: saves ${fmtUsd(s.monthlySaving)}/month`));
  return out.join("\n");
}

/**
 * `agent-builder estimate SPEC …`: argv is everything after "estimate". Returns the exit
 * code: 0 printed, 1 the estimate failed (unknown model, bad figures), 2 bad command line
 * or unreadable/invalid spec.
 */
export async function estimateCommand(argv: string[], io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "requests-per-month": { type: "string" },
        "input-tokens": { type: "string" },
        "output-tokens": { type: "string" },
        "no-free-tier": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) return io.out(`${USAGE}\n`), 0;
  if (positionals.length !== 1) return io.err(`Expected one SPEC file.\n${USAGE}\n`), 2;

  let specInput: unknown;
  try {
    specInput = readSpec(positionals[0]!);
  } catch (e) {
    io.err(`Cannot read spec '${positionals[0]}': ${(e as Error).message}\n`);
    return 2;
  }
  const checked = validateSpec(specInput);
  if (!checked.ok) {
    io.err(`Invalid spec '${positionals[0]}':\n${checked.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}\n`);
    return 2;
  }
  try {
    const overrides = {
      ...(values["requests-per-month"] !== undefined && { requestsPerMonth: toNumber(values["requests-per-month"]) }),
      ...(values["input-tokens"] !== undefined && { inputTokens: toNumber(values["input-tokens"]) }),
      ...(values["output-tokens"] !== undefined && { outputTokens: toNumber(values["output-tokens"]) }),
      freeTier: !values["no-free-tier"],
    };
    const estimate = estimateCost(checked.spec, defaultUsage(checked.spec, overrides), (io.deps ?? defaultDeps)());
    if (values.json) {
      const lines = estimate.lines.map((l) => ({ service: l.service, monthly: l.monthly, ...(l.priceUnknown && { priceUnknown: true }), detail: l.detail }));
      const { total, perRequest, totalExcludesUnknown, unknownServices, freeTierSaving, usageSource } = estimate;
      io.out(`${JSON.stringify({ total, currency: "USD", perRequest, totalExcludesUnknown, unknownServices, freeTierSaving, usageSource, lines }, null, 2)}\n`);
    } else {
      io.out(`${table(estimate)}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = typeof e.details?.field === "string" ? FLAG_OF[e.details.field] : undefined;
    io.err(`${e.message}${field ? ` (${field})` : ""}\n`);
    return 1;
  }
}
