import { REGISTRY_PATH } from "../registry/http";

/**
 * The paths the launcher answers itself (api-handler.ts) instead of Next.js. Kept apart from
 * the handler so the launcher can route requests before the handler (the whole router) has loaded.
 */
export function isApiRequest(url: string | undefined): boolean {
  return !!url && (url.startsWith("/api/trpc/") || url.startsWith(REGISTRY_PATH));
}
