/**
 * A review as the caller sees it: the review with the caller's relation to it, what is overdue,
 * what the caller may do and still has to do; and the dashboard and overdue listings built from
 * it. The API answers these shapes (shared/http/routes/reviews.ts) and the web UI reads them.
 */
import * as z from 'zod';
import { ReviewSchema } from './review.ts';
import { ALLOWED_ACTIONS } from './review-actions.ts';
import { Iso3Schema } from './types.ts';
import { DeadlineKindSchema, ReviewStateSchema } from './workflow.ts';

const RelationSchema = z.enum(['secretariat', 'observer', 'reviewed', 'reviewer']);

/** A review as its parties see it, with what is overdue now. */
const TaskSchema = z.object({
  action: z.enum(ALLOWED_ACTIONS),
  deadline: DeadlineKindSchema.optional(),
  due: z.iso.datetime().optional(),
});

export const ReviewViewSchema = ReviewSchema.extend({
  relation: RelationSchema,
  overdue: z.array(DeadlineKindSchema),
  missingAcknowledgements: z.array(Iso3Schema),
  /** What the caller may do on the review now (shared/domain/review-actions.ts); the UI offers these. */
  allowedActions: z.array(z.enum(ALLOWED_ACTIONS)),
  /** The caller's work still to do on the review, soonest due first (`tasksFor`). */
  tasks: z.array(TaskSchema),
});
export type ReviewView = z.infer<typeof ReviewViewSchema>;

export const DashboardEntrySchema = z.object({
  reviewId: z.string(),
  cycleId: z.string(),
  reviewedState: Iso3Schema,
  reviewerStates: z.array(Iso3Schema),
  relation: RelationSchema,
  state: ReviewStateSchema,
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
  nextDeadline: z.object({ kind: DeadlineKindSchema, due: z.iso.datetime() }).nullable(),
  overdue: z.array(DeadlineKindSchema),
  /** For a reviewing State: its own assignment still waits for acknowledgement. */
  acknowledgementNeeded: z.boolean(),
  missingAcknowledgements: z.array(Iso3Schema),
  /** Notifications about this review delivered since the caller last marked them read. */
  unreadNotifications: z.number().int().nonnegative(),
  /** The caller's work still to do on the review, soonest due first. */
  tasks: z.array(TaskSchema),
});

const OverdueEntrySchema = z.object({
  reviewId: z.string(),
  reviewedState: Iso3Schema,
  state: ReviewStateSchema,
  overdue: z.array(
    z.object({ kind: DeadlineKindSchema, due: z.iso.datetime(), daysLate: z.number().int().nonnegative() }),
  ),
  missingAcknowledgements: z.array(Iso3Schema),
  /** States that have not named a focal point and at least one expert. */
  missingContacts: z.array(Iso3Schema),
  /** Naming deadlines (focal point, experts) each participating State has missed, reviewing States included. */
  namingOverdue: z.array(
    z.object({
      state: Iso3Schema,
      kind: z.enum(['focal-point', 'experts']),
      due: z.iso.datetime(),
      daysLate: z.number().int(),
    }),
  ),
});
export const OverdueResponseSchema = z.object({
  cycleId: z.string(),
  asOf: z.iso.datetime(),
  reviews: z.array(OverdueEntrySchema),
});

export type DashboardEntry = z.infer<typeof DashboardEntrySchema>;
export type OverdueResponse = z.infer<typeof OverdueResponseSchema>;
