import { getPlatform } from "../platform";
import { createPipelineDeps } from "../modifications/workers/default-deps";
import type { PipelineDeps } from "../modifications/workers/deps";

let deps: Promise<PipelineDeps> | undefined;
/** One set of engines per Lambda container (or local process), created on first use. */
export const getPipelineDeps = () => (deps ??= getPlatform().then(createPipelineDeps));
