/**
 * The pages a visitor opens first. Next.js loads a route's server code (its bundle, the
 * router the page calls in-process, next-auth) on the route's first request; measured on
 * this machine that made the first project page after a start ~1 s slower than the next one
 * (bench/README.md). The launcher requests each once, with an empty session cookie, before it
 * says "ready": the signed-in routes load their code and redirect to sign-in in their layout.
 * `/` goes first and alone (warmLandingPage): it needs no database, and the launcher loads the
 * rest of the platform only after it, so the first page a visitor opens is not queued behind that.
 */
const LANDING_PAGE = "/";
const OTHER_FIRST_PAGES = ["/sign-in", "/dashboard", "/projects/warm-up"];
/**
 * The launcher loads the platform only after `/` has answered: were the landing page ever to
 * need the platform, waiting without a bound would hang start-up with nothing printed.
 */
const WARM_TIMEOUT_MS = 15_000;

/** Requests `/` once from `base`. */
export function warmLandingPage(base: string): Promise<void> {
  return warm(base, LANDING_PAGE);
}

/**
 * An empty next-auth session cookie: the signed-in routes see a cookie, so they load their
 * session code (next-auth, its adapter; app/_auth/session.ts imports them only when a cookie is
 * there), find no session in it and redirect, without next-auth logging a bad token.
 */
const EMPTY_SESSION_COOKIE = "next-auth.session-token=";

/** Requests every other first page once, one at a time: they share the web thread. */
export async function warmOtherPages(base: string): Promise<void> {
  for (const page of OTHER_FIRST_PAGES) await warm(base, page, { cookie: EMPTY_SESSION_COOKIE });
}

/** Waits for the whole (streamed) answer, at most WARM_TIMEOUT_MS; a failure is left to the real visitor's request. */
async function warm(base: string, page: string, headers: Record<string, string> = {}): Promise<void> {
  try {
    await (await fetch(new URL(page, base), { headers, redirect: "manual", signal: AbortSignal.timeout(WARM_TIMEOUT_MS) })).arrayBuffer();
  } catch {
    // nothing to do: the page loads on its first real request instead
  }
}
