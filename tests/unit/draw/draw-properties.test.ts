import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draw, verifyDraw } from '#shared/domain/draw/draw.ts';
import type { DrawInputRaw, DrawState } from '#shared/domain/draw/model.ts';
import { POLICY_PRESETS, type Policy, PolicySchema } from '#shared/domain/draw/policy.ts';
import type { Instrument, RegionalGroup } from '#shared/domain/types.ts';
import { auditAssignments, bruteForceFeasible } from './rules.ts';

const GROUPS: RegionalGroup[] = ['African', 'Eastern European', 'WEOG'];
const PROTOCOLS: Instrument[] = ['TIP', 'SOM', 'FIREARMS'];
const CODES = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ'];

const stateArb = (iso3: string) =>
  fc
    .record({
      group: fc.option(fc.constantFrom(...GROUPS), { freq: 8 }),
      drawGroup: fc.constantFrom(...GROUPS),
      protocols: fc.subarray(PROTOCOLS),
      legal: fc.constantFrom('civil-law', 'common-law') as fc.Arbitrary<'civil-law' | 'common-law'>,
    })
    .map(
      ({ group, drawGroup, protocols, legal }): DrawState => ({
        iso3,
        name: iso3,
        group,
        ...(group === null ? { drawGroup } : {}),
        legalSystem: legal,
        instruments: ['UNTOC', ...protocols],
      }),
    );

/** Small random instances: 3–8 States in up to three groups, random loads, pairs and conflicts. */
const instanceArb = (maxStates: number, maxReviewed: number) =>
  fc.integer({ min: 3, max: maxStates }).chain((n) => {
    const codes = CODES.slice(0, n);
    return fc.record({
      states: fc.tuple(...codes.map(stateArb)),
      underReview: fc.subarray(codes, { minLength: 1, maxLength: Math.min(maxReviewed, n) }),
      loads: fc.array(fc.record({ iso3: fc.constantFrom(...codes), year: fc.integer({ min: 0, max: 2 }) }), {
        maxLength: 3,
      }),
      pairs: fc.array(
        fc.record({ reviewer: fc.constantFrom(...codes), reviewed: fc.constantFrom(...codes) }),
        {
          maxLength: 2,
        },
      ),
      exclusions: fc.array(
        fc.record({ reviewer: fc.constantFrom(...codes), reviewed: fc.constantFrom(...codes) }),
        { maxLength: 3 },
      ),
    });
  });

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    preset: fc.constantFrom('untoc', 'uncac', 'upr-troika') as fc.Arbitrary<keyof typeof POLICY_PRESETS>,
    maxYear: fc.option(fc.integer({ min: 1, max: 3 })),
    maxTotal: fc.integer({ min: 2, max: 4 }),
    noMutual: fc.boolean(),
  })
  .map(({ preset, maxYear, maxTotal, noMutual }) =>
    PolicySchema.parse({
      ...POLICY_PRESETS[preset],
      maxReviewsPerYear: maxYear,
      maxReviewersTotal: Math.max(maxTotal, POLICY_PRESETS[preset].seats.length),
      noMutual,
    }),
  );

function toInput(i: {
  states: DrawState[];
  underReview: string[];
  loads: { iso3: string; year: number }[];
  pairs: { reviewer: string; reviewed: string }[];
  exclusions: { reviewer: string; reviewed: string }[];
}): DrawInputRaw {
  return {
    states: i.states,
    underReview: i.underReview.map((iso3) => ({ iso3 })),
    history: { loads: i.loads.map((l) => ({ ...l, cycle: l.year })), pairs: i.pairs },
    exclusions: i.exclusions,
  };
}

describe('draw on random instances (property-based)', () => {
  it('returns assignments that satisfy every rule of the policy, or an explanation when it gives none', () => {
    fc.assert(
      fc.property(instanceArb(8, 5), policyArb, fc.string({ maxLength: 8 }), (inst, policy, seed) => {
        const input = toInput(inst);
        const result = draw(input, policy, seed);
        if (result.ok) {
          expect(auditAssignments(input, policy, result.record.assignments)).toEqual([]);
        } else {
          expect(result.infeasible.kind).toBe('infeasible');
          expect(result.infeasible.reasons.length).toBeGreaterThan(0);
          expect(result.infeasible.reasons.join(' ').length).toBeGreaterThan(20);
        }
      }),
      { seed: 20261125, numRuns: 150 },
    );
  });

  it('finds an assignment exactly when an exhaustive search finds one (completeness)', () => {
    const verdicts = { feasible: 0, infeasible: 0 };
    fc.assert(
      fc.property(instanceArb(6, 3), policyArb, (inst, policy) => {
        const input = toInput(inst);
        const result = draw(input, policy, 'complete');
        const expected = bruteForceFeasible(input, policy);
        expect(result.ok).toBe(expected);
        verdicts[expected ? 'feasible' : 'infeasible']++;
      }),
      { seed: 4242, numRuns: 200 },
    );
    // The generator must exercise both verdicts for the comparison to mean something.
    expect(verdicts.feasible).toBeGreaterThan(15);
    expect(verdicts.infeasible).toBeGreaterThan(8);
  });

  it('gives the same record for the same inputs and seed', () => {
    fc.assert(
      fc.property(instanceArb(8, 5), policyArb, fc.string({ maxLength: 8 }), (inst, policy, seed) => {
        const input = toInput(inst);
        const a = draw(input, policy, seed);
        const b = draw(structuredClone(input), structuredClone(policy), seed);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('verifies an untouched record and rejects any tampered one', () => {
    fc.assert(
      fc.property(
        instanceArb(8, 5),
        policyArb,
        fc.constantFrom('assignment', 'input', 'seed', 'policy', 'digest', 'extra-field'),
        (inst, policy, tamper) => {
          const result = draw(toInput(inst), policy, 'tamper');
          fc.pre(result.ok && result.record.assignments.length > 0);
          if (!result.ok) return;
          const record = JSON.parse(JSON.stringify(result.record));
          expect(verifyDraw(record)).toEqual({ ok: true });
          if (tamper === 'assignment') {
            const first = record.assignments[0].reviewers[0];
            first.iso3 = first.iso3 === 'JJJ' ? 'III' : 'JJJ';
          } else if (tamper === 'input') record.inputs.states[0].instruments.push('FIREARMS');
          else if (tamper === 'seed') record.seed = `${record.seed}x`;
          else if (tamper === 'policy') record.policy.noMutual = !record.policy.noMutual;
          else if (tamper === 'digest') record.recordDigest = '0'.repeat(64);
          else record.note = 'added later';
          const check = verifyDraw(record);
          expect(check.ok).toBe(false);
        },
      ),
      { seed: 99, numRuns: 80 },
    );
  });
});
