/**
 * The typed-client section: README.md's createTRPCClient example verbatim (one source for
 * the example both documents show), then error handling and a generation round trip.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TERMINAL } from "../../server/modifications/workers/job";

export function readmeClientExample(repoRoot: string): string {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].find((m) => m[1]!.includes("createTRPCClient"));
  if (!block) throw new Error("README.md: no ```ts block with the createTRPCClient example to reuse");
  return block[1]!.trimEnd();
}

export function clientSection(repoRoot: string): string {
  return [
    "Create an API token under **Settings** (or with `token.create`), then use the typed client (the same example as README.md):",
    "",
    "```ts",
    readmeClientExample(repoRoot),
    "```",
    "",
    "Errors arrive as `TRPCClientError` with the tRPC code in `data.code`:",
    "",
    "```ts",
    'import { TRPCClientError } from "@trpc/client";',
    "",
    "try {",
    '  await api.project.get.query({ id: "prj_01jzzzzzzzzzzzzzzzzzzzzzzz" });',
    "} catch (e) {",
    '  if (e instanceof TRPCClientError && e.data?.code === "NOT_FOUND") console.log("no such project");',
    "  else throw e;",
    "}",
    "```",
    "",
    "Generating a version runs the PM → Dev → QA → Ops pipeline in the background: `generation.generate` stores a modification and returns it; poll `modification.get` (or listen on the realtime WebSocket) until its status is terminal (" +
      TERMINAL.map((s) => `\`${s}\``).join(", ") +
      "):",
    "",
    "```ts",
    "const started = await api.generation.generate.mutate({ projectId: project.id, spec });",
    "let m = started;",
    `while (!${JSON.stringify(TERMINAL).replace(/,/g, ", ")}.includes(m.status)) {`,
    "  await new Promise((r) => setTimeout(r, 2000));",
    "  m = await api.modification.get.query({ projectId: project.id, modificationId: started.modificationId });",
    "}",
    'if (m.status !== "done") throw new Error(m.error ?? m.status);',
    "const [latest] = await api.generation.listVersions.query({ projectId: project.id });",
    "```",
  ].join("\n");
}
