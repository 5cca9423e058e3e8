import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { limitRequest } from "~/server/api/http-limits";
import { appRouter } from "~/server/api/root";
import { createContext, responseMeta } from "~/server/api/trpc";

export const dynamic = "force-dynamic";

const ENDPOINT = "/api/trpc";

async function handler(incoming: Request) {
  // Body size and batch size are refused with 413 before anything parses the body.
  const req = await limitRequest(incoming, ENDPOINT);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    responseMeta,
  });
}

export { handler as GET, handler as POST };
