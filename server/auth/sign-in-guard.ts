import { env } from "../env";
import { getPlatform } from "../platform";
import { clientIp } from "../limits/client-ip";
import { signInBlocked } from "../limits/sign-in";

/**
 * Runs before next-auth on POST /api/auth/callback/credentials: a locked account or IP gets
 * 429 with Retry-After, without a password check. The body keeps next-auth's JSON shape
 * ({ url } with ?error=…) so `signIn(…, { redirect: false })` reports the message as its error.
 */
export async function guardCredentialsSignIn(req: Request): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  const form = new URLSearchParams(await req.clone().text());
  const email = form.get("email") ?? "";
  const { db } = await getPlatform();
  const blocked = await signInBlocked(db, email, clientIp(req.headers));
  if (!blocked) return null;
  const url = new URL("/sign-in", env().NEXTAUTH_URL ?? req.url);
  url.searchParams.set("error", blocked.message);
  return Response.json(
    { url: url.toString(), error: blocked.message },
    { status: 429, headers: { "Retry-After": String(blocked.details?.retryAfterSeconds ?? 60) } },
  );
}
