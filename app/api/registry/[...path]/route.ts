import { serveRegistry } from "~/server/api/registry-route";

export const dynamic = "force-dynamic";

/** Cacheable, compressed registry lists (server/registry/http.ts). */
export async function GET(req: Request) {
  const answer = await serveRegistry(new URL(req.url), req.headers);
  return new Response(answer.body as BodyInit | null, { status: answer.status, headers: answer.headers });
}
