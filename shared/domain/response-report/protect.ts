/**
 * Small-cell protection for aggregate response reports. A reader who may not see some States'
 * answers ("hidden" States) gets counts in which the hidden States' part of every cell is either
 * at least the threshold or suppressed, and the suppressed parts cannot be worked out from the
 * published cells and the row total (complementary suppression). docs/analytics.md explains the
 * model and its limits.
 */

/** A published count: exact, "fewer than `below`" (primary suppression), or withheld (complementary). */
export type Cell = number | { suppressed: 'small'; below: number } | { suppressed: 'complementary' };

export const isExact = (c: Cell): c is number => typeof c === 'number';

/** How a cell reads in exports and the UI. */
export const cellText = (c: Cell): string => {
  if (typeof c === 'number') return String(c);
  return c.suppressed === 'small' ? `fewer than ${c.below}` : 'suppressed';
};

interface Bounds {
  lo: number;
  hi: number;
}

/**
 * Whether any suppressed cell's hidden value is pinned to one number by the row total and the
 * published cells. The reader knows the rule: a primary cell holds 0..t-1 hidden answers, a
 * complementary one t..total.
 */
const anyDetermined = (bounds: readonly Bounds[], remaining: number): boolean => {
  const sumLo = bounds.reduce((n, b) => n + b.lo, 0);
  const sumHi = bounds.reduce((n, b) => n + b.hi, 0);
  return bounds.some((b) => {
    const min = Math.max(b.lo, remaining - (sumHi - b.hi));
    const max = Math.min(b.hi, remaining - (sumLo - b.lo));
    return min === max;
  });
};

/**
 * Protects one row of counts (e.g. the yes / no / partly answers to a question). `hidden` and
 * `visible` are the counts of States whose answers the reader may not / may see; the row total of
 * the hidden part is public (it follows from the published number of answers). Returns, per key,
 * the published cell. With `threshold` ≤ 1 or no hidden answers, every cell is exact.
 *
 * `pinned` is true when even withholding every cell leaves a hidden count that follows from the
 * total (e.g. 6 hidden answers as 0 / 3 / 3 with threshold 3: the reader knows the withheld 3s
 * are each at least 3, so the first must be 0). Suppression alone cannot protect such a row; the
 * report flags it (docs/analytics.md, "Limits").
 */
export function protectRow<K extends string>(
  keys: readonly K[],
  hidden: Readonly<Record<K, number>>,
  visible: Readonly<Record<K, number>>,
  threshold: number,
): { cells: Record<K, Cell>; pinned: boolean } {
  const total = keys.reduce((n, k) => n + hidden[k], 0);
  const out = {} as Record<K, Cell>;
  const exact = (k: K) => hidden[k] + visible[k];
  if (threshold <= 1 || total === 0) {
    for (const k of keys) out[k] = exact(k);
    return { cells: out, pinned: false };
  }
  const kind = new Map<K, 'small' | 'complementary'>();
  for (const k of keys) if (hidden[k] < threshold) kind.set(k, 'small');
  const boundsOf = (): Bounds[] =>
    [...kind].map(([, s]) =>
      s === 'small' ? { lo: 0, hi: Math.min(threshold - 1, total) } : { lo: threshold, hi: total },
    );
  const remaining = () => total - keys.filter((k) => !kind.has(k)).reduce((n, k) => n + hidden[k], 0);
  let pinned = false;
  while (kind.size > 0 && anyDetermined(boundsOf(), remaining())) {
    // Withhold the smallest published cell too (ties: first key), until nothing is pinned.
    const next = keys.filter((k) => !kind.has(k)).sort((a, b) => hidden[a] - hidden[b])[0];
    if (next === undefined) {
      pinned = true;
      break;
    }
    kind.set(next, 'complementary');
  }
  for (const k of keys) {
    const s = kind.get(k);
    out[k] =
      s === undefined
        ? exact(k)
        : s === 'small'
          ? { suppressed: 'small', below: visible[k] + threshold }
          : { suppressed: 'complementary' };
  }
  return { cells: out, pinned };
}

/**
 * A roll-up cell (article, cluster, four-P or SDG group): the sum of its constituents when all
 * are exact, else withheld; a sum over published cells reveals nothing the cells do not.
 */
export const sumCells = (cells: readonly Cell[]): Cell =>
  cells.every(isExact) ? cells.reduce((n, c) => n + c, 0) : { suppressed: 'complementary' };
