/** The value at fraction `p` (0.5, 0.99) of an ascending-sorted sample: the one percentile every bench reports. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
