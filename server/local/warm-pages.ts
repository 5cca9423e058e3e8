/**
 * The pages a visitor opens first. Next.js loads a route's server code (its bundle, the
 * router the page calls in-process, next-auth) on the route's first request; measured on
 * this machine that made the first project page after a start ~1 s slower than the next one
 * (bench/README.md). The launcher requests each once, without a session, before it says
 * "ready": the signed-in routes load their code and redirect to sign-in in their layout.
 */
const FIRST_PAGES = ["/", "/sign-in", "/dashboard", "/projects/warm-up"];

/** Requests every first page once from `base`; a failure is left to the real visitor's request. */
export async function warmPages(base: string): Promise<void> {
  for (const page of FIRST_PAGES) {
    // One at a time: they share the web thread, and `/` answers first.
    await fetch(new URL(page, base), { redirect: "manual" }).then((r) => r.arrayBuffer(), () => undefined);
  }
}
