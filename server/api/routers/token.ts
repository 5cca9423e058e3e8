import { z } from "zod";
import { createApiToken, CreateTokenInput, listApiTokens, revokeApiToken } from "../../auth/api-tokens";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const tokenRouter = createTRPCRouter({
  /** The token is in this response only; it is stored hashed. */
  create: protectedProcedure.input(CreateTokenInput).mutation(({ ctx, input }) => createApiToken(ctx.platform.db, ctx.userId, input)),
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.platform.db, ctx.userId)),
  revoke: protectedProcedure.input(z.object({ id: z.string().regex(/^tok_[0-9a-z]{26}$/, "is not a token id") })).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.platform.db, ctx.userId, input.id);
    return { id: input.id };
  }),
});
