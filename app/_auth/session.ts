import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

export type SessionUser = { id: string; email: string | null; name: string | null };

/**
 * next-auth's session cookie ("next-auth.session-token", "__Secure-" on https, split into
 * ".0", ".1"… when large). Without one there is no session, so the landing and sign-in pages
 * answer without building the auth options, which wait for the database to open at start, and
 * without loading next-auth, its adapter and drizzle at all (imported below only with a cookie):
 * ~1 MB of server code the landing page's first render after a start no longer reads.
 */
async function hasSessionCookie(): Promise<boolean> {
  return (await cookies()).getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));
}

export async function getSessionUser(): Promise<SessionUser | null> {
  if (!(await hasSessionCookie())) return null;
  const [{ getServerSession }, { getAuthOptions }] = await Promise.all([import("next-auth"), import("~/server/auth/options")]);
  const session = await getServerSession(await getAuthOptions());
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  return user?.id ? { id: user.id, email: user.email ?? null, name: user.name ?? null } : null;
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}
