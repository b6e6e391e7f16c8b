/**
 * Small-cell protection: a suppressed cell cannot be worked out from the cells published beside
 * it and the row total (checked by enumerating every hidden row consistent with what a reader
 * sees, knowing the rule), including by differencing the report for a set and for the same set
 * with named States added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, cellText, protectRow, sumCells } from '#shared/domain/response-report/index.ts';

const KEYS = ['yes', 'no', 'partly'] as const;
type Key = (typeof KEYS)[number];
type Row = Record<Key, number>;
const none: Row = { yes: 0, no: 0, partly: 0 };

/** Every hidden row a reader who knows the rule, the published cells and the total could infer. */
const consistentRows = (published: Record<Key, Cell>, visible: Row, total: number, t: number): Row[] => {
  const out: Row[] = [];
  for (let yes = 0; yes <= total; yes++)
    for (let no = 0; no <= total - yes; no++) {
      const row: Row = { yes, no, partly: total - yes - no };
      const fits = KEYS.every((k) => {
        const c = published[k];
        if (typeof c === 'number') return c - visible[k] === row[k];
        return c.suppressed === 'small' ? row[k] < t : row[k] >= t;
      });
      if (fits) out.push(row);
    }
  return out;
};

describe('protectRow', () => {
  it('publishes cells of at least the threshold and marks smaller ones "fewer than 3"', () => {
    const { cells } = protectRow(KEYS, { yes: 7, no: 2, partly: 1 }, none, 3);
    expect(cells).toEqual({
      yes: 7,
      no: { suppressed: 'small', below: 3 },
      partly: { suppressed: 'small', below: 3 },
    });
    expect(KEYS.map((k) => cellText(cells[k]))).toEqual(['7', 'fewer than 3', 'fewer than 3']);
  });

  it('withholds a second cell when one small cell alone would follow from the total', () => {
    // yes 4 + no 3 + partly 1 = 8 answers are published: partly = 8 - 4 - 3 unless another goes too.
    const { cells } = protectRow(KEYS, { yes: 4, no: 3, partly: 1 }, none, 3);
    expect(cells).toEqual({
      yes: 4,
      no: { suppressed: 'complementary' },
      partly: { suppressed: 'small', below: 3 },
    });
  });

  it('withholds the large cell when the small ones would add up to nothing', () => {
    // All five said yes: "no" and "partly" both < 3 would be pinned to 0 by the total.
    expect(protectRow(KEYS, { yes: 5, no: 0, partly: 0 }, none, 3).cells).toEqual({
      yes: { suppressed: 'complementary' },
      no: { suppressed: 'small', below: 3 },
      partly: { suppressed: 'small', below: 3 },
    });
  });

  it('publishes exact counts when nothing is hidden or the threshold is off', () => {
    expect(protectRow(KEYS, none, { yes: 1, no: 0, partly: 2 }, 3).cells).toEqual({
      yes: 1,
      no: 0,
      partly: 2,
    });
    expect(protectRow(KEYS, { yes: 1, no: 0, partly: 2 }, none, 1).cells).toEqual({
      yes: 1,
      no: 0,
      partly: 2,
    });
  });

  it('flags a row no suppression can protect', () => {
    // 0 / 3 / 3: both 3s withheld are known to be ≥ 3, so with 6 answers the first is 0.
    expect(protectRow(KEYS, { yes: 0, no: 3, partly: 3 }, none, 3).pinned).toBe(true);
    expect(protectRow(KEYS, { yes: 7, no: 2, partly: 1 }, none, 3).pinned).toBe(false);
  });

  it('never lets a reader pin a suppressed hidden count (property, all rows up to 12 answers)', () => {
    fc.assert(
      fc.property(
        fc.record({ yes: fc.nat(12), no: fc.nat(12), partly: fc.nat(12) }),
        fc.record({ yes: fc.nat(4), no: fc.nat(4), partly: fc.nat(4) }),
        fc.integer({ min: 2, max: 5 }),
        (hidden, visible, t) => {
          const total = hidden.yes + hidden.no + hidden.partly;
          const { cells: published, pinned } = protectRow(KEYS, hidden, visible, t);
          const rows = consistentRows(published, visible, total, t);
          expect(rows).toContainEqual(hidden);
          const pinnedCells = KEYS.filter(
            (k) => typeof published[k] !== 'number' && new Set(rows.map((r) => r[k])).size === 1,
          );
          // `pinned` is exactly the case where suppression alone cannot help (flagged in the report).
          expect(pinned).toBe(pinnedCells.length > 0);
          if (pinned) expect(KEYS.every((k) => typeof published[k] !== 'number')).toBe(true);
          if (pinned) return;
          for (const k of KEYS) {
            if (typeof published[k] === 'number') continue;
            expect(new Set(rows.map((r) => r[k])).size, `${k} of ${JSON.stringify(hidden)}`).toBeGreaterThan(
              1,
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('cannot be undone by differencing the report without and with consenting States named', () => {
    // Report 1: nobody named. Report 2 (another reader): BLZ consented, so its "no" is shown by name.
    // The hidden part of report 2 is report 1's row less BLZ; neither report pins a hidden cell.
    const all: Row = { yes: 6, no: 2, partly: 1 };
    const r1 = protectRow(KEYS, all, none, 3).cells;
    const r2 = protectRow(KEYS, { yes: 6, no: 1, partly: 1 }, { yes: 0, no: 1, partly: 0 }, 3).cells;
    expect(r1.no).toEqual({ suppressed: 'small', below: 3 });
    expect(r2.no).toEqual({ suppressed: 'small', below: 4 });
    // Rows consistent with both reports at once (BLZ's "no" known from report 2):
    const both = consistentRows(r1, none, 9, 3).filter((row) =>
      consistentRows(r2, { yes: 0, no: 1, partly: 0 }, 8, 3).some(
        (h) => h.yes === row.yes && h.no === row.no - 1 && h.partly === row.partly,
      ),
    );
    expect(new Set(both.map((r) => r.no)).size).toBeGreaterThan(1);
    expect(new Set(both.map((r) => r.partly)).size).toBeGreaterThan(1);
  });
});

describe('sumCells', () => {
  it('adds exact cells and withholds a roll-up with any suppressed part', () => {
    expect(sumCells([1, 2, 3])).toBe(6);
    expect(sumCells([4, { suppressed: 'small', below: 3 }])).toEqual({ suppressed: 'complementary' });
  });
});
