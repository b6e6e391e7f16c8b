import { describe, expect, it } from 'vitest';
import { draw, dryRun, verifyDraw } from '#shared/domain/draw/draw.ts';
import { POLICY_PRESETS } from '#shared/domain/draw/policy.ts';
import { drawYearGroups } from '#shared/domain/draw/year-groups.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { auditAssignments } from './rules.ts';

const { states } = loadReferenceData();
const allUnderReview = { states, underReview: states.map((s) => ({ iso3: s.iso3 })) };

describe('draw on the reference data (all States parties, all four instruments)', () => {
  const result = draw(allUnderReview, POLICY_PRESETS.untoc, 'reference-data-test');

  it('finds an UNTOC assignment that satisfies every rule', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(auditAssignments(allUnderReview, POLICY_PRESETS.untoc, result.record.assignments)).toEqual([]);
    const reviewed = new Set(result.record.assignments.map((a) => a.reviewed));
    expect(reviewed.size).toBe(states.length);
    const entries = states.reduce((n, s) => n + s.instruments.length, 0);
    expect(result.record.assignments).toHaveLength(entries);
  });

  it('draws an extra reviewer exactly where a drawn one is not party to a Protocol', () => {
    if (!result.ok) throw new Error('draw failed');
    const byIso = new Map(states.map((s) => [s.iso3, s]));
    const extras = result.record.assignments.flatMap((a) =>
      a.reviewers.filter((r) => r.reason === 'extra-for-missing-instruments').map((r) => ({ a, r })),
    );
    expect(extras.length).toBeGreaterThan(0);
    for (const { a, r } of extras) {
      expect(byIso.get(r.iso3)?.instruments).toContain(a.instrument);
      const primary = result.record.assignments
        .find((b) => b.reviewed === a.reviewed && b.instrument === 'UNTOC')
        ?.reviewers.find((p) => p.seat === r.seat);
      expect(byIso.get(primary?.iso3 ?? '')?.instruments).not.toContain(a.instrument);
    }
  });

  it('produces a record that verifies from its own content', () => {
    if (!result.ok) throw new Error('draw failed');
    expect(verifyDraw(JSON.parse(JSON.stringify(result.record)))).toEqual({ ok: true });
  });

  it('also draws under the uncac and upr-troika presets', () => {
    for (const preset of ['uncac', 'upr-troika'] as const) {
      const r = draw(allUnderReview, POLICY_PRESETS[preset], 'other-presets');
      expect(r.ok).toBe(true);
      if (r.ok)
        expect(auditAssignments(allUnderReview, POLICY_PRESETS[preset], r.record.assignments)).toEqual([]);
    }
  });

  it('reports supply against demand per group and instrument in the dry run', () => {
    const report = dryRun(allUnderReview, POLICY_PRESETS.untoc);
    expect(report.feasibleByCounts).toBe(true);
    expect(report.statesUnderReview).toBe(states.length);
    const eeFirearms = report.rows.find(
      (r) =>
        r.group === 'Eastern European group' && r.instrument === 'FIREARMS' && r.seatKind === 'same-group',
    );
    const eeParties = states.filter(
      (s) => (s.group ?? s.drawGroup) === 'Eastern European' && s.instruments.includes('FIREARMS'),
    ).length;
    expect(eeFirearms?.demand).toBe(eeParties);
    expect(eeFirearms?.eligibleReviewers).toBe(eeParties);
  });

  it('splits the States parties into three year-groups balanced across regional groups', () => {
    const years = drawYearGroups(states, 3, 'years');
    expect(years.flat().sort()).toEqual(states.map((s) => s.iso3).sort());
    const sizes = years.map((y) => y.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const groupOf = new Map(states.map((s) => [s.iso3, s.group ?? s.drawGroup ?? null]));
    for (const g of ['African', 'Asia-Pacific', 'Eastern European', 'GRULAC', 'WEOG']) {
      const counts = years.map((y) => y.filter((x) => groupOf.get(x) === g).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });
});
