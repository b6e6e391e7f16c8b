/**
 * The response report on a fixture counted by hand:
 *
 * | State | TIP.5.q1 | TIP.5.q3 (latest year) | TIP.9.q1 | TIP.9.q2 text | TIP.9.q3 | submitted  |
 * |-------|----------|------------------------|----------|---------------|----------|------------|
 * | BLZ   | yes (v1: no) | 6 (2023)           | no       | yes           | yes (v1: no) | 02-10  |
 * | CAN   | yes      | 10                     | partly   | blank         | yes      | 02-20      |
 * | CRI   | no       | —                      | no       | yes           | yes      | 03-05 late |
 * | DOM   | partly   | 1                      | yes      | —             | no       | 01-30      |
 * | SLV   | yes      | 3                      | no       | yes           | yes      | 02-28      |
 * | GTM   | not submitted                                                             |
 */
import { describe, expect, it } from 'vitest';
import { buildResponseReport, type ReportInput } from '#shared/domain/response-report/index.ts';
import { BLZ_V1, DEF, MEMBERS, SUBMISSIONS } from './fixture.ts';

const base: ReportInput = {
  def: DEF,
  members: MEMBERS,
  submissions: SUBMISSIONS,
  deadline: '2026-03-01T00:00:00.000Z',
  now: '2026-04-01T00:00:00.000Z',
  visible: 'all',
  threshold: 3,
};
const q = (r: ReturnType<typeof buildResponseReport>, id: string) => {
  const row = r.questions.find((x) => x.questionId === id);
  if (!row) throw new Error(`no ${id}`);
  return row;
};

describe('response report, every State visible (secretariat)', () => {
  const r = buildResponseReport(base);

  it('counts answers and options per question', () => {
    expect(r.submitted).toBe(5);
    expect(r.members).toBe(6);
    expect(r.named).toBe('all');
    expect(q(r, 'TIP.5.q1')).toMatchObject({
      answered: 5,
      counts: { yes: 3, no: 1, partly: 1 },
      gapShare: 0.4,
    });
    expect(q(r, 'TIP.9.q1')).toMatchObject({
      answered: 5,
      counts: { yes: 1, no: 3, partly: 1 },
      gapShare: 0.8,
    });
    expect(q(r, 'TIP.9.q3')).toMatchObject({
      answered: 5,
      counts: { yes: 4, no: 1, partly: 0 },
      gapShare: 0.2,
    });
    expect(q(r, 'TIP.5.q2')).toMatchObject({ answered: 4, counts: {} });
  });

  it('summarizes numbers from each State’s most recent year', () => {
    expect(q(r, 'TIP.5.q3').numbers).toEqual({ count: 4, sum: 20, median: 4.5, min: 1, max: 10 });
  });

  it('counts free texts (blank ones are not answers) and lists them', () => {
    expect(q(r, 'TIP.9.q2').texts).toEqual({
      count: 3,
      items: [
        { iso3: 'BLZ', text: 'Plan 2020' },
        { iso3: 'CRI', text: 'NAP' },
        { iso3: 'SLV', text: 'text' },
      ],
    });
  });

  it('rolls up per article and cluster over the yes-no-partly questions', () => {
    expect(r.articles.find((a) => a.article === 'TIP.9')).toMatchObject({
      answered: 10,
      counts: { yes: 5, no: 4, partly: 1 },
      gapShare: 0.5,
      questions: 4,
    });
    expect(r.clusters.map((c) => [c.cluster, c.answered, c.gapShare])).toEqual([
      [1, 5, 0.4],
      [2, 10, 0.5],
    ]);
  });

  it('ranks gaps and groups them by four Ps and SDG targets (question tags add to the article’s)', () => {
    expect(r.gaps.questions.map((g) => [g.questionId, g.gapShare])).toEqual([
      ['TIP.9.q1', 0.8],
      ['TIP.5.q1', 0.4],
      ['TIP.9.q3', 0.2],
    ]);
    expect(r.gaps.questions[0]?.states).toEqual([
      { iso3: 'BLZ', answer: 'no' },
      { iso3: 'CAN', answer: 'partly' },
      { iso3: 'CRI', answer: 'no' },
      { iso3: 'SLV', answer: 'no' },
    ]);
    expect(r.gaps.articles.map((a) => a.article)).toEqual(['TIP.9', 'TIP.5']);
    const p = Object.fromEntries(r.gaps.byFourP.map((g) => [g.fourP, [g.answered, g.gapShare]]));
    expect(p).toEqual({
      prevention: [10, 0.5],
      prosecution: [5, 0.4],
      protection: [0, null],
      partnership: [10, 0.5],
    });
    expect(r.gaps.bySdg.map((g) => [g.target, g.answered, g.gapShare])).toEqual([
      ['5.2', 10, 0.5],
      ['8.7', 5, 0.4],
      ['16.2', 5, 0.2],
    ]);
  });

  it('lists the laws cited per article, merged across States, and attachments by name', () => {
    const tip5 = r.laws.find((l) => l.article === 'TIP.5');
    expect(tip5?.citations).toEqual([
      {
        title: 'Trafficking in Persons (Prohibition) Act',
        url: 'https://sherloc.unodc.org/cld/legislation/blz/trafficking_act.html',
        states: ['BLZ', 'DOM'],
      },
      { title: 'Criminal Code', article: 's. 279.01', states: ['CAN'] },
      { title: 'Ley Especial contra la Trata de Personas', states: ['SLV'] },
    ]);
    expect(r.laws.find((l) => l.article === 'TIP.9')?.attachments).toEqual([
      { name: 'National action plan.pdf', iso3: 'BLZ' },
    ]);
  });

  it('reports completion against the exercise deadline (latest version counts)', () => {
    const s = Object.fromEntries(r.states.map((x) => [x.iso3, [x.submitted, x.version, x.onTime]]));
    expect(s).toEqual({
      BLZ: [true, 2, true],
      CAN: [true, 1, true],
      CRI: [true, 1, false],
      DOM: [true, 1, true],
      SLV: [true, 1, true],
      GTM: [false, null, false],
    });
  });

  it('falls back to each review’s own deadline and leaves a State not yet due undecided', () => {
    const own = buildResponseReport({ ...base, deadline: undefined, now: '2026-03-10T00:00:00.000Z' });
    expect(own.states.find((x) => x.iso3 === 'CRI')).toMatchObject({
      due: '2026-03-31T00:00:00.000Z',
      onTime: true,
    });
    expect(own.states.find((x) => x.iso3 === 'GTM')).toMatchObject({ due: null, onTime: null });
  });

  it('shows which answers moved against the earlier version', () => {
    const c = buildResponseReport({ ...base, compare: { label: 'previous-version', submissions: [BLZ_V1] } });
    expect(c.compareTo).toBe('previous-version');
    expect(q(c, 'TIP.5.q1').change).toEqual({
      before: { yes: 0, no: 1, partly: 0 },
      beforeAnswered: 1,
      moves: [{ iso3: 'BLZ', from: 'no', to: 'yes' }],
    });
    expect(q(c, 'TIP.9.q1').change?.moves).toEqual([]);
  });

  it('counts only versions submitted by the release point', () => {
    const early = buildResponseReport({ ...base, asOf: '2026-02-01T00:00:00.000Z' });
    expect(early.submitted).toBe(2); // BLZ v1 and DOM
    expect(q(early, 'TIP.5.q1').counts).toEqual({ yes: 0, no: 1, partly: 1 });
  });
});

