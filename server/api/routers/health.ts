import { healthStatus } from "../health";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const healthRouter = createTRPCRouter({
  /** Liveness of the API and its stores; used by the launcher, smoke tests and load balancers. */
  check: publicProcedure.query(({ ctx }) => healthStatus(ctx.platform)),
});
