import { z } from "zod";
import type { DynamoService } from "../../dynamo/service";
import type { Db } from "../../db/client";
import type { BlobStore } from "../../platform/types";
import type { ToolEntry } from "../../registry/schema";
import { findDraft, mergePatch, specOf } from "../../spec/draft";
import { latestVersion, readVersionFiles } from "../../versions/service";

/**
 * What test cases are drawn up from: the agent's use case, tools and guardrails, read leniently
 * from the project's draft over its latest version's spec (a draft may be half-filled; a
 * guardrail section may not exist yet). Everything here is user text: it is clipped and only
 * ever reaches a model prompt or a case's input, never code.
 */

const Text = z.string().trim().min(1).max(2_000);
const Topic = z.union([Text, z.object({ name: Text, definition: Text.optional() }).passthrough()]);
const Lenient = z.object({
  name: Text.optional().catch(undefined),
  description: Text.optional().catch(undefined),
  systemPrompt: z.string().optional().catch(undefined),
  tools: z.array(z.object({ id: z.string().min(1).max(100) }).passthrough()).max(50).optional().catch(undefined),
  requirements: z.object({ useCase: Text.optional().catch(undefined) }).passthrough().optional().catch(undefined),
  // The guardrails section (issue 18, part B) may or may not exist: its denied topics are read when present.
  guardrails: z.object({ deniedTopics: z.array(Topic).max(30).optional().catch(undefined) }).passthrough().optional().catch(undefined),
});

export type SynthesisTool = { id: string; name: string; description: string };
export type SynthesisSource = { agentName: string; useCase: string; systemPrompt: string; tools: SynthesisTool[]; deniedTopics: string[] };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function sourceOf(raw: unknown, getTool: (id: string) => ToolEntry | undefined): SynthesisSource {
  const s = Lenient.parse(raw && typeof raw === "object" ? raw : {});
  const useCase = s.requirements?.useCase ?? s.description ?? "answer the user's questions";
  const tools = (s.tools ?? []).map(({ id }) => {
    const entry = getTool(id);
    return { id, name: entry?.name ?? id, description: clip(entry?.description ?? "", 300) };
  });
  const deniedTopics = (s.guardrails?.deniedTopics ?? []).map((t) => clip(typeof t === "string" ? t : t.name, 100));
  return { agentName: s.name ?? "the agent", useCase: clip(useCase, 300), systemPrompt: clip(s.systemPrompt ?? "", 2_000), tools, deniedTopics };
}

/** The project's spec as far as it goes: its draft over the latest version's agent-spec.json. */
export async function projectSpecRaw(d: { db: Db; dynamo: DynamoService; blobs: BlobStore }, projectId: string): Promise<Record<string, unknown>> {
  let base: Record<string, unknown> = {};
  const version = await latestVersion(d.db, projectId);
  if (version) {
    const text = (await readVersionFiles(d, version)).get("agent-spec.json");
    if (typeof text === "string") {
      try {
        base = JSON.parse(text) as Record<string, unknown>;
      } catch {
        /* a version without a readable spec contributes nothing */
      }
    }
  }
  const draft = await findDraft(d.dynamo, projectId);
  return draft ? mergePatch(base, specOf(draft)) : base;
}
