import {
  AddApiEndpointInput,
  AddApiFromDocumentInput,
  addApiEndpoint,
  addApiFromDocument,
  ApiToolsRef,
  listProjectApiTools,
  PreviewApiInput,
  previewProjectApi,
  RemoveApiInput,
  removeProjectApi,
  type ApiToolsDeps,
} from "../../openapi/service";
import { createTRPCRouter, protectedProcedure, type Context } from "../trpc";

const deps = (ctx: Context): ApiToolsDeps => ({ db: ctx.platform.db, dynamo: ctx.platform.dynamo, tools: ctx.services.registry.tools });

/** The project's own REST APIs as tools: preview an OpenAPI document, add operations or one endpoint, list, remove. */
export const apiToolsRouter = createTRPCRouter({
  list: protectedProcedure.input(ApiToolsRef).query(({ ctx, input }) => listProjectApiTools(deps(ctx), ctx.userId, input.projectId)),
  preview: protectedProcedure.input(PreviewApiInput).mutation(({ ctx, input }) => previewProjectApi(deps(ctx), ctx.userId, input)),
  addFromDocument: protectedProcedure.input(AddApiFromDocumentInput).mutation(({ ctx, input }) => addApiFromDocument(deps(ctx), ctx.userId, input)),
  addEndpoint: protectedProcedure.input(AddApiEndpointInput).mutation(({ ctx, input }) => addApiEndpoint(deps(ctx), ctx.userId, input)),
  remove: protectedProcedure.input(RemoveApiInput).mutation(({ ctx, input }) => removeProjectApi(deps(ctx), ctx.userId, input)),
});
