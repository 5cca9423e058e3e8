import { assessCompleteness, type ExtractionResult, type SpecDraft, type SpecRegistry } from "./rules";

const TOOL_SETTING = /^tools\.(\d+)\.config\.([a-z][a-z0-9_]*)$/;

type Choice = { id: string; config?: Record<string, unknown> };

/**
 * The extraction keeps locked fields, but applies answers about tool settings by tool id
 * without looking at locks: an answer read as "the Knowledge Base id" would replace the
 * id the user typed in the form. This puts every locked tool setting back (following its
 * tool if the list was reordered), and rescores the draft.
 */
export function honourToolSettingLocks(before: SpecDraft, result: ExtractionResult, registry: SpecRegistry): ExtractionResult {
  const locks = (before.lockedPaths ?? []).flatMap((p) => {
    const m = TOOL_SETTING.exec(p);
    return m ? [{ path: p, index: Number(m[1]), key: m[2]! }] : [];
  });
  const after = result.draft.tools as Choice[] | undefined;
  if (locks.length === 0 || !after) return result;
  const tools = after.map((t) => ({ ...t, config: { ...(t.config ?? {}) } }));
  const restored = new Set<string>();
  const lockedPaths = new Set(result.draft.lockedPaths ?? []);
  for (const lock of locks) {
    const tool = (before.tools as Choice[] | undefined)?.[lock.index];
    const at = tool ? tools.findIndex((t) => t.id === tool.id) : -1;
    if (!tool || at < 0) continue; // the tool was removed: its setting goes with it
    const kept = tool.config?.[lock.key];
    const path = `tools.${at}.config.${lock.key}`;
    lockedPaths.delete(lock.path);
    lockedPaths.add(path);
    if (JSON.stringify(tools[at]!.config[lock.key]) === JSON.stringify(kept)) continue;
    if (kept === undefined) delete tools[at]!.config[lock.key];
    else tools[at]!.config[lock.key] = kept;
    restored.add(path);
  }
  const draft = { ...result.draft, tools, lockedPaths: [...lockedPaths].sort() } as SpecDraft;
  return { ...result, draft, ...assessCompleteness(draft, registry.tools), changed: result.changed.filter((p) => !restored.has(p)) };
}
