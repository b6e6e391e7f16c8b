/**
 * A review cycle: the mechanism and year, the States under review, the draw policy and deadlines,
 * and the seed commitment. Storage (keys, the draw records, confirmation) is in shared/repos/cycles.ts.
 */
import * as z from 'zod';
import { ExclusionSchema } from './draw/model.ts';
import { PolicySchema } from './draw/policy.ts';
import { FollowUpPolicySchema } from './follow-up/policy.ts';
import { PublicStatusPolicySchema } from './public/review-status.ts';
import { InstrumentSchema, Iso3Schema, MechanismSchema } from './types.ts';
import { DeadlinePolicySchema, RedrawWindowSchema } from './workflow.ts';

/** Who set something aside, when and why: kept on the cycle, never erased. */
const SetAsideSchema = z.object({
  reason: z.string(),
  by: z.string(),
  at: z.iso.datetime(),
});

/** A proposed draw the secretariat discarded before confirming it; its record stays stored. */
export const DiscardedDrawSchema = SetAsideSchema.extend({ drawId: z.string(), recordDigest: z.string() });
export type DiscardedDraw = z.infer<typeof DiscardedDrawSchema>;

export const CycleSchema = z.object({
  cycleId: z.string(),
  name: z.string(),
  mechanism: MechanismSchema,
  year: z.number().int(),
  instruments: z.array(InstrumentSchema),
  underReview: z.array(Iso3Schema),
  exclusions: z.array(ExclusionSchema),
  policy: PolicySchema,
  deadlines: DeadlinePolicySchema,
  /** When redraws close (default: when the desk review starts); cycles stored before it use the default. */
  redrawWindow: RedrawWindowSchema.optional(),
  /** Follow-up of earlier observations (status scale, agreement); absent: the mechanism's preset. */
  followUp: FollowUpPolicySchema.optional(),
  /** Which public status each stage shows on the public review-status page; absent: the default. */
  publicStatus: PublicStatusPolicySchema.optional(),
  /** SHA-256 of the secret, published when the cycle is created. */
  commitment: z.string(),
  /** Revealed by the first draw; until then only the commitment is shown. */
  revealed: z.boolean(),
  proposedDrawId: z.string().optional(),
  confirmedDrawId: z.string().optional(),
  /**
   * Every confirmed draw in order: the first opened the reviews, each redraw follows. A review
   * exists for its parties only while its draw is in this list (review-access.ts).
   */
  confirmedDraws: z.array(z.string()).optional(),
  /** A first-draw confirmation under way: only this attempt may write the reviews. */
  confirming: z.object({ drawId: z.string(), attempt: z.string() }).optional(),
  /** Proposed draws discarded before confirmation, oldest first (their records are kept). */
  discardedDraws: z.array(DiscardedDrawSchema).optional(),
  /** A cycle deleted before its draw was confirmed: kept and listed for the secretariat, closed to changes. */
  withdrawn: SetAsideSchema.optional(),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});
export type Cycle = z.infer<typeof CycleSchema>;

/** What shapes the draw: changing any of these while a draw is proposed needs that draw discarded first. */
const DRAW_INPUTS = {
  instruments: 'the instruments',
  underReview: 'the States under review',
  exclusions: 'the exclusions',
  policy: 'the draw policy',
} as const;

/**
 * Why the cycle can no longer be changed (edited, withdrawn, its proposed draw discarded), or null.
 * Once a draw is confirmed (or its confirmation under way) the reviews exist: nothing before them moves.
 */
export const cycleChangeRefusal = (cycle: Cycle): string | null => {
  if (cycle.withdrawn) return `cycle ${cycle.name} was withdrawn on ${cycle.withdrawn.at.slice(0, 10)}`;
  if (cycle.confirmedDrawId || cycle.confirming)
    return `the draw of cycle ${cycle.name} is confirmed: the cycle and its draw can no longer be changed`;
  return null;
};

/** Why an edit touching `fields` is refused while a draw is proposed, or null. */
export const proposedDrawRefusal = (cycle: Cycle, fields: readonly string[]): string | null => {
  const inputs = fields.flatMap((f) =>
    f in DRAW_INPUTS ? [DRAW_INPUTS[f as keyof typeof DRAW_INPUTS]] : [],
  );
  if (!cycle.proposedDrawId || inputs.length === 0) return null;
  return `a draw is proposed: discard it first to change ${inputs.join(', ')}`;
};

/** What the caller may do to the cycle now (the UI offers exactly these). */
export const CYCLE_ACTIONS = ['edit', 'edit-draw-inputs', 'discard-draw', 'withdraw'] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

export const cycleActions = (cycle: Cycle, mayManage: boolean): CycleAction[] => {
  if (!mayManage || cycleChangeRefusal(cycle)) return [];
  return cycle.proposedDrawId
    ? ['edit', 'discard-draw', 'withdraw']
    : ['edit', 'edit-draw-inputs', 'withdraw'];
};
