import { getConsultation, ProjectInput, retryReply, SendInput, sendMessage, updateSpec, UpdateSpecInput } from "../../consultation";
import type { Context } from "../trpc";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const deps = (ctx: Context) => ({ platform: ctx.platform, registry: ctx.services.registry, model: ctx.services.languageModel });

export const consultationRouter = createTRPCRouter({
  get: protectedProcedure.input(ProjectInput).query(({ ctx, input }) => getConsultation(deps(ctx), ctx.userId, input.projectId)),
  /**
   * Stores the message, updates the draft (conditional on `rev`), then streams the PM's
   * reply: `accepted`, `notice`?, `text`…, then `done` or `failed`. Needs httpBatchStreamLink.
   */
  send: protectedProcedure.input(SendInput).mutation(({ ctx, input, signal }) => sendMessage(deps(ctx), ctx.userId, input, signal)),
  /** A new reply to the last user message after a failed or cut-off one; streams like `send`. */
  retry: protectedProcedure.input(ProjectInput).mutation(({ ctx, input, signal }) => retryReply(deps(ctx), ctx.userId, input.projectId, signal)),
  updateSpec: protectedProcedure.input(UpdateSpecInput).mutation(({ ctx, input }) => updateSpec(deps(ctx), ctx.userId, input)),
});
