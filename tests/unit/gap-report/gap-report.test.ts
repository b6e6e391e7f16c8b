import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/domain/errors.ts';
import { gapReportCsv, gapReportJson, gapReportSvg } from '#shared/domain/gap-report/export.ts';
import {
  buildGapReport,
  type GapReviewInput,
  normalizeChallengeText,
  REDACTED_STATE,
} from '#shared/domain/gap-report/gap-report.ts';
import { FOUR_PS, OBSERVATION_KINDS } from '#shared/domain/types.ts';

type Obs = GapReviewInput['observations'][number];
const o = (id: string, article: Obs['article'], kind: Obs['kind'], extra: Partial<Obs> = {}): Obs => ({
  id,
  article,
  kind,
  text: `${kind} on ${article} (${id})`,
  status: 'agreed',
  cluster: article === 'TIP.5' || article === 'UNTOC.5' ? 1 : 2,
  ...extra,
});

/** Four reviews; the expected figures below are counted by hand from this table. */
const reviews: GapReviewInput[] = [
  {
    cycleId: 'c1',
    state: { iso3: 'CIV', name: "Côte d'Ivoire", group: 'African' },
    observations: [
      o('a1', 'TIP.5', 'challenge', {
        fourP: ['prosecution'],
        theme: 'low-convictions',
        text: "Few convictions for trafficking in Côte d'Ivoire.",
      }),
      o('a2', 'TIP.5', 'recommendation', { fourP: ['prosecution'] }),
      o('a3', 'TIP.6', 'good-practice', { fourP: ['protection'] }),
      o('a4', 'TIP.6', 'challenge', { status: 'proposed' }), // not agreed: never counted
      o('a5', 'UNTOC.5', 'challenge', { text: 'No offence of conspiracy.' }),
    ],
  },
  {
    cycleId: 'c1',
    state: { iso3: 'SEN', name: 'Senegal', group: 'African' },
    observations: [
      o('b1', 'TIP.5', 'challenge', {
        fourP: ['prosecution'],
        theme: 'low-convictions',
        text: 'Low number of convictions.',
      }),
      o('b2', 'TIP.6', 'ta-need', { fourP: ['protection', 'partnership'] }),
      o('b3', 'TIP.9', 'good-practice', { fourP: ['prevention'] }),
      o('b4', 'UNTOC.5', 'challenge', { text: 'No offence of  CONSPIRACY!' }), // same as a5 once normalized
    ],
  },
  {
    cycleId: 'c1',
    state: { iso3: 'TUR', name: 'Türkiye', group: 'WEOG' },
    observations: [
      o('c1', 'TIP.6', 'challenge', { fourP: ['protection'], text: 'Shelters are few.' }),
      o('c2', 'TIP.6', 'recommendation', { fourP: ['protection'] }),
      o('c3', 'TIP.5', 'challenge', {
        fourP: ['prosecution'],
        theme: 'low-convictions',
        text: 'Few convictions in Türkiye (TUR).',
      }),
      o('c4', 'TIP.9', 'ta-need', { status: 'withdrawn' }), // not agreed
    ],
  },
  {
    cycleId: 'c2',
    state: { iso3: 'BRA', name: 'Brazil', group: 'GRULAC' },
    observations: [
      o('d1', 'TIP.5', 'challenge', {
        fourP: ['prosecution'],
        theme: 'low-convictions',
        text: 'Few convictions for trafficking in Brazil.',
      }),
      o('d2', 'TIP.10', 'good-practice', { fourP: ['partnership'] }),
    ],
  },
];

const counts = (gp: number, ch: number, rec: number, ta: number) => ({
  'good-practice': gp,
  challenge: ch,
  recommendation: rec,
  'ta-need': ta,
});

