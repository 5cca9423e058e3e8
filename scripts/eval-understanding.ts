import { loadRegistryFrom } from "../server/registry/load";
import { join } from "node:path";
import { offlineEngine } from "./eval/offline-engine";
import { evaluate, formatReport } from "./eval/run";

/**
 * `npm run eval:understanding [--verbose]`: scores the understanding engines on the dataset in
 * tests/fixtures/understanding — the offline rules always, the configured model when there is one.
 */
async function main() {
  const verbose = process.argv.includes("--verbose");
  const registry = loadRegistryFrom(join(__dirname, "../registry"));
  console.log(formatReport(await evaluate(offlineEngine(registry)), verbose));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
