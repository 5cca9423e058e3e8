/** The tool selection being edited, as plain functions over an ordered list (easy to reason about and undo). */

export type ConfigValue = string | number | boolean;
export type ToolPick = { id: string; config: Record<string, ConfigValue> };

export function toggleTool(picks: readonly ToolPick[], id: string): ToolPick[] {
  return picks.some((p) => p.id === id) ? picks.filter((p) => p.id !== id) : [...picks, { id, config: {} }];
}

/**
 * Replaces `fromId` with `toId` in place (the alternative's parameters differ, so the old
 * config is dropped). When the alternative is already selected, the old tool is just removed.
 */
export function swapTool(picks: readonly ToolPick[], fromId: string, toId: string): ToolPick[] {
  if (picks.some((p) => p.id === toId)) return picks.filter((p) => p.id !== fromId);
  return picks.map((p) => (p.id === fromId ? { id: toId, config: {} } : p));
}

/** Sets one config value; undefined removes it (the tool's default then applies). */
export function setConfigValue(picks: readonly ToolPick[], id: string, key: string, value: ConfigValue | undefined): ToolPick[] {
  return picks.map((p) => {
    if (p.id !== id) return p;
    const config = { ...p.config };
    if (value === undefined) delete config[key];
    else config[key] = value;
    return { ...p, config };
  });
}

export function samePicks(a: readonly ToolPick[], b: readonly ToolPick[]): boolean {
  if (a.length !== b.length) return false;
  const key = (p: ToolPick) => `${p.id}=${JSON.stringify(Object.entries(p.config).sort(([x], [y]) => (x < y ? -1 : 1)))}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}
