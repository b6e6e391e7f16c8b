/**
 * A country review summary as listed: per review and scope, its lifecycle and the generated files
 * of its current document version. Storage (head items, S3 objects) is in shared/repos/summaries.ts.
 */
import * as z from 'zod';
import { InstrumentSchema, Iso3Schema, LanguageSchema } from '../types.ts';
import { SUMMARY_FORMATS } from './formats.ts';
import { SummaryLifecycleSchema } from './input.ts';

const SUMMARY_SCOPES = ['combined', ...InstrumentSchema.options] as const;
export const SummaryScopeParamSchema = z.enum(SUMMARY_SCOPES);

export type SummaryScopeParam = z.infer<typeof SummaryScopeParamSchema>;

export const SummaryFormatSchema = z.enum(SUMMARY_FORMATS);

const SummaryFileSchema = z.object({
  lang: LanguageSchema,
  format: SummaryFormatSchema,
  key: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});
export type SummaryFile = z.infer<typeof SummaryFileSchema>;

export const SummaryHeadSchema = z.object({
  reviewId: z.string(),
  cycleId: z.string(),
  reviewedState: Iso3Schema,
  stateName: z.string(),
  scope: SummaryScopeParamSchema,
  lifecycle: SummaryLifecycleSchema,
  /** Version of the generated documents (v1, v2, ... in S3). */
  documentVersion: z.number().int().positive(),
  /**
   * The document version the reviewed State agreed to. Agreeing and publishing re-issue that text
   * with its stamp as new document versions; this names the agreed one (heads stored before: none).
   */
  agreedDocumentVersion: z.number().int().positive().optional(),
  /** Version of this head item, for conditional writes. */
  version: z.number().int().positive(),
  files: z.array(SummaryFileSchema),
  /** Languages/formats that could not be produced, and why (e.g. PDF in Arabic). */
  unavailable: z.array(z.object({ lang: LanguageSchema, format: SummaryFormatSchema, reason: z.string() })),
  observationIds: z.array(z.string()),
  /** The agreed follow-ups the document shows (issue 19); heads stored before it: none. */
  followUpIds: z.array(z.string()).default([]),
  generatedAt: z.iso.datetime(),
  generatedBy: z.string(),
  agreedAt: z.iso.datetime().optional(),
  agreedBy: z.string().optional(),
  publishedAt: z.iso.datetime().optional(),
  publishedBy: z.string().optional(),
});
export type SummaryHead = z.infer<typeof SummaryHeadSchema>;
