import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import { env } from "../env";
import { getPlatform } from "../platform";
import { clientIp } from "../limits/client-ip";
import { recordSignInFailure, recordSignInSuccess } from "../limits/sign-in";
import { bumpSessionVersion, currentSessionVersion, isSessionCurrent } from "./session-version";
import { verifyCredentials } from "./users";

/**
 * next-auth v4 with JWT sessions. Email + password always; GitHub when its credentials are
 * configured. The adapter links OAuth accounts to users; sessions stay JWTs either way.
 */
let options: Promise<NextAuthOptions> | undefined;
/** Built once per process: nothing in it varies per request. */
export const getAuthOptions = () => (options ??= buildAuthOptions());

async function buildAuthOptions(): Promise<NextAuthOptions> {
  const e = env();
  const { db, usersClock } = await getPlatform();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await verifyCredentials(db, credentials.email, credentials.password);
        // Counted here, checked before next-auth runs (server/auth/sign-in-guard.ts).
        if (!user) await recordSignInFailure(db, credentials.email, clientIp(req?.headers ?? {}));
        else await recordSignInSuccess(db, credentials.email);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET) {
    providers.push(GitHubProvider({ clientId: e.GITHUB_CLIENT_ID, clientSecret: e.GITHUB_CLIENT_SECRET }));
  }
  return {
    secret: e.NEXTAUTH_SECRET,
    adapter: DrizzleAdapter(db as never, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens } as never) as Adapter,
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in" },
    providers,
    events: {
      // Server-side sign-out: every token issued before now stops working (session-version.ts).
      async signOut({ token }) {
        if (token?.sub) await bumpSessionVersion(db, token.sub);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        // Stamp new sessions with the user's current version; an outdated token becomes empty (signed out).
        // The same cached read as API calls (locally kept until a write names users), so pages add no statement either.
        if (user) return { ...token, sv: (await currentSessionVersion(db, user.id, usersClock)) ?? 0 };
        return (await isSessionCurrent(db, token, usersClock)) ? token : {};
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}

export const isGithubEnabled = () => Boolean(env().GITHUB_CLIENT_ID && env().GITHUB_CLIENT_SECRET);
