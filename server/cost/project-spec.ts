import type { Db } from "../db/client";
import type { DynamoService } from "../dynamo/service";
import { DomainError } from "../errors";
import type { BlobStore } from "../platform/types";
import { findDraft, specOf, type DraftState } from "../spec/draft";
import { parseSpecOrThrow, validateSpec, type AgentSpec } from "../spec/agent-spec";
import { latestVersion, readVersionFiles } from "../versions/service";
import { mergePatch } from "./spec-patch";

export type SpecSource = "request" | "draft" | "version";

/** The spec an estimate prices, where it came from, and which fields are stand-ins. */
export type ResolvedSpec = {
  spec: AgentSpec;
  source: SpecSource;
  /** Required fields the draft lacks that do not change the cost (name, description, systemPrompt). */
  placeholders: string[];
  /** The project's draft state (its stored cost assumptions too), or null for a spec in the request. */
  context: DraftState | null;
};

/** Fields the price depends on: without them there is nothing to estimate. */
const COST_FIELDS = ["model.id", "deployment.target"] as const;

/**
 * Required spec fields that have no schema default and do not enter any price. A draft
 * still in consultation may lack them; they are filled with neutral stand-ins so the
 * schema (and its real defaults for everything else) can be applied.
 */
const NEUTRAL: Record<"name" | "description" | "systemPrompt", string> = {
  name: "draft-agent",
  description: "Draft agent",
  systemPrompt: "-",
};

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const nonEmpty = (v: unknown) => typeof v === "string" && v.trim().length > 0;

/** The missing cost fields of a draft-like object, in COST_FIELDS order. */
export function missingCostFields(draft: Record<string, unknown>): string[] {
  const present = { "model.id": nonEmpty(asRecord(draft.model).id), "deployment.target": nonEmpty(asRecord(draft.deployment).target) };
  return COST_FIELDS.filter((f) => !present[f]);
}

const parseOrThrow = (input: unknown, what: string): AgentSpec => parseSpecOrThrow(input, `Invalid ${what}`);

/** The exact spec of the project's latest generated version (its agent-spec.json), if any. */
async function latestVersionSpec(db: Db, blobs: BlobStore, projectId: string): Promise<Record<string, unknown> | null> {
  const version = await latestVersion(db, projectId);
  if (!version) return null;
  const text = (await readVersionFiles({ blobs }, version)).get("agent-spec.json");
  if (typeof text !== "string") return null;
  return asRecord(JSON.parse(text));
}

/**
 * The spec to price for a project: the one in the request, else the project's draft over
 * the schema defaults. A draft without a model or deployment target borrows them from the
 * latest generated version (the draft still wins field by field); with neither, it is
 * BAD_REQUEST with `details.missing`, so the Cost tab can say "pick a model first".
 * The caller has checked ownership.
 */
export async function resolveProjectSpec(
  deps: { db: Db; dynamo: DynamoService; blobs: BlobStore },
  projectId: string,
  explicit?: unknown,
): Promise<ResolvedSpec> {
  if (explicit !== undefined) return { spec: parseOrThrow(explicit, "spec"), source: "request", placeholders: [], context: null };
  const context = await findDraft(deps.dynamo, projectId);
  let merged: Record<string, unknown> = context ? specOf(context) : {};
  let source: SpecSource = "draft";
  if (missingCostFields(merged).length > 0) {
    const versionSpec = await latestVersionSpec(deps.db, deps.blobs, projectId);
    if (versionSpec) {
      merged = mergePatch(versionSpec, merged);
      source = "version";
    }
  }
  const missing = missingCostFields(merged);
  if (missing.length > 0) {
    throw new DomainError("invalid", `Nothing to estimate yet: pick ${missing.map((m) => (m === "model.id" ? "a model" : "a deployment target")).join(" and ")} first (missing ${missing.join(", ")})`, {
      field: missing[0],
      missing,
    });
  }
  const placeholders = neutralFieldsToFill(merged);
  const filled = { ...merged, ...Object.fromEntries(placeholders.map((k) => [k, NEUTRAL[k]])) };
  return { spec: parseOrThrow(filled, "spec draft"), source, placeholders, context };
}

/**
 * The cost-neutral fields to replace: missing ones, and ones that fail the schema (a
 * half-typed name must not block a cost estimate). Every other field is validated as is.
 */
function neutralFieldsToFill(draft: Record<string, unknown>): (keyof typeof NEUTRAL)[] {
  const keys = Object.keys(NEUTRAL) as (keyof typeof NEUTRAL)[];
  const missing = keys.filter((k) => !nonEmpty(draft[k]));
  const check = validateSpec({ ...draft, ...Object.fromEntries(missing.map((k) => [k, NEUTRAL[k]])) });
  const invalid = check.ok ? [] : keys.filter((k) => check.issues.some((i) => i.path === k));
  return [...new Set([...missing, ...invalid])];
}
