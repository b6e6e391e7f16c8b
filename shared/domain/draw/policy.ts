/**
 * The rules of a draw as data. Every rule DOMAIN.md marks *unconfirmed* is a setting here with
 * its stated default, so a secretariat can change it without touching the solver.
 */
import * as z from 'zod';
import { MechanismSchema } from '#shared/domain/types.ts';

const SEAT_KINDS = ['same-group', 'other-group', 'any'] as const;
export const SeatKindSchema = z.enum(SEAT_KINDS);
export type SeatKind = z.infer<typeof SeatKindSchema>;

const SeatSchema = z.object({
  kind: SeatKindSchema,
  /** Soft preference: try reviewers with the reviewed State's legal system first (UNCAC, unconfirmed). */
  preferSimilarLegalSystem: z.boolean().default(false),
});

export const PolicySchema = z.object({
  mechanism: MechanismSchema,
  /** One entry per reviewing seat of a State under review. */
  seats: z.array(SeatSchema).min(1).max(8),
  /**
   * UNTOC: a seat's reviewer is drawn among parties to the first instrument under review (the
   * Convention); if it is not party to all the others, an extra reviewer of the same seat kind is
   * drawn for the missing ones. When false, a seat's reviewer must be party to every instrument.
   */
  extraReviewerForMissingInstruments: z.boolean(),
  /** At most this many reviewing States per State under review (UNTOC: 4 unless it agrees otherwise). */
  maxReviewersTotal: z.number().int().min(1).max(32),
  /** All reviewers of one State come from pairwise different regional groups (UPR troika). */
  distinctReviewerGroups: z.boolean().default(false),
  /** UPR: a State under review may ask that one seat be filled from its own group. */
  ownGroupOnRequest: z.boolean().default(false),
  noSelfReview: z.boolean().default(true),
  /** A reviews B and B reviews A in the same cycle (this draw and the pairs given in history). */
  noMutual: z.boolean().default(true),
  /** Do not repeat a pair already drawn earlier in the cycle (history). */
  noRepeatPairs: z.boolean().default(false),
  /** Cap on reviews one State performs in the year of the draw (history loads included); null = none. */
  maxReviewsPerYear: z.number().int().min(1).nullable(),
  /** Cap over the whole cycle (history loads included); null = none. */
  maxReviewsPerCycle: z.number().int().min(1).nullable(),
  /** Redraws a reviewed State may request (UNCAC ToR: twice, unconfirmed). */
  redrawBudget: z.number().int().min(0).default(2),
  /** Prefer the smallest possible maximum load (found level by level) before spreading by lot. */
  balancedLoad: z.boolean().default(true),
  /** Regional economic integration organizations (e.g. the EU) review and are reviewed by lot. */
  includeOrganizations: z.boolean().default(false),
  /**
   * Safety bound on search nodes. Reaching it yields an `undecided` result — never a false
   * "infeasible" — so a caller can raise it; the explanations below come from exact counting.
   */
  searchNodeLimit: z.number().int().min(1000).default(2_000_000),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

export const POLICY_PRESETS = {
  untoc: PolicySchema.parse({
    mechanism: 'untoc',
    seats: [{ kind: 'same-group' }, { kind: 'other-group' }],
    extraReviewerForMissingInstruments: true,
    maxReviewersTotal: 4,
    maxReviewsPerYear: 4,
    maxReviewsPerCycle: null,
  }),
  uncac: PolicySchema.parse({
    mechanism: 'uncac',
    seats: [{ kind: 'same-group', preferSimilarLegalSystem: true }, { kind: 'any' }],
    extraReviewerForMissingInstruments: false,
    maxReviewersTotal: 2,
    maxReviewsPerYear: 3,
    maxReviewsPerCycle: 3,
  }),
  'upr-troika': PolicySchema.parse({
    mechanism: 'upr-troika',
    seats: [{ kind: 'other-group' }, { kind: 'other-group' }, { kind: 'other-group' }],
    extraReviewerForMissingInstruments: false,
    maxReviewersTotal: 3,
    distinctReviewerGroups: true,
    ownGroupOnRequest: true,
    redrawBudget: 1,
    // DOMAIN.md sets no cap for UPR rapporteurs; balanced load still spreads the troikas.
    maxReviewsPerYear: null,
    maxReviewsPerCycle: null,
  }),
} as const satisfies Record<string, Policy>;
export type PresetName = keyof typeof POLICY_PRESETS;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(POLICY_PRESETS, name);
}
