import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { z } from "zod";
import type { Registry } from "./load";
import { modelSummary, toolSummaryIn } from "./summaries";

/**
 * The registry lists over plain HTTP, for browsers and CDNs: registry data is static per
 * release, so each page is serialised and compressed once, named by a content hash in its
 * URL (`/api/registry/models/<hash>?offset=0&limit=50`) and served `immutable`; the
 * unversioned URL answers with the current one (no-cache, ETag, 304 on revalidation).
 * The tRPC `registry.*.list` procedures stay for typed clients and filtering.
 */
export type RegistryHttpAnswer = { status: number; headers: Record<string, string>; body: Uint8Array | null };

export const REGISTRY_PATH = "/api/registry/";
const Kind = z.enum(["models", "tools"]);
const Page = z.object({
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

type Encoded = { etag: string; json: Uint8Array; gzip: Uint8Array; br: Uint8Array };
/** Serialised pages per registry (a registry never changes once loaded). */
const pagesByRegistry = new WeakMap<Registry, Map<string, Encoded>>();

/**
 * Answers GET `/api/registry/<models|tools>[/<hash>]?offset&limit`. `authorized` is whether
 * the caller signed in or sent a token (the registry is not a public mirror).
 */
export function registryAnswer(registry: Registry, pathname: string, query: URLSearchParams, headers: Headers, authorized: boolean): RegistryHttpAnswer {
  if (!authorized) return problem(401, "Sign in or send a valid API token");
  const [kindText, version, extra] = pathname.slice(REGISTRY_PATH.length).split("/");
  const kind = Kind.safeParse(kindText);
  const page = Page.safeParse(Object.fromEntries(query));
  if (!kind.success || extra !== undefined) return problem(404, "No such registry list: use /api/registry/models or /api/registry/tools");
  if (!page.success) return problem(400, page.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const encoded = encodedPage(registry, kind.data, page.data);
  const current = `${REGISTRY_PATH}${kind.data}/${encoded.etag}?offset=${page.data.offset}&limit=${page.data.limit}`;
  // An old version's URL points at the current one instead of serving stale data as immutable.
  if (version && version !== encoded.etag) return { status: 302, headers: { location: current, "cache-control": "no-store" }, body: null };
  const cacheControl = version ? "private, max-age=31536000, immutable" : "private, no-cache";
  const common = { etag: `"${encoded.etag}"`, "cache-control": cacheControl, "content-location": current, vary: "accept-encoding, authorization, cookie" };
  if (matches(headers.get("if-none-match"), encoded.etag)) return { status: 304, headers: common, body: null };
  const accepted = headers.get("accept-encoding") ?? "";
  const [encoding, body] = /\bbr\b/.test(accepted) ? ["br", encoded.br] : /\bgzip\b/.test(accepted) ? ["gzip", encoded.gzip] : [null, encoded.json];
  return {
    status: 200,
    headers: { ...common, "content-type": "application/json; charset=utf-8", ...(encoding ? { "content-encoding": encoding } : {}) },
    body,
  };
}

function encodedPage(registry: Registry, kind: "models" | "tools", page: { offset: number; limit: number }): Encoded {
  let pages = pagesByRegistry.get(registry);
  if (!pages) pagesByRegistry.set(registry, (pages = new Map()));
  const key = `${kind}|${page.offset}|${page.limit}`;
  let hit = pages.get(key);
  if (hit) return hit;
  const all = kind === "models" ? registry.models.map(modelSummary) : registry.tools.map(toolSummaryIn(registry));
  const items = all.slice(page.offset, page.offset + page.limit);
  const version = kind === "models" ? registry.modelsVersion : registry.toolsVersion;
  const json = Buffer.from(JSON.stringify({ version, total: all.length, offset: page.offset, limit: page.limit, [kind]: items }));
  const etag = createHash("sha256").update(json).digest("base64url").slice(0, 16);
  hit = { etag, json, gzip: gzipSync(json, { level: 9 }), br: brotliCompressSync(json) };
  if (pages.size > 200) pages.clear(); // offset/limit pairs are few in practice; cap them anyway
  pages.set(key, hit);
  return hit;
}

const matches = (header: string | null, etag: string) => !!header && header.split(",").some((t) => t.trim().replace(/^W\//, "") === `"${etag}"` || t.trim() === "*");

const problem = (status: number, message: string): RegistryHttpAnswer => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  body: Buffer.from(JSON.stringify({ error: message })),
});
