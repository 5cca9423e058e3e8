import { createQueueHandler } from "../modifications/workers/handler";
import { getPipelineDeps } from "./deps";

/** Dev: applies the plan and regenerates the project's file set. SQS event in, partial batch failures out. */
export const handler = createQueueHandler("dev", getPipelineDeps);