describe('response report for a reader who may see no State by name', () => {
  const r = buildResponseReport({ ...base, visible: new Set() });

  it('suppresses small cells, names nobody and lists no texts or laws', () => {
    expect(r.named).toBe('none');
    expect(q(r, 'TIP.5.q1')).toMatchObject({
      answered: 5,
      counts: { yes: 3, no: { suppressed: 'small', below: 3 }, partly: { suppressed: 'small', below: 3 } },
      gapShare: null,
      byState: {},
    });
    expect(q(r, 'TIP.9.q2').texts).toEqual({ count: 3, items: [] });
    expect(r.gaps.questions.every((g) => g.states.length === 0)).toBe(true);
    expect(r.laws.find((l) => l.article === 'TIP.5')).toMatchObject({ citations: [], hiddenCount: 4 });
  });

  it('publishes number summaries only over at least `threshold` hidden figures', () => {
    expect(q(r, 'TIP.5.q3').numbers).toEqual({ count: 4, sum: 20, median: 4.5, min: 1, max: 10 });
    const few = buildResponseReport({ ...base, visible: new Set(), threshold: 5 });
    expect(q(few, 'TIP.5.q3').numbers).toBeNull();
  });

  it('withholds a roll-up whose parts are suppressed, and ranks withheld gaps last', () => {
    expect(r.articles.find((a) => a.article === 'TIP.9')?.counts).toEqual({
      yes: { suppressed: 'complementary' },
      no: { suppressed: 'complementary' },
      partly: { suppressed: 'complementary' },
    });
    expect(r.gaps.questions.every((g) => g.gapShare === null)).toBe(true);
  });
});

describe('response report with consenting States visible by name', () => {
  const r = buildResponseReport({ ...base, visible: new Set(['BLZ', 'CAN']) });

  it('names the visible States and protects the part of each cell that comes from the others', () => {
    expect(r.named).toBe('some');
    // Hidden CRI no, DOM partly, SLV yes: every hidden cell is 1; BLZ and CAN both said yes.
    expect(q(r, 'TIP.5.q1').counts).toEqual({
      yes: { suppressed: 'small', below: 5 },
      no: { suppressed: 'small', below: 3 },
      partly: { suppressed: 'small', below: 3 },
    });
    expect(q(r, 'TIP.5.q1').byState).toEqual({ BLZ: 'yes', CAN: 'yes' });
    expect(r.states.filter((s) => s.named).map((s) => s.iso3)).toEqual(['BLZ', 'CAN']);
  });
});
