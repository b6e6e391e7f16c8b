/**
 * A follow-up item: one agreed observation of a State's earlier review, carried into its next
 * review, where the State reports a status and the reviewing States confirm or dispute it. Items
 * of one review live in its partition; the chain (observation → follow-ups across cycles) is
 * found through `root`. Pure schemas; the rules are in rules.ts.
 */
import * as z from 'zod';
import { ArticleIdSchema, FourPSchema, Iso3Schema, ObservationKindSchema } from '../types.ts';
import { FollowUpStatusIdSchema } from './policy.ts';

export const FollowUpIdSchema = z.string().regex(/^fu-[a-f0-9]{16}$/, 'not a follow-up id');

/** The earlier observation as agreed (a snapshot: the earlier list is final). */
const FollowedObservationSchema = z.object({
  article: ArticleIdSchema,
  articleTitle: z.string().min(1).optional(),
  kind: ObservationKindSchema,
  text: z.string(),
  fourP: z.array(FourPSchema).optional(),
  cluster: z.int().min(1).max(4).optional(),
});

export const EvidenceLinkSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000),
  label: z.string().trim().min(1).max(200).optional(),
});

const FollowUpReportSchema = z.object({
  /** 1 for the first report, +1 for each revision (verdicts name the report they judged). */
  n: z.int().positive(),
  status: FollowUpStatusIdSchema,
  explanation: z.string(),
  evidence: z.array(EvidenceLinkSchema),
  /** Attachments of the review's self-assessment given as evidence. */
  attachmentIds: z.array(z.string()),
  by: z.string(),
  at: z.iso.datetime(),
});

const VERDICTS = ['confirm', 'dispute'] as const;
export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

const FollowUpVerdictSchema = z.object({
  verdict: VerdictSchema,
  comment: z.string().optional(),
  /** The report judged. */
  reportN: z.int().positive(),
  by: z.string(),
  at: z.iso.datetime(),
});

const FollowUpEventSchema = z.object({
  version: z.int().positive(),
  event: z.enum(['reported', 'confirmed', 'disputed', 'agreed']),
  by: z.string(),
  /** The reviewing State, for verdicts. */
  state: Iso3Schema.optional(),
  at: z.iso.datetime(),
  status: FollowUpStatusIdSchema,
  text: z.string().optional(),
});
export type FollowUpEvent = z.infer<typeof FollowUpEventSchema>;

const FOLLOW_UP_STAGES = ['awaiting-report', 'reported', 'disputed', 'agreed'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export const FollowUpSchema = z.object({
  reviewId: z.string(),
  followUpId: FollowUpIdSchema,
  /** The observation the chain started from (review of an earlier cycle). */
  root: z.object({ reviewId: z.string(), cycleId: z.string(), observationId: z.string() }),
  /** What this item follows: the observation itself, or the previous review's follow-up of it. */
  origin: z.object({
    reviewId: z.string(),
    kind: z.enum(['observation', 'follow-up']),
    id: z.string(),
  }),
  /** The agreed status in the previous follow-up, when the origin is one (null: never agreed). */
  previousStatus: FollowUpStatusIdSchema.nullable(),
  observation: FollowedObservationSchema,
  report: FollowUpReportSchema.nullable(),
  /** Reviewing State → its verdict on a report. */
  verdicts: z.record(z.string(), FollowUpVerdictSchema),
  agreed: z.object({ status: FollowUpStatusIdSchema, at: z.iso.datetime(), reportN: z.int() }).nullable(),
  history: z.array(FollowUpEventSchema),
  /** 0 until first written (an item derived from the earlier review and not reported yet). */
  version: z.int().nonnegative(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;
