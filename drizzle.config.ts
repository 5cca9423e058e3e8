import { defineConfig } from "drizzle-kit";

// Migrations are generated from server/db/schema and applied on start (PGlite) or deploy (Neon).
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
});
