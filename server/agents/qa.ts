import { createQueueHandler } from "../modifications/workers/handler";
import { getPipelineDeps } from "./deps";

/** QA: verifies the file set; sends failures back to Dev, at most 3 rounds. SQS event in, partial batch failures out. */
export const handler = createQueueHandler("qa", getPipelineDeps);
