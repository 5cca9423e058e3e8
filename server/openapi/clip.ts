/** `s` cut to at most `n` UTF-16 units without splitting a surrogate pair (a lone half is invalid in the spec). */
export function clipText(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
