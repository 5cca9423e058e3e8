/**
 * Money rounding, in one place. Each line is computed in floating point from the exact
 * unit prices, rounded ONCE to whole micro-dollars (which removes binary float noise such
 * as 2007.4999999997) and then half-up to whole cents. Totals are sums of the rounded
 * line cents, so a breakdown always adds up to its total exactly.
 */

/** USD → integer micro-dollars. */
export const toMicros = (usd: number): number => Math.round(usd * 1_000_000);

/** Integer micro-dollars → integer cents, half-up (micros are non-negative here). */
export const microsToCents = (micros: number): number => Math.floor((micros + 5_000) / 10_000);

/** USD → integer cents via micro-dollars. */
export const toCents = (usd: number): number => microsToCents(toMicros(usd));

/** Integer cents → USD with two decimals. */
export const centsToUsd = (cents: number): number => Number((cents / 100).toFixed(2));

/** USD rounded to the cent, the way every line is rounded. */
export const roundUsd = (usd: number): number => centsToUsd(toCents(usd));

/** USD rounded to whole micro-dollars (for per-request figures, which are often < 1 cent). */
export const roundMicroUsd = (usd: number): number => toMicros(usd) / 1_000_000;
