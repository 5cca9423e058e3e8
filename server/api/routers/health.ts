import { sql } from "drizzle-orm";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const healthRouter = createTRPCRouter({
  /** Liveness of the API and its stores; used by the launcher, smoke tests and load balancers. */
  check: publicProcedure.query(async ({ ctx }) => {
    await ctx.platform.db.execute(sql`select 1`);
    return { ok: true as const, runtime: ctx.platform.runtime };
  }),
});
