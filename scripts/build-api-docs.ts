/**
 * Writes docs/api.md, the API reference, from the router itself: procedures, their kind,
 * auth and zod inputs from `appRouter` at run time; JSDoc, return types and the domain
 * errors they can throw from the router sources; the realtime protocol from
 * server/realtime/protocol.ts. `--check` exits 1 when the committed file is out of date.
 *
 * Run: npx tsx scripts/build-api-docs.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appRouter } from "../server/api/root";
import { protectedProcedure, publicProcedure } from "../server/api/trpc";
import { clientSection } from "./api-docs/client-example";
import { listProcedures } from "./api-docs/procedures";
import { realtimeSection } from "./api-docs/realtime";
import { renderApiDocs, type DocProcedure } from "./api-docs/render";
import { indexRouterSources, readCodeTable } from "./api-docs/router-source";
import { inputFields, inputOptional, type FieldRow } from "./api-docs/schema-fields";

export const REPO_ROOT = join(__dirname, "..");
export const API_DOCS_PATH = join(REPO_ROOT, "docs", "api.md");

/** All rows of a procedure's inputs (tRPC merges chained `.input()` objects); null if one is not representable. */
function fieldsOf(inputs: DocProcedure["inputs"]): FieldRow[] | null {
  const all = inputs.map(inputFields);
  return all.some((f) => f === null) ? null : all.flatMap((f) => f!);
}

export function buildApiDocs(router: unknown = appRouter, repoRoot = REPO_ROOT): string {
  const sources = indexRouterSources(join(repoRoot, "server/api/root.ts"), "appRouter", repoRoot);
  const procedures = listProcedures(router, { protected: protectedProcedure, public: publicProcedure }).map(
    (p): DocProcedure => ({
      ...p,
      fields: fieldsOf(p.inputs),
      optionalInput: p.inputs.length > 0 && p.inputs.every(inputOptional),
      source: sources.procedures.get(p.path),
    }),
  );
  return renderApiDocs({
    procedures,
    routers: sources.routers,
    codeTable: readCodeTable(join(repoRoot, "server/api/trpc.ts"), repoRoot),
    clientExample: clientSection(repoRoot),
    realtime: realtimeSection(repoRoot),
  });
}

if (require.main === module) {
  const next = buildApiDocs();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(API_DOCS_PATH, "utf8");
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== next) {
      console.error("docs/api.md is out of date: run npx tsx scripts/build-api-docs.ts");
      process.exit(1);
    }
    console.log("docs/api.md is up to date");
  } else {
    writeFileSync(API_DOCS_PATH, next);
    console.log(`wrote ${API_DOCS_PATH}`);
  }
}
