import { authenticate } from "../auth/authenticate";
import { getServices } from "../composition/root";
import { registryAnswer, type RegistryHttpAnswer } from "../registry/http";

/** GET /api/registry/…: the caller must be signed in or send a live API token, as for the tRPC lists. */
export async function serveRegistry(url: URL, headers: Headers): Promise<RegistryHttpAnswer> {
  const { platform, registry } = await getServices();
  const caller = await authenticate(platform.db, headers, platform.usersClock);
  const authorized = !!caller && caller !== "bad-token";
  return registryAnswer(registry, url.pathname, url.searchParams, headers, authorized);
}
