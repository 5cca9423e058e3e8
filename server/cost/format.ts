/**
 * Number formatting for line details. Intl.NumberFormat instances are cached because
 * Number#toLocaleString builds a new one per call (~17 µs), which would dominate an
 * estimate that must stay under a millisecond.
 */
const cache = new Map<string, Intl.NumberFormat>();
const formatter = (key: string, options: Intl.NumberFormatOptions) => {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat("en-US", options)));
  return f;
};

/** 1,234.5678 (up to `digits` decimals). */
export const fmtNum = (n: number, digits = 4) => formatter(`n${digits}`, { maximumFractionDigits: digits }).format(n);

/** A unit price with all its significant digits: $0.0000133334. */
export const fmtPrice = (p: number) => `$${formatter("p", { maximumSignificantDigits: 8 }).format(p)}`;

/** $1,234.56 */
export const fmtUsd = (usd: number) => `$${formatter("usd", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(usd)}`;
