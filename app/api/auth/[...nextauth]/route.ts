import NextAuth from "next-auth";
import { getAuthOptions } from "~/server/auth/options";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  const params = await context.params;
  return NextAuth(req as never, { params } as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
