/**
 * The realtime WebSocket protocol section: path, auth, client messages (from the zod
 * schema), server messages (the `ServerMessage` type, verbatim), the event types the
 * server publishes, and replay semantics with the replay page size read from the source.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ClientMessage, MAX_CLIENT_MESSAGE_BYTES, REALTIME_PATH } from "../../server/realtime/protocol";
import { fieldTable } from "./markdown";
import { inputFields } from "./schema-fields";
import { createSourceProject } from "./ts-source";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Event types published anywhere under server/, with the files that publish them. */
function publishedEvents(repoRoot: string): Map<string, Set<string>> {
  const events = new Map<string, Set<string>>();
  for (const file of sourceFiles(join(repoRoot, "server")).sort()) {
    for (const m of readFileSync(file, "utf8").matchAll(/publishEvent\([^,()]+,[^,()]+(?:\([^)]*\))?[^,()]*,\s*"([\w.-]+)"/g)) {
      const set = events.get(m[1]!) ?? new Set<string>();
      set.add(file.slice(repoRoot.length + 1));
      events.set(m[1]!, set);
    }
    // Events published from a list (e.g. workflow transitions) say so in their doc comment.
    for (const m of readFileSync(file, "utf8").matchAll(/as an? `([\w.-]+)` project event/g)) {
      const set = events.get(m[1]!) ?? new Set<string>();
      set.add(file.slice(repoRoot.length + 1));
      events.set(m[1]!, set);
    }
  }
  return events;
}

/** Whether any entry point hands the realtime server a command handler. */
function commandsWired(repoRoot: string): boolean {
  return sourceFiles(join(repoRoot, "server")).some((file) => [...readFileSync(file, "utf8").matchAll(/(?<!function )realtimeDeps\(([^()]*(?:\([^()]*\))?[^()]*)\)/g)].some((m) => m[1]!.includes(",")));
}

function serverMessageVariants(protocolFile: string, repoRoot: string): string[] {
  const project = createSourceProject(repoRoot);
  const alias = project.parse(protocolFile).statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "ServerMessage");
  if (!alias || !ts.isUnionTypeNode(alias.type)) throw new Error(`${project.rel(protocolFile)}: no \`type ServerMessage = A | B\` union`);
  return alias.type.types.map((t) => t.getText().replace(/\s+/g, " "));
}

function replayPageSize(repoRoot: string): string {
  const project = createSourceProject(repoRoot);
  const decl = project.findDeclaration(join(repoRoot, "server/dynamo/event-repo.ts"), "listEventsAfter");
  const fn = decl?.value && ts.isFunctionDeclaration(decl.value) ? decl.value : null;
  const limit = fn?.parameters.find((p) => p.name.getText() === "limit")?.initializer?.getText();
  if (!limit) throw new Error("server/dynamo/event-repo.ts: listEventsAfter has no `limit` default to document");
  return limit;
}

export function realtimeSection(repoRoot: string): string {
  const messages = (ClientMessage as unknown as { options: { shape: { type: { value: string } } }[] }).options;
  const events = publishedEvents(repoRoot);
  const page = replayPageSize(repoRoot);
  const out: string[] = [
    "## Realtime WebSocket",
    "",
    `Live project events (pipeline progress) over a WebSocket at \`${REALTIME_PATH}\` on the site's host (\`wss://<site>${REALTIME_PATH}\`; locally \`ws://localhost:3000${REALTIME_PATH}\`). Protocol: \`server/realtime/protocol.ts\`; server: \`server/realtime/server.ts\`.`,
    "",
    "**Auth.** The upgrade request authenticates like the HTTP API: `Authorization: Bearer <API token>` or the next-auth session cookie. Without either, or with a bad token, the upgrade is answered `401 Unauthorized` and closed. A client may subscribe only to projects it owns.",
    "",
    `**Messages** are JSON text frames. A client message larger than ${MAX_CLIENT_MESSAGE_BYTES} bytes closes the connection with code 1009 (the server logs it and keeps serving); one that is not JSON or does not match a shape below gets an \`error\` message naming the field.`,
    "",
    "### Client messages",
    "",
  ];
  const wired = commandsWired(repoRoot);
  for (const schema of messages) {
    const type = schema.shape.type.value;
    out.push(`#### \`${type}\``, "");
    if (type === "subscribe") out.push("Starts (or restarts) a subscription. The server replays the stored events with `seq > afterSeq`, oldest first, then sends `subscribed`, then live events.", "");
    if (type === "unsubscribe") out.push("Stops the project's events. No reply.", "");
    if (type === "ping") out.push("Answered with `pong` (keep-alive).", "");
    if (type === "cancel-modification") {
      out.push("Requires a subscription to the project first (otherwise an `error`).", "");
      if (!wired) out.push("**Not acted on yet:** no entry point gives the realtime server a command handler (`realtimeDeps(platform)` without `onCommand`), so the message is validated and then ignored. Use `modification.cancel` over HTTP.", "");
    }
    out.push(...fieldTable(inputFields(schema as never) ?? []), "");
  }
  out.push("### Server messages", "", "```ts", "type ServerMessage =", ...serverMessageVariants(join(repoRoot, "server/realtime/protocol.ts"), repoRoot).map((v) => `  | ${v}`), "```", "");
  out.push("Event types published today (`event.type`, with `event.payload` as published):", "");
  for (const [type, files] of [...events].sort(([a], [b]) => a.localeCompare(b))) out.push(`- \`${type}\` — from ${[...files].map((f) => `\`${f}\``).join(", ")}`);
  out.push(
    "",
    "### Replay and ordering",
    "",
    "- Every event is stored before it is delivered, with an increasing per-project sequence number `seq`. Live delivery is best effort; the stored log is the truth.",
    "- Keep the highest `seq` you have seen. After a reconnect, send `subscribe` with `afterSeq` set to it: the server replays exactly the events you missed, then continues live, with no gap and no duplicate across the replay/live boundary (events arriving during the replay are held back and sent in order after it).",
    `- One \`subscribe\` replays at most ${page} events (\`replayed\` in \`subscribed\`). When \`replayed\` is ${page}, send \`subscribe\` again with \`afterSeq\` = \`lastSeq\` to fetch the rest.`,
    "- A project that does not exist and one owned by someone else get the same `error` (`Project '…' was not found`).",
    "- `components/realtime/use-project-events.ts` is the browser client: it reconnects with capped exponential backoff and resubscribes from its last `seq`.",
  );
  return out.join("\n");
}
