import { apiToolsRouter } from "./routers/api-tools";
import { authRouter } from "./routers/auth";
import { generationRouter } from "./routers/generation";
import { modificationRouter } from "./routers/modification";
import { costRouter } from "./routers/cost";
import { deployRouter } from "./routers/deploy";
import { consultationRouter } from "./routers/consultation";
import { templateRouter } from "./routers/template";
import { workflowRouter } from "./routers/workflow";
import { healthRouter } from "./routers/health";
import { projectRouter } from "./routers/project";
import { registryRouter } from "./routers/registry";
import { selectionRouter } from "./routers/selection";
import { testingRouter } from "./routers/testing";
import { tokenRouter } from "./routers/token";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  project: projectRouter,
  token: tokenRouter,
  generation: generationRouter,
  modification: modificationRouter,
  registry: registryRouter,
  selection: selectionRouter,
  cost: costRouter,
  testing: testingRouter,
  consultation: consultationRouter,
  workflow: workflowRouter,
  template: templateRouter,
  deploy: deployRouter,
  apiTools: apiToolsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
