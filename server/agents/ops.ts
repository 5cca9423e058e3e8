import { createQueueHandler } from "../modifications/workers/handler";
import { getPipelineDeps } from "./deps";

/** Ops: packages the verified files as a new version, with its ZIP and cost estimate. SQS event in, partial batch failures out. */
export const handler = createQueueHandler("ops", getPipelineDeps);
