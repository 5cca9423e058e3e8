import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The petstore-like OpenAPI 3 document every API-tools test starts from (tests/fixtures/openapi/petstore.yaml). */
export const PETSTORE = readFileSync(join(__dirname, "../fixtures/openapi/petstore.yaml"), "utf8");
