import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/domain/errors.ts';
import { placeholders, SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import { buildSummary, statementsOf } from '#shared/domain/summary/document.ts';
import { type SummaryInputData, SummaryInputSchema } from '#shared/domain/summary/input.ts';
import { LANGUAGES } from '#shared/domain/types.ts';

const input: SummaryInputData = SummaryInputSchema.parse(
  JSON.parse(readFileSync(new URL('../../../data/summary-sample.json', import.meta.url), 'utf8')),
);
const ids = (scope: Parameters<typeof buildSummary>[1]['scope']) =>
  statementsOf(buildSummary(input, { scope }))
    .flatMap((s) => s.sourceObservationIds)
    .sort();

describe('buildSummary', () => {
  it('keeps one instrument, one cluster, or both', () => {
    expect(ids('UNTOC')).toEqual(['CIV-UNTOC-15-TA1', 'CIV-UNTOC-5-C1']);
    expect(ids({ cluster: 2 })).toEqual(['CIV-TIP-6-C1', 'CIV-TIP-6-C2', 'CIV-TIP-6-TA1', 'CIV-TIP-9-GP1']);
    expect(ids({ instrument: 'TIP', cluster: 1 })).toEqual(['CIV-TIP-5-C1', 'CIV-TIP-5-GP1', 'CIV-TIP-5-R1']);
  });

  it('merges identical texts into one statement citing every source', () => {
    const st = statementsOf(buildSummary(input, { scope: 'TIP' })).find(
      (s) => s.anchor === 'obs-CIV-TIP-6-C1',
    );
    expect(st?.sourceObservationIds).toEqual(['CIV-TIP-6-C1', 'CIV-TIP-6-C2']);
  });

  it('counts what it leaves out', () => {
    // 11 observations: 2 not agreed (TIP-5-R2 proposed, UNTOC-5-C2 withdrawn); of the 9 agreed, 7 are TIP.
    expect(buildSummary(input, { scope: 'UNTOC' }).excluded).toEqual({ notAgreed: 2, outOfScope: 7 });
  });

  it('refuses a scope outside the review and observations under another instrument', () => {
    expect(() => buildSummary(input, { scope: 'SOM' })).toThrow(ValidationError);
    const stray = {
      ...input,
      observations: [{ id: 'x', article: 'SOM.6', kind: 'challenge', text: 't', status: 'agreed' }],
    };
    expect(() => buildSummary(stray as SummaryInputData, { scope: 'combined' })).toThrow(ValidationError);
  });

  it('cites every agreed observation exactly once and nothing else, whatever the statuses', () => {
    const statuses = fc.constantFrom(
      'draft' as const,
      'proposed' as const,
      'agreed' as const,
      'withdrawn' as const,
    );
    fc.assert(
      fc.property(
        fc.array(statuses, { minLength: input.observations.length, maxLength: input.observations.length }),
        (st) => {
          const observations = input.observations.map((o, i) => ({ ...o, status: st[i] ?? 'draft' }));
          const cited = statementsOf(buildSummary({ ...input, observations }, { scope: 'combined' }))
            .flatMap((s) => s.sourceObservationIds)
            .sort();
          expect(cited).toEqual(
            observations
              .filter((o) => o.status === 'agreed')
              .map((o) => o.id)
              .sort(),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('summary headings in the six languages', () => {
  it('fill every string with the placeholders of the English template', () => {
    const flat = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`),
      );
    const en = new Map(flat(SUMMARY_STRINGS.en));
    for (const lang of LANGUAGES) {
      const entries = flat(SUMMARY_STRINGS[lang]);
      expect(entries.map(([k]) => k).sort()).toEqual([...en.keys()].sort());
      for (const [key, value] of entries) {
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(value), `${lang} ${key}`).toEqual(placeholders(en.get(key) ?? ''));
      }
    }
  });
});
