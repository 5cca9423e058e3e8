import { z } from "zod";
import { describeError } from "../../llm/errors";
import { hasStructured } from "../../llm/structured";
import type { LanguageModel } from "../../llm/types";
import type { Platform } from "../../platform/types";
import { getOwnedProject, ProjectId } from "../../projects/service";
import type { Registry } from "../../registry/load";
import type { CaseDraft } from "../service/save-cases";
import { synthesizeWithModel } from "./model";
import { synthesizeOffline } from "./offline";
import { projectSpecRaw, sourceOf } from "./source";

export const SynthesizeInput = z.object({ projectId: ProjectId, count: z.number().int().min(1).max(20).default(5) });
export type SynthesizeInput = z.input<typeof SynthesizeInput>;

/** A draft the user reviews and edits in the Testing tab; nothing is saved until `cases.save`. */
export type SynthesisDraft = { engine: "model" | "offline"; label: string; cases: CaseDraft[]; notes: string[] };

export const OFFLINE_SYNTHESIS_LABEL = "drawn up from the spec (offline, no model)";

/**
 * Proposes test cases from the project's use case, tools and guardrails: by the configured
 * model when it gives structured answers, else deterministically from the spec. When the model
 * fails the offline cases are returned and the note says why.
 */
export async function synthesizeCases(d: { platform: Platform; registry: Registry; languageModel: LanguageModel }, userId: string, input: SynthesizeInput): Promise<SynthesisDraft> {
  const { platform: p, registry, languageModel: model } = d;
  const { projectId, count } = SynthesizeInput.parse(input);
  await getOwnedProject(p.db, userId, projectId);
  const source = sourceOf(await projectSpecRaw(p, projectId), (id) => registry.toolById.get(id));
  const offline = (notes: string[]): SynthesisDraft => {
    const cases = synthesizeOffline(source, count);
    const short = cases.length < count ? [`Only ${cases.length} distinct cases could be drawn up from the spec; add tools or guardrails for more.`] : [];
    return { engine: "offline", label: OFFLINE_SYNTHESIS_LABEL, cases, notes: [...notes, ...short] };
  };
  if (!hasStructured(model)) return offline([]);
  try {
    const { cases, dropped } = await synthesizeWithModel(model, source, count);
    if (cases.length === 0) return offline([`${model.label} proposed no valid case${dropped.length ? ` (${dropped.slice(0, 3).join("; ")})` : ""}; these were drawn up from the spec instead.`]);
    return { engine: "model", label: model.label, cases, notes: dropped.map((d) => `Dropped ${d}`) };
  } catch (e) {
    return offline([`${model.label} failed (${describeError(e).slice(0, 200)}); these were drawn up from the spec instead.`]);
  }
}
