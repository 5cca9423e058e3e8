/**
 * The error list of one procedure: the ones every procedure of its kind can answer (input
 * validation, auth, the CSRF guard, project ownership), then the domain errors traced
 * from its resolver, each under the tRPC code the one error middleware maps it to.
 */
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { PROCEDURE_CLASSES } from "../../server/limits/procedure-classes";
import type { ProcedureInfo } from "./procedures";
import type { FieldRow } from "./schema-fields";
import type { ThrownError } from "./thrown-errors";

const ORDER = ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE"];
/** Messages shown per code; the rest are counted, the source has them all. */
const MAX_MESSAGES = 4;

export const httpStatus = (code: string) => getHTTPStatusCodeFromError(new TRPCError({ code: code as TRPC_ERROR_CODE_KEY }));

type Entry = { notes: string[]; messages: string[]; runtime: boolean };

export function errorLines(p: ProcedureInfo, fields: FieldRow[] | null, thrown: ThrownError[], codeTable: Record<string, string>): string[] {
  const entries = new Map<string, Entry>();
  const entry = (code: string) => {
    const e = entries.get(code) ?? { notes: [], messages: [], runtime: false };
    entries.set(code, e);
    return e;
  };
  if (p.inputs.length) entry("BAD_REQUEST").notes.push("invalid input: the message names each bad field (`field: reason`) and `data.zodError.fieldErrors` lists them by field");
  if (p.auth === "protected") entry("UNAUTHORIZED").notes.push("no session and no API token, or a revoked or unknown token");
  if (p.kind === "mutation") entry("FORBIDDEN").notes.push("a cookie-authenticated call from another origin (CSRF guard; bearer-token calls are exempt)");
  entry("TOO_MANY_REQUESTS").notes.push(`the caller's \`${PROCEDURE_CLASSES[p.path] ?? "expensive"}\` budget is spent; \`Retry-After\` says when to try again`);
  const projectScoped = (fields ?? []).some((f) => !f.name.includes(".") && f.constraints.some((c) => c.startsWith("pattern `^prj_")));
  if (projectScoped) entry("NOT_FOUND").notes.push("the project does not exist or belongs to another user (the same answer for both)");
  for (const t of thrown) {
    const code = codeTable[t.code];
    if (!code) throw new Error(`${p.path}: DomainError code '${t.code}' has no tRPC code in TRPC_CODE`);
    const e = entry(code);
    if (t.message === null) e.runtime = true;
    else if (!e.messages.includes(t.message)) e.messages.push(t.message);
  }
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...entries]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([code, e]) => {
      const shown = e.messages.slice(0, MAX_MESSAGES).map((m) => `\`${m.replace(/`/g, "'")}\``);
      const more = e.messages.length - shown.length;
      const messages = shown.length ? `${e.notes.length ? "; " : ""}messages: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "";
      const runtime = e.runtime && !e.notes.length && !shown.length ? "a message built at run time" : "";
      return `- \`${code}\` (${httpStatus(code)}) — ${e.notes.join("; ")}${messages}${runtime}`;
    });
}
