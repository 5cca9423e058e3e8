import { authenticate } from "../auth/authenticate";
import { getPlatform } from "../platform";
import { registryAnswer, type RegistryHttpAnswer } from "../registry/http";

/** GET /api/registry/…: the caller must be signed in or send a live API token, as for the tRPC lists. */
export async function serveRegistry(url: URL, headers: Headers): Promise<RegistryHttpAnswer> {
  const platform = await getPlatform();
  const caller = await authenticate(platform.db, headers);
  const authorized = !!caller && caller !== "bad-token";
  return registryAnswer(url.pathname, url.searchParams, headers, authorized);
}
