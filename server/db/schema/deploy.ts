import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { generatedCode, projects } from "./projects";

/**
 * Deploying versions into the user's AWS account. A connection stores only what is needed to
 * assume the user's deploy role (role ARN, ExternalId, region), never keys. A deployment row
 * is the durable state of one deploy/rollback/destroy: the sweeper resumes unfinished ones
 * after a restart from these columns alone.
 */

export const awsConnections = pgTable("aws_connections", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }).unique(),
  /** null until the user pastes the role ARN from the bootstrap stack; "default-chain" connections have none. */
  roleArn: text("role_arn"),
  externalId: text("external_id").notNull(),
  region: text("region").notNull(),
  /** role: assume roleArn with externalId; default-chain: the machine's credentials (local mode only). */
  mode: text("mode").notNull(),
  verifiedAt: timestamp("verified_at", { mode: "date" }),
  createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
});

export const deployments = pgTable(
  "deployments",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    versionId: text("version_id").references(() => generatedCode.id, { onDelete: "set null" }),
    version: integer("version"),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    environment: text("environment").notNull(),
    /** deploy | rollback | destroy */
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    stackName: text("stack_name").notNull(),
    region: text("region").notNull(),
    changeSetName: text("change_set_name"),
    buildId: text("build_id"),
    imageUri: text("image_uri"),
    /** Template parameters the user supplied (VpcId, SubnetIds, …); the platform adds image/code locations. */
    parameters: jsonb("parameters").$type<Record<string, string>>(),
    changes: jsonb("changes").$type<unknown[]>(),
    outputs: jsonb("outputs").$type<Record<string, string>>(),
    retained: jsonb("retained").$type<unknown[]>(),
    lastEventId: text("last_event_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { mode: "date" }),
  },
  (t) => [
    index("deployments_project_created_idx").on(t.projectId, t.createdAt),
    // The conditional write: at most one unfinished deployment per project environment
    // (the list is ACTIVE_STATES of server/deploy/machine.ts; a unit test keeps them equal).
    uniqueIndex("deployments_one_active_uq")
      .on(t.projectId, t.environment)
      .where(sql`status in ('pending','uploading','building','packaging','creating_change_set','review','executing','deleting')`),
  ],
);

/** Calls to a deployed agent: latency and tokens beside the test-run history (Cost calibrates from both). */
export const deploymentInvocations = pgTable(
  "deployment_invocations",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull().references(() => deployments.id, { onDelete: "cascade" }),
    input: text("input").notNull(),
    output: text("output").notNull().default(""),
    status: text("status").notNull(),
    latencyFirstTokenMs: integer("latency_first_token_ms"),
    latencyTotalMs: integer("latency_total_ms"),
    tokensIn: integer("tokens_in"),
    tokensOut: integer("tokens_out"),
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("deployment_invocations_project_created_idx").on(t.projectId, t.createdAt)],
);
