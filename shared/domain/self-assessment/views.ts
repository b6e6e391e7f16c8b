/**
 * A self-assessment as the API answers it: the draft with its completeness, an attachment, and
 * the summary of a submitted version. Built by the use cases (shared/use-cases/self-assessments/)
 * from the stored records; the web UI reads the same shapes.
 */
import * as z from 'zod';
import { InstrumentSchema } from '../types.ts';
import { LatenessSchema } from '../workflow.ts';

const CompletenessSchema = z.object({ complete: z.boolean(), missing: z.array(z.string()) });

export const DraftSchema = z.object({
  reviewId: z.string(),
  instrument: InstrumentSchema,
  questionnaireId: z.string(),
  questionnaireVersion: z.number().int(),
  /** 0 when nothing was saved yet; send it back as `If-Match`. */
  version: z.number().int().nonnegative(),
  answers: z.record(z.string(), z.unknown()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  completeness: CompletenessSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

export const AttachmentSchema = z.object({
  attachmentId: z.string(),
  name: z.string(),
  contentType: z.string(),
  /** Verified size once confirmed; the declared size before. */
  size: z.number().int(),
  sha256: z.string().nullable(),
  status: z.enum(['pending', 'ready']),
  createdAt: z.string(),
  createdBy: z.string(),
  confirmedAt: z.string().nullable(),
  submittedIn: z.array(z.number().int()),
  /** Responses (ids) it was given with: the reviewers they answer may download it too. */
  respondedIn: z.array(z.string()),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const SubmissionSummarySchema = z.object({
  version: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  objectKey: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.number().int(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  submittedByName: z.string(),
  attachmentIds: z.array(z.string()),
  /** Null when on time; else the deadline it missed and by how many (started) days. */
  late: LatenessSchema.nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;