describe('gap report over several reviews', () => {
  const report = buildGapReport(reviews, {});

  it('counts only agreed observations, by kind', () => {
    // agreed: CIV a1 a2 a3 a5 (4) + SEN b1..b4 (4) + TUR c1 c2 c3 (3) + BRA d1 d2 (2) = 13
    expect(report.reviewsCounted).toBe(4);
    expect(report.observationsCounted).toBe(13);
    // good practices a3 b3 d2 = 3; challenges a1 a5 b1 b4 c1 c3 d1 = 7; recommendations a2 c2 = 2; TA b2 = 1
    expect(report.totals).toEqual({ ...counts(3, 7, 2, 1), total: 13 });
  });

  it('counts per article in Convention-then-Protocol, numeric article order', () => {
    expect(report.byArticle.map((r) => [r.article, r.counts, r.total])).toEqual([
      ['UNTOC.5', counts(0, 2, 0, 0), 2], // a5 b4
      ['TIP.5', counts(0, 4, 1, 0), 5], // a1 b1 c3 d1 | a2
      ['TIP.6', counts(1, 1, 1, 1), 4], // a3 | c1 | c2 | b2
      ['TIP.9', counts(1, 0, 0, 0), 1], // b3
      ['TIP.10', counts(1, 0, 0, 0), 1], // d2 (10 after 9)
    ]); // 2 + 5 + 4 + 1 + 1 = 13
  });

  it('counts per "four P", an observation under each P it is tagged with', () => {
    expect(report.byFourP.map((r) => [r.fourP, r.counts, r.total])).toEqual([
      ['prevention', counts(1, 0, 0, 0), 1], // b3
      ['prosecution', counts(0, 4, 1, 0), 5], // a1 b1 c3 d1 | a2
      ['protection', counts(1, 1, 1, 1), 4], // a3 | c1 | c2 | b2
      ['partnership', counts(1, 0, 0, 1), 2], // d2 | b2
      ['unassigned', counts(0, 2, 0, 0), 2], // a5 b4
    ]); // 1 + 5 + 4 + 2 + 2 = 14 = 13 + 1 (b2 carries two Ps)
  });

  it('ranks challenges by the number of reviews raising them, grouping by theme or normalized text', () => {
    expect(report.topChallenges.map((t) => [t.key, t.reviews, t.observations, t.articles])).toEqual([
      ['theme:low-convictions', 4, 4, ['TIP.5']], // a1 b1 c3 d1, four States
      ['text:UNTOC.5:no offence of conspiracy', 2, 2, ['UNTOC.5']], // a5 b4
      ['text:TIP.6:shelters are few', 1, 1, ['TIP.6']], // c1
    ]);
  });

  it('names no country by default, redacting names from the quoted wording', () => {
    // Four wordings once each; the first in code-point order is the Brazil one.
    expect(report.topChallenges[0]?.text).toBe(`Few convictions for trafficking in ${REDACTED_STATE}.`);
    const json = gapReportJson(report);
    const csv = gapReportCsv(report);
    for (const out of [json, csv, gapReportSvg(report, 'by-article')]) {
      for (const r of reviews) {
        expect(out).not.toContain(r.state.name);
        expect(out).not.toContain(r.state.iso3);
      }
    }
    expect(report.states).toBeUndefined();
  });

  it('names countries only when asked', () => {
    const named = buildGapReport(reviews, {}, { nameCountries: true });
    expect(named.states).toEqual(['Brazil', "Côte d'Ivoire", 'Senegal', 'Türkiye']);
    expect(named.topChallenges[0]?.states).toEqual(['Brazil', "Côte d'Ivoire", 'Senegal', 'Türkiye']);
    expect(named.topChallenges[0]?.text).toBe('Few convictions for trafficking in Brazil.');
  });

  it('filters by cycle, regional group, instrument and cluster', () => {
    const c1 = buildGapReport(reviews, { cycleId: 'c1' }); // CIV SEN TUR: 4 + 4 + 3 = 11
    expect([c1.reviewsCounted, c1.observationsCounted, c1.totals.challenge]).toEqual([3, 11, 6]);
    expect(c1.topChallenges[0]).toMatchObject({ key: 'theme:low-convictions', reviews: 3 });

    const african = buildGapReport(reviews, { group: 'African' }); // CIV SEN: 4 + 4
    expect([african.reviewsCounted, african.observationsCounted]).toEqual([2, 8]);

    const untoc = buildGapReport(reviews, { instrument: 'UNTOC' }); // a5 b4
    expect(untoc.byArticle.map((r) => r.article)).toEqual(['UNTOC.5']);
    expect(untoc.totals).toEqual({ ...counts(0, 2, 0, 0), total: 2 });

    const cluster2 = buildGapReport(reviews, { cluster: 2 }); // a3 b2 b3 c1 c2 d2
    expect(cluster2.totals).toEqual({ ...counts(3, 1, 1, 1), total: 6 });

    expect(buildGapReport(reviews, { group: null }).reviewsCounted).toBe(0);
  });

  it('rejects the same State reviewed twice in one cycle', () => {
    const first = reviews[0];
    if (!first) throw new Error('fixture');
    expect(() => buildGapReport([first, first])).toThrow(ValidationError);
  });

  it('normalizes challenge texts ignoring case, accents and punctuation', () => {
    expect(normalizeChallengeText('  Refuges À Bouaké — trop peu! ')).toBe('refuges a bouake trop peu');
  });
});

