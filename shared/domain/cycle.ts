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
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});
export type Cycle = z.infer<typeof CycleSchema>;
