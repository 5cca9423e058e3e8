import { readFileSync } from "node:fs";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../api/root";

/**
 * The deploy subcommands that act on an account talk to a running Agent Builder through the
 * same typed tRPC API as the web app (an API token from Settings), so they use the same
 * services, ownership checks and errors.
 */
export type RemoteOptions = { url: string; token?: string; tokenFile?: string };

export function remoteClient(o: RemoteOptions) {
  const token = o.token ?? (o.tokenFile ? readFileSync(o.tokenFile, "utf8").trim() : undefined);
  if (!token) throw new Error("--token or --token-file is required (create an API token under Settings)");
  const base = o.url.replace(/\/$/, "");
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })] });
}
export type RemoteClient = ReturnType<typeof remoteClient>;

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "no_changes", "destroyed"]);

/** Polls a deployment until it waits for review or ends, printing each new status. */
export async function follow(api: RemoteClient, projectId: string, deploymentId: string, print: (line: string) => void, stopAtReview = true) {
  let last = "";
  for (;;) {
    const d = await api.deploy.get.query({ projectId, deploymentId });
    if (d.status !== last) print(`${d.status}${d.error ? `: ${d.error}` : ""}`);
    last = d.status;
    if (TERMINAL.has(d.status) || (stopAtReview && d.status === "review")) return d;
    await new Promise((r) => setTimeout(r, 500));
  }
}
