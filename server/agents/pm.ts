import { createQueueHandler } from "../modifications/workers/handler";
import { getPipelineDeps } from "./deps";

/** PM: plans which spec fields a modification changes and why. SQS event in, partial batch failures out. */
export const handler = createQueueHandler("pm", getPipelineDeps);
