import { encode, getToken } from "next-auth/jwt";
import { authenticate, parseCookies } from "../server/auth/authenticate";
import { signUp } from "../server/auth/users";
import { configureLog } from "../server/log";
import { createLocalPlatform } from "../server/platform/local";
import { setPlatform } from "../server/platform";

/**
 * The cost of server-side sign-out (issue 17): every cookie-authenticated request reads the
 * user's session version (one primary-key select). Measured against the JWT decode alone.
 */
const N = 2000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<Record<string, number>> {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  configureLog("silent");
  const platform = await createLocalPlatform({ dataDir: null });
  setPlatform(platform);
  const user = await signUp(platform.db, { email: `session-${Date.now()}@bench.local`, password: "bench password" });
  const cookie = `next-auth.session-token=${await encode({ token: { sub: user.id, sv: 0 }, secret: process.env.NEXTAUTH_SECRET })}`;
  const headers = new Headers({ cookie });
  const decodeOnly: number[] = [];
  const withCheck: number[] = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await getToken({ req: { headers: { cookie }, cookies: parseCookies(cookie) } as never, secret: process.env.NEXTAUTH_SECRET });
    decodeOnly.push(performance.now() - t);
    t = performance.now();
    const caller = await authenticate(platform.db, headers);
    withCheck.push(performance.now() - t);
    if (!caller || caller === "bad-token") throw new Error("the session did not authenticate");
  }
  await platform.close();
  return {
    "jwt decode only, median µs": Math.round(median(decodeOnly) * 1000),
    "decode + session-version check, median µs": Math.round(median(withCheck) * 1000),
    "added per request, median µs": Math.round((median(withCheck) - median(decodeOnly)) * 1000),
  };
}
