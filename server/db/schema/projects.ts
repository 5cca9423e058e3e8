import { index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date" }).notNull().defaultNow(),
  },
  // The dashboard lists a user's projects, most recently changed first.
  (t) => [index("projects_owner_updated_idx").on(t.ownerId, t.updatedAt)],
);

export type FileManifestEntry = { path: string; size: number; sha256: string };

export const generatedCode = pgTable(
  "generated_code",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    specHash: text("spec_hash").notNull(),
    contentHash: text("content_hash").notNull(),
    manifest: jsonb("manifest").$type<FileManifestEntry[]>().notNull(),
    /** Blob keys are content-addressed: identical file sets share one object. */
    blobKey: text("blob_key").notNull(),
    zipBlobKey: text("zip_blob_key"),
    fileCount: integer("file_count").notNull(),
    totalBytes: integer("total_bytes").notNull(),
    zipBytes: integer("zip_bytes"),
    verification: jsonb("verification").$type<unknown>(),
    modificationId: text("modification_id"),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  // Versions of a project are contiguous; the unique index makes a duplicate impossible.
  (t) => [
    uniqueIndex("generated_code_project_version_uq").on(t.projectId, t.version),
    // A modification produces at most one version, however often its Ops job is delivered.
    uniqueIndex("generated_code_modification_uq").on(t.modificationId),
  ],
);

export const modelSelections = pgTable("model_selections", {
  projectId: text("project_id").primaryKey().references(() => projects.id, { onDelete: "cascade" }),
  modelId: text("model_id").notNull(),
  selectedAt: timestamp("selected_at", { mode: "date" }).notNull().defaultNow(),
});

export const toolSelections = pgTable(
  "tool_selections",
  {
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    toolId: text("tool_id").notNull(),
    config: jsonb("config").$type<Record<string, string | number | boolean>>().notNull().default({}),
    selectedAt: timestamp("selected_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.toolId] })],
);

export const testResults = pgTable(
  "test_results",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    versionId: text("version_id").references(() => generatedCode.id, { onDelete: "set null" }),
    input: text("input").notNull(),
    output: text("output").notNull().default(""),
    status: text("status").notNull(),
    modelUsed: text("model_used").notNull(),
    latencyFirstTokenMs: integer("latency_first_token_ms"),
    latencyTotalMs: integer("latency_total_ms"),
    tokensIn: integer("tokens_in"),
    tokensOut: integer("tokens_out"),
    costUsd: numeric("cost_usd", { precision: 14, scale: 6 }),
    logsExcerpt: text("logs_excerpt").notNull().default(""),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("test_results_project_created_idx").on(t.projectId, t.createdAt), index("test_results_version_idx").on(t.versionId)],
);

export const costEstimates = pgTable(
  "cost_estimates",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    inputs: jsonb("inputs").$type<unknown>().notNull(),
    breakdown: jsonb("breakdown").$type<unknown>().notNull(),
    totalUsd: numeric("total_usd", { precision: 14, scale: 4 }).notNull(),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("cost_estimates_project_created_idx").on(t.projectId, t.createdAt)],
);
