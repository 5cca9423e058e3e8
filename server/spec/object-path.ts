/**
 * Reading a dotted path ("requirements.useCase") out of a plain object. Server-free on
 * purpose: the Consultation tab (components/) and the consultation rules (server/) both read
 * spec drafts this way, so it imports nothing.
 */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