describe('gap report exports', () => {
  const report = buildGapReport(reviews, {});

  it('writes one CSV table with counts per article and P, and the top challenges', () => {
    const lines = gapReportCsv(report).split('\r\n');
    expect(lines[0]).toBe('table,key,label,good_practice,challenge,recommendation,ta_need,total,reviews');
    expect(lines[1]).toBe('total,all,,3,7,2,1,13,4');
    expect(lines).toContain('article,TIP.6,,1,1,1,1,4,');
    expect(lines).toContain('four-p,unassigned,,0,2,0,0,2,');
    expect(lines).toContain(
      'top-challenge,text:UNTOC.5:no offence of conspiracy,No offence of CONSPIRACY!,,2,,,2,2',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    const tricky = buildGapReport([
      {
        cycleId: 'c1',
        state: { iso3: 'AAA', name: 'Alpha', group: 'WEOG' },
        observations: [o('x1', 'TIP.5', 'challenge', { text: '=HYPERLINK("x"), then more' })],
      },
    ]);
    expect(gapReportCsv(tricky)).toContain(`"'=HYPERLINK(""x""), then more"`);
  });

  it('writes versioned JSON that reads back to the report', () => {
    expect(JSON.parse(gapReportJson(report))).toEqual({ version: 1, ...report });
  });

  it('draws accessible SVG charts with a title, a data description and one bar segment per non-zero count', () => {
    const svg = gapReportSvg(report, 'by-article');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="gap-title gap-desc"/);
    expect(svg).toContain('<title id="gap-title">Observations per article, by kind</title>');
    expect(svg).toContain(
      'TIP.6: 1 good practices, 1 challenges, 1 recommendations, 1 technical assistance needs',
    );
    // segments: UNTOC.5 1 + TIP.5 2 + TIP.6 4 + TIP.9 1 + TIP.10 1 = 9, plus 4 legend swatches
    expect(svg.split('<rect').length - 1).toBe(13);
    const byP = gapReportSvg(report, 'by-four-p');
    expect(byP).toContain('Observations per &#34;four Ps&#34; theme, by kind');
  });
});

describe('gap report invariants', () => {
  const arbObs = fc.record({
    article: fc.constantFrom('TIP.5' as const, 'TIP.6' as const, 'UNTOC.5' as const, 'SOM.6' as const),
    kind: fc.constantFrom(...OBSERVATION_KINDS),
    status: fc.constantFrom('agreed' as const, 'proposed' as const),
    fourP: fc.subarray([...FOUR_PS]),
    text: fc.constantFrom('Gap A', 'gap a!', 'Gap B'),
  });

  it('adds up: totals = sum of article rows = agreed observations, and no top challenge is counted twice', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbObs, { maxLength: 8 }), { maxLength: 6 }), (perReview) => {
        const input: GapReviewInput[] = perReview.map((list, r) => ({
          cycleId: 'c',
          state: { iso3: `S${String.fromCharCode(65 + r)}A`, name: `State ${r}`, group: 'African' },
          observations: list.map((x, i) => ({ ...x, id: `o${r}-${i}` })),
        }));
        const rep = buildGapReport(input, {}, { topChallenges: 100 });
        const agreed = perReview.flat().filter((x) => x.status === 'agreed');
        expect(rep.totals.total).toBe(agreed.length);
        expect(rep.byArticle.reduce((n, r) => n + r.total, 0)).toBe(agreed.length);
        const challenges = agreed.filter((x) => x.kind === 'challenge').length;
        expect(rep.topChallenges.reduce((n, t) => n + t.observations, 0)).toBe(challenges);
      }),
      { numRuns: 100 },
    );
  });
});
