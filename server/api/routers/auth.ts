import { signUp, SignUpInput } from "../../auth/users";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  /** Creates an email + password account; the client then signs in through next-auth. */
  signUp: publicProcedure.input(SignUpInput).mutation(({ ctx, input }) => signUp(ctx.platform.db, input)),
  me: publicProcedure.query(({ ctx }) => (ctx.userId ? { userId: ctx.userId } : null)),
});
