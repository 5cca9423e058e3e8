import { authRouter } from "./routers/auth";
import { healthRouter } from "./routers/health";
import { projectRouter } from "./routers/project";
import { tokenRouter } from "./routers/token";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  project: projectRouter,
  token: tokenRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
