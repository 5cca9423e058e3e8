import {
  CreateTemplateInput,
  createTemplateFromProject,
  deleteUserTemplate,
  getTemplateDetail,
  listTemplateSummaries,
  TemplateRef,
  UseTemplateInput,
  useTemplate,
} from "../../consultation";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const templateRouter = createTRPCRouter({
  /** Built-ins and the caller's own templates, by category. */
  list: protectedProcedure.query(({ ctx }) => listTemplateSummaries(ctx.platform, ctx.userId)),
  get: protectedProcedure.input(TemplateRef).query(({ ctx, input }) => getTemplateDetail(ctx.platform, ctx.userId, input.templateId)),
  createFromProject: protectedProcedure.input(CreateTemplateInput).mutation(({ ctx, input }) => createTemplateFromProject({ platform: ctx.platform, registry: ctx.services.registry }, ctx.userId, input)),
  delete: protectedProcedure.input(TemplateRef).mutation(({ ctx, input }) => deleteUserTemplate(ctx.platform, ctx.userId, input.templateId)),
  /** Creates a project whose spec draft is the template's spec; returns the new project. */
  use: protectedProcedure.input(UseTemplateInput).mutation(async ({ ctx, input }) => {
    const { project, completeness } = await useTemplate({ platform: ctx.platform, registry: ctx.services.registry }, ctx.userId, input);
    return { projectId: project.id, name: project.name, completeness };
  }),
});
