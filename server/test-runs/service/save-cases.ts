import { z } from "zod";
import { DomainError } from "../../errors";
import { createId } from "../../ids";
import type { Platform } from "../../platform/types";
import { getOwnedProject, ProjectId } from "../../projects/service";
import { Expectations } from "../evaluation";
import { insertCases, listCases } from "../store/cases-repo";
import { RunText } from "./runs";
import { MAX_CASES } from "./suite";

/** A test case not yet saved: what synthesis proposes and the user edits before saving. */
export const CaseDraft = z.object({ name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"), input: RunText, expectations: Expectations });
export type CaseDraft = z.input<typeof CaseDraft>;

export const SaveCasesInput = z.object({ projectId: ProjectId, cases: z.array(CaseDraft).min(1, "needs at least one case").max(MAX_CASES) });
export type SaveCasesInput = z.infer<typeof SaveCasesInput>;

/** Saves reviewed drafts all at once, or none: a bad case (named by index and field) or the case limit saves nothing. */
export async function saveCases(p: Platform, userId: string, input: SaveCasesInput) {
  const parsed = SaveCasesInput.parse(input);
  await getOwnedProject(p.db, userId, parsed.projectId);
  const existing = (await listCases(p.db, parsed.projectId)).length;
  if (existing + parsed.cases.length > MAX_CASES) throw new DomainError("conflict", `A project can have at most ${MAX_CASES} test cases (it has ${existing}; ${parsed.cases.length} more would be too many)`);
  return insertCases(p.db, parsed.cases.map((c) => ({ id: createId("testCase"), projectId: parsed.projectId, ...c })));
}
