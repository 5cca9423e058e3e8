/**
 * docs/api.md from the collected facts. Pure: the same facts give the same bytes, so the
 * staleness test can compare the committed file with a fresh rendering.
 */
import { errorLines, httpStatus } from "./errors";
import { anchor, cell, fieldTable } from "./markdown";
import type { ProcedureInfo } from "./procedures";
import type { ProcedureSource, RouterSource } from "./router-source";
import type { FieldRow } from "./schema-fields";

export type DocProcedure = ProcedureInfo & { fields: FieldRow[] | null; optionalInput: boolean; source: ProcedureSource | undefined };
export type DocModel = {
  procedures: DocProcedure[];
  routers: Map<string, RouterSource>;
  codeTable: Record<string, string>;
  clientExample: string;
  realtime: string;
};

const AUTH_LABEL = { protected: "session or API token", public: "public" } as const;

function returnsLine(p: DocProcedure): string {
  const r = p.source?.returns;
  if (!r) return "see the router source";
  const type = r.text ? `\`${cell(r.text)}\`` : null;
  const where = r.fn ? `\`${r.fn}\` in \`${r.file}\`` : `\`${r.file}\``;
  if (type && r.fn) return `${type}, from ${where}`;
  if (type) return type;
  return `see ${where}`;
}

function procedureSection(p: DocProcedure, codeTable: Record<string, string>): string[] {
  const out = [`### \`${p.path}\``, ""];
  if (p.source?.doc) out.push(p.source.doc, "");
  out.push(
    "| | |",
    "|---|---|",
    `| type | ${p.kind} |`,
    `| auth | ${AUTH_LABEL[p.auth]} |`,
    `| returns | ${returnsLine(p)} |`,
    "",
  );
  if (!p.inputs.length) out.push("**Input:** none.", "");
  else if (!p.fields) out.push("**Input:** — (not representable as JSON Schema; see the router source)", "");
  else out.push(`**Input${p.optionalInput ? " (may be omitted)" : ""}:**`, "", ...fieldTable(p.fields), "");
  const errors = errorLines(p, p.fields, p.source?.errors ?? [], codeTable);
  out.push("**Errors:**", "", ...(errors.length ? errors : ["- none besides `INTERNAL_SERVER_ERROR`"]), "");
  return out;
}

function conventions(codeTable: Record<string, string>): string[] {
  const codes = ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR"];
  const fromDomain = (code: string) => Object.keys(codeTable).filter((k) => codeTable[k] === code).map((k) => `\`${k}\``).join(", ") || "—";
  return [
    "## Conventions",
    "",
    "- **Transport.** tRPC 11 over HTTP at `/api/trpc/<path>`: queries are `GET` with `?input=`, mutations `POST` with a JSON body, both in [superjson](https://github.com/flightcontrolhq/superjson)'s format (dates stay dates). Use the typed client below rather than hand-made requests.",
    "- **Auth.** *session or API token*: the next-auth session cookie (browsers) or `Authorization: Bearer <API token>` (create one with `token.create` or under Settings). A bearer header that does not resolve is `UNAUTHORIZED`; it never falls back to the cookie. *public*: no auth needed.",
    "- **Ownership.** Every procedure that takes a project id checks that the caller owns the project; a missing project and another user's project get the same `NOT_FOUND`.",
    "- **Limits.** Every procedure has a rate-limit class (`server/limits/procedure-classes.ts`): *read* and *write* are budgets per user per minute (per IP when anonymous), *expensive* (generation, change requests, test runs, consultation turns) a smaller one, *signUp* a budget per IP per hour. A spent budget answers `TOO_MANY_REQUESTS` (429) with `Retry-After` (seconds) and a message ending `Try again in N s.`. Password sign-in (`/api/auth/callback/credentials`) locks an account after repeated failures for 30 s, doubling per lockout, and limits failures per IP; a locked sign-in answers 429 with `Retry-After`. A request body over `MAX_REQUEST_BYTES` (default 1 MiB) or a batch of more than `MAX_BATCH_OPERATIONS` (default 20) operations is refused whole with 413. An account owns at most `PROJECTS_PER_USER` projects (default 200). All are set in `server/env.ts`.",
    "- **Text.** No text anywhere in an input may contain NUL or an unpaired surrogate (Postgres cannot store them): `BAD_REQUEST` naming the field, before the procedure's own checks.",
    "- **Specs.** A `spec` input is an AgentSpec; its JSON Schema is `server/spec/agent-spec.schema.json`.",
    "- **Errors** have the shape `{ message, code, data: { code, httpStatus, path, zodError, details } }`. `message` is safe to show. `data.zodError` (`{ formErrors, fieldErrors }`) is set for invalid input; `data.details` carries machine-readable detail from the service (e.g. the `issues` of an incomplete spec). The per-procedure lists below come from the input schema, the auth of the procedure and the domain errors its code can throw (found by following its calls, so a list can be wider than one call's real outcomes).",
    "",
    "| code | HTTP | service error (`DomainError`) |",
    "|---|---|---|",
    ...codes.map((c) => `| \`${c}\` | ${httpStatus(c)} | ${c === "INTERNAL_SERVER_ERROR" ? "anything unexpected; the message is always `Internal server error`" : fromDomain(c)} |`),
    "",
  ];
}

export function renderApiDocs(model: DocModel): string {
  const groups = new Map<string, DocProcedure[]>();
  for (const p of model.procedures) {
    const top = p.path.split(".")[0]!;
    groups.set(top, [...(groups.get(top) ?? []), p]);
  }
  const out = [
    "# API reference",
    "",
    "<!-- Generated by `npx tsx scripts/build-api-docs.ts` from `appRouter` (server/api/root.ts). Do not edit: tests/infra/api-docs.test.ts fails when this file is out of date. -->",
    "",
    `Every tRPC procedure of Agent Builder (${model.procedures.length} in ${groups.size} routers), the typed client, and the realtime WebSocket protocol.`,
    "",
    "## Contents",
    "",
    "- [Conventions](#conventions)",
    ...[...groups].map(([name, ps]) => `- [${name}](#${anchor(name)}): ${ps.map((p) => `[\`${p.path.slice(name.length + 1)}\`](#${anchor(p.path)})`).join(", ")}`),
    "- [Typed client](#typed-client)",
    "- [Realtime WebSocket](#realtime-websocket)",
    "",
    ...conventions(model.codeTable),
  ];
  for (const [name, ps] of groups) {
    const router = model.routers.get(name);
    out.push(`## ${name}`, "");
    if (router?.doc) out.push(router.doc, "");
    if (router) out.push(`Source: \`${router.file}\`.`, "");
    for (const [path, sub] of [...model.routers].filter(([k]) => k.startsWith(`${name}.`))) {
      if (sub.doc) out.push(`\`${path}\`: ${sub.doc}`, "");
    }
    for (const p of ps) out.push(...procedureSection(p, model.codeTable));
  }
  out.push("## Typed client", "", model.clientExample, "", model.realtime, "");
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
