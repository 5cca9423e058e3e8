const usdFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const preciseFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });
const compactFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** $1,234.56; null is an unknown price and never shown as $0. */
export const usd = (n: number | null) => (n === null ? "price unknown" : usdFormat.format(n));
/** Per-request costs are often below a cent: up to six decimals. */
export const usdPrecise = (n: number) => preciseFormat.format(n);
/** Axis ticks: $1.2K. */
export const usdCompact = (n: number) => compactFormat.format(n);
export const num = (n: number) => numberFormat.format(n);

