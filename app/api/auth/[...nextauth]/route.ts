import NextAuth from "next-auth";
import { getAuthOptions } from "~/server/auth/options";
import { guardCredentialsSignIn } from "~/server/auth/sign-in-guard";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  const limited = await guardCredentialsSignIn(req);
  if (limited) return limited;
  const params = await context.params;
  return NextAuth(req as never, { params } as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
