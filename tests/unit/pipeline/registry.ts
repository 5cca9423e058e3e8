import { join } from "node:path";
import { loadRegistryFrom, type Registry } from "../../../server/registry/load";

/** The real registry files, loaded and validated once for the pipeline tests. */
let cached: Registry | undefined;
export const realRegistry = (): Registry => (cached ??= loadRegistryFrom(join(__dirname, "../../../registry")));
