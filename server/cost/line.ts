import { fmtNum, fmtPrice } from "./format";
import { roundUsd, toCents } from "./money";
import type { CostCategory, CostLine } from "./types";

/**
 * One priced part of a line, before rounding. usd null = its price is unknown. The label
 * is built only when the line is shown (projections and suggestions only need sums).
 */
export type Charge = { label: () => string; usd: number | null; usdBeforeFree: number | null };
export type LineDraft = { service: string; category: CostCategory; charges: Charge[]; note?: string };

const freeText = (quantity: number, allowance: number) => {
  const free = Math.min(quantity, allowance);
  return free > 0 ? ` − ${fmtNum(free)} free` : "";
};
const perText = (per: number, unit: string) => (per === 1 ? unit : `${per === 1e6 ? "1M" : fmtNum(per)} ${unit}`);

/**
 * quantity (less a free allowance) × unitPrice / per. The label spells out the
 * arithmetic; an unknown price gives usd null, never 0.
 */
export function charge(what: string, quantity: number, unit: string, unitPrice: number | null, per = 1, allowance = 0): Charge {
  const head = () => `${what}: ${fmtNum(quantity)} ${unit}${freeText(quantity, allowance)} × `;
  if (unitPrice === null) return { label: () => `${head()}price unknown`, usd: null, usdBeforeFree: null };
  return {
    label: () => `${head()}${fmtPrice(unitPrice)}/${perText(per, unit)}`,
    usd: (Math.max(0, quantity - allowance) * unitPrice) / per,
    usdBeforeFree: (quantity * unitPrice) / per,
  };
}

export type Tier = { price: number | null; upTo: number | null };

function tieredCost(q: number, tiers: Tier[], per: number): number | null {
  let usd = 0;
  let from = 0;
  for (const tier of tiers) {
    if (q <= from) break;
    if (tier.price === null) return null;
    const upper = tier.upTo === null ? q : Math.min(q, tier.upTo);
    usd += ((upper - from) * tier.price) / per;
    from = tier.upTo ?? q;
  }
  return usd;
}

/**
 * Graduated pricing: each tier prices the quantity between the previous bound and its
 * own. The free allowance is taken off the first units. A tier the quantity reaches
 * whose price is unknown makes the whole charge unknown.
 */
export function tieredCharge(what: string, quantity: number, unit: string, tiers: Tier[], per = 1, allowance = 0): Charge {
  const before = tieredCost(quantity, tiers, per);
  const after = allowance > 0 ? tieredCost(Math.max(0, quantity - allowance), tiers, per) : before;
  const label = () => {
    const first = tiers[0]?.price ?? null;
    const rate =
      before === null || first === null
        ? "price unknown for part of this quantity"
        : `${fmtPrice(first)}/${perText(per, unit)}${tiers.length > 1 ? " (tiered)" : ""}`;
    return `${what}: ${fmtNum(quantity)} ${unit}${freeText(quantity, allowance)} × ${rate}`;
  };
  return { label, usd: after, usdBeforeFree: before };
}

/** An amount already in USD (computed elsewhere, e.g. model tokens). */
export const amount = (label: () => string, usd: number | null): Charge => ({ label, usd, usdBeforeFree: usd });

function sum(xs: (number | null)[]): number | null {
  let total = 0;
  for (const x of xs) {
    if (x === null) return null;
    total += x;
  }
  return total;
}

/** The line's whole cents without building its text; null = price unknown. */
export const draftCents = (draft: LineDraft): number | null => {
  const usd = sum(draft.charges.map((c) => c.usd));
  return usd === null ? null : toCents(usd);
};

/** Rounds a draft into the line users see (see money.ts for the rounding rule). */
export function finalizeLine(draft: LineDraft): CostLine {
  const usd = sum(draft.charges.map((c) => c.usd));
  const before = sum(draft.charges.map((c) => c.usdBeforeFree));
  const detail = [...draft.charges.map((c) => c.label()), ...(draft.note ? [draft.note] : [])].join("; ");
  const { service, category } = draft;
  if (usd === null) return { service, category, monthly: null, detail, priceUnknown: true, freeTierSaving: 0 };
  const monthly = roundUsd(usd);
  const freeTierSaving = before === null ? 0 : Math.max(0, roundUsd(roundUsd(before) - monthly));
  return { service, category, monthly, detail, freeTierSaving };
}
