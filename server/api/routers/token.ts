import { z } from "zod";
import { createApiToken, CreateTokenInput, listApiTokens, revokeApiToken } from "../../auth/api-tokens";
import { DomainError } from "../../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const tokenRouter = createTRPCRouter({
  /**
   * The token is in this response only; it is stored hashed. Only a signed-in session may
   * mint tokens: a leaked token must not be able to outlive its own revocation.
   */
  create: protectedProcedure.input(CreateTokenInput).mutation(({ ctx, input }) => {
    if (ctx.auth !== "session") throw new DomainError("forbidden", "API tokens can only be created from a signed-in session");
    return createApiToken(ctx.platform.db, ctx.userId, input);
  }),
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.platform.db, ctx.userId)),
  revoke: protectedProcedure.input(z.object({ id: z.string().regex(/^tok_[0-9a-z]{26}$/, "is not a token id") })).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.platform.db, ctx.userId, input.id);
    return { id: input.id };
  }),
});
