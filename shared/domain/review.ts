/**
 * The review: one per State under review in a cycle, with its seats (who reviews it, for which
 * instruments), workflow state, deadlines and contacts. Storage (keys, conditional writes) is in
 * shared/repos/reviews.ts.
 */
import * as z from 'zod';
import { InstrumentSchema, Iso3Schema, MechanismSchema } from './types.ts';
import { DeadlineSchema, ReviewStateSchema } from './workflow.ts';

const SeatSchema = z.object({
  reviewer: Iso3Schema,
  /** The instruments this reviewer covers for the reviewed State. */
  instruments: z.array(InstrumentSchema),
  reason: z.string(),
});
export type Seat = z.infer<typeof SeatSchema>;

export const ReviewSchema = z.object({
  reviewId: z.string(),
  cycleId: z.string(),
  drawId: z.string(),
  mechanism: MechanismSchema,
  reviewedState: Iso3Schema,
  instruments: z.array(InstrumentSchema),
  seats: z.array(SeatSchema),
  /** Flattened from seats, for access checks. */
  reviewerStates: z.array(Iso3Schema),
  state: ReviewStateSchema,
  deadlines: z.array(DeadlineSchema),
  /** Reviewing State → who acknowledged the assignment and when. */
  acknowledgements: z.record(z.string(), z.object({ by: z.string(), at: z.iso.datetime() })),
  /** State → named focal point and governmental experts (user subs). */
  contacts: z.record(
    z.string(),
    z.object({ focalPoint: z.string().optional(), experts: z.array(z.string()) }),
  ),
  /** Confirmed redraws. */
  redrawsUsed: z.number().int().nonnegative(),
  /** Redraw requests made (what the budget counts; reviews stored before it: redrawsUsed). */
  redrawRequests: z.number().int().nonnegative().optional(),
  /** The request awaiting confirmation, at most one; `basedOn` is the draw it was drawn from. */
  openRedraw: z
    .object({
      drawId: z.string(),
      position: z.number().int().min(1),
      basedOn: z.string(),
      reviewerToReplace: Iso3Schema,
      instrument: InstrumentSchema.optional(),
    })
    .optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** A copy with the version bumped and the change time set: the input to `saveReview`. */
export const nextVersion = (r: Review, now: Date, changes: Partial<Review>): Review => ({
  ...r,
  ...changes,
  version: r.version + 1,
  updatedAt: now.toISOString(),
});
