import { REGISTRY_PATH } from "../registry/http";

/**
 * The paths the launcher answers itself (api-handler.ts) instead of Next.js. Kept apart from
 * the handler so the launcher can route requests before the handler (the whole router) has loaded.
 */

/** tRPC's endpoint, as http-limits takes it; TRPC_PATH prefixes every procedure's path. */
export const TRPC_ENDPOINT = "/api/trpc";
export const TRPC_PATH = `${TRPC_ENDPOINT}/`;

export function isApiRequest(url: string | undefined): boolean {
  return !!url && (url.startsWith(TRPC_PATH) || url.startsWith(REGISTRY_PATH));
}
