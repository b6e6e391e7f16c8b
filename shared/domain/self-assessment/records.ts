/**
 * A self-assessment as records: the draft (answers being edited, versioned), a submitted version
 * (reserved, then frozen with the digest of its document) and an uploaded attachment. The use cases
 * and the API work with these; how they are keyed and stored is in shared/repos/self-assessments.ts.
 */
import * as z from 'zod';
import { InstrumentSchema } from '../types.ts';
import { LatenessSchema } from '../workflow.ts';

/** Stored answers: question id → value (validated against the questionnaire before every write). */
const StoredAnswersSchema = z.record(z.string(), z.unknown());

export const DraftRecordSchema = z.object({
  reviewId: z.string(),
  instrument: InstrumentSchema,
  questionnaireId: z.string(),
  questionnaireVersion: z.number().int().positive(),
  answers: StoredAnswersSchema,
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  updatedByName: z.string(),
});
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

const VERSION_STATUSES = ['pending', 'submitted', 'abandoned'] as const;

export const VersionRecordSchema = z.object({
  reviewId: z.string(),
  instrument: InstrumentSchema,
  n: z.number().int().positive(),
  status: z.enum(VERSION_STATUSES),
  /** SHA-256 of the canonical answers + questionnaire: how a retry recognises its reservation. */
  contentDigest: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.number().int().positive(),
  draftVersion: z.number().int().positive(),
  submittedAt: z.iso.datetime(),
  submittedBy: z.string(),
  submittedByName: z.string(),
  reservedAt: z.iso.datetime(),
  /** Set when submitted: the S3 object and the SHA-256 / size of its exact bytes. */
  objectKey: z.string().optional(),
  sha256: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** Attachment ids the answers reference (frozen with the version). */
  attachmentIds: z.array(z.string()),
  /** Set when submitted after the self-assessment deadline (accepted by policy, never silently). */
  late: LatenessSchema.nullable().optional(),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

const ATTACHMENT_STATUSES = ['pending', 'ready'] as const;

export const AttachmentItemSchema = z.object({
  reviewId: z.string(),
  instrument: InstrumentSchema,
  attachmentId: z.string(),
  /** The user's file name: shown and offered on download, never part of an object key. */
  name: z.string(),
  contentType: z.string(),
  /** Declared when the upload was requested; the stored object must have exactly this size. */
  declaredSize: z.number().int().positive(),
  /** Optional client SHA-256 (hex) declared up front; checked against the bytes on confirm. */
  declaredSha256: z.string().optional(),
  /** Where the pre-signed URL writes (BUCKET_LAYOUT.attachmentUpload). Never read once confirmed. */
  uploadKey: z.string(),
  /** Set on confirm: the verified bytes, copied by the server to a key no upload URL reaches. */
  objectKey: z.string().optional(),
  status: z.enum(ATTACHMENT_STATUSES),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  size: z.number().int().nonnegative().optional(),
  sha256: z.string().optional(),
  confirmedAt: z.iso.datetime().optional(),
  /** Submitted versions that reference it; once non-empty, reviewers may download it. */
  submittedIn: z.array(z.number().int().positive()),
  /** Responses (ids) it was given with; once non-empty, the reviewers they answer may download it. */
  respondedIn: z.array(z.string()).default([]),
});
export type AttachmentRecord = z.infer<typeof AttachmentItemSchema>;
