/** Small statistics helpers shared by the bench suites. */

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Rounds for the results table (figures are noisy well before the third decimal). */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
