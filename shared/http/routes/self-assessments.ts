/**
 * Self-assessments: the reviewed State's draft answers, attachments, and the immutable submitted
 * versions (readable by the reviewing States and the secretariat). docs/self-assessments.md.
 */
import * as z from 'zod';
import { extensionProblem, hasFormatCharacters, isAttachmentType } from '../../domain/attachments.ts';
import { AttachmentIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import { SubmissionExportSchema } from '../../domain/questionnaire/import-export.ts';
import {
  AttachmentSchema,
  DraftSchema,
  SubmissionSummarySchema,
} from '../../domain/self-assessment/views.ts';
import { InstrumentSchema, LanguageSchema } from '../../domain/types.ts';
import { defineRoute, type RouteDef } from '../route.ts';

const BASE = '/reviews/{reviewId}/self-assessments/{instrument}';
const TAGS = ['self-assessments'];

const SelfAssessmentParamsSchema = z.object({
  reviewId: ReviewIdSchema,
  instrument: InstrumentSchema,
});

const AttachmentParamsSchema = SelfAssessmentParamsSchema.extend({
  attachmentId: AttachmentIdSchema,
});

const VersionNumberSchema = z.coerce
  .number({ error: 'must be a version number' })
  .int('must be a whole number')
  .min(1, 'must be ≥ 1')
  .max(999_999, 'must be ≤ 999999');

const VersionParamsSchema = SelfAssessmentParamsSchema.extend({ version: VersionNumberSchema });

/** Any JSON object: its keys are question ids, checked against the questionnaire by the use case. */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A partial update of the draft: each key a question id, each value the new answer, or `null`
 * to clear it. Keys absent from the patch keep their stored answer.
 */
const DraftPatchSchema = z.strictObject({
  answers: z
    .custom<Record<string, unknown>>(isPlainObject, 'must be an object keyed by question id')
    .meta({ description: 'question id → answer (null clears it)' }),
});

const FormModelResponseSchema = z.object({
  questionnaireId: z.string(),
  version: z.number().int(),
  instrument: InstrumentSchema,
  title: z.string(),
  sections: z.array(z.unknown()),
});

const AttachmentRequestSchema = z
  .strictObject({
    /** Shown to readers and used as the download name; never part of a storage key. */
    name: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(200, 'must be at most 200 characters')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
      .regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'must not contain control characters or slashes')
      .refine(
        (name) => !hasFormatCharacters(name),
        'must not contain invisible formatting characters (bidirectional overrides, zero-width characters and the like): they make a name look like another',
      ),
    /** One of the allowed types (checked by the use case: 415 names the field). */
    contentType: z.string().min(1).max(255),
    /** Exact size in bytes, at most 20 MiB (checked by the use case: 413 names the field). */
    size: z.int('must be a whole number of bytes').positive('must be > 0'),
    /** Optional SHA-256 of the file (hex); S3 then verifies the upload, and confirm compares it. */
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
      .transform((s) => s.toLowerCase())
      .optional(),
  })
  // A type outside the allow-list is the use case's 415; for an accepted one the name must say it.
  .superRefine((req, ctx) => {
    const type = req.contentType.trim().toLowerCase();
    const problem = isAttachmentType(type) ? extensionProblem(req.name, type) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['name'], message: problem });
  });

export const UploadTicketSchema = z.object({
  attachment: AttachmentSchema,
  upload: z.object({
    method: z.literal('PUT'),
    url: z.string(),
    /** Send exactly these headers with the PUT. */
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});

const AttachmentDownloadSchema = AttachmentSchema.extend({
  download: z.object({ url: z.string(), expiresAt: z.string() }).nullable(),
});

export const SubmissionSchema = SubmissionSummarySchema.extend({
  answers: z.record(z.string(), z.unknown()),
});

const ExportQuerySchema = z.object({ format: z.enum(['md', 'html', 'json']).default('json') });
const DiffQuerySchema = z.object({ from: VersionNumberSchema.optional() });

export const DiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      questionId: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
});

const common = { fn: 'self-assessments', auth: 'user', tags: TAGS } as const;

export const selfAssessmentRoutes = [
  defineRoute({
    ...common,
    operationId: 'getSelfAssessmentQuestionnaire',
    method: 'GET',
    path: `${BASE}/questionnaire`,
    summary:
      'The questionnaire of this instrument as a form model, its texts in `lang` where the version gives them (English marked as fallback otherwise)',
    params: SelfAssessmentParamsSchema,
    query: z.object({ lang: LanguageSchema.default('en') }).strict(),
    response: FormModelResponseSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'getSelfAssessmentDraft',
    method: 'GET',
    path: `${BASE}/draft`,
    summary: 'The reviewed State’s draft answers, with its version (also as ETag) and what is still missing',
    params: SelfAssessmentParamsSchema,
    response: DraftSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'patchSelfAssessmentDraft',
    method: 'PATCH',
    path: `${BASE}/draft`,
    summary: 'Save some answers (autosave); If-Match: <version> is required, a stale one gets 412',
    params: SelfAssessmentParamsSchema,
    body: DraftPatchSchema,
    version: 'required-or-new',
    response: DraftSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'upgradeSelfAssessmentDraft',
    method: 'POST',
    path: `${BASE}/draft/upgrade`,
    summary:
      'Move a started draft to a newer published version of its questionnaire (default the newest): answers carry over where the question is still there and fits, the others are listed as dropped; If-Match required, audited',
    params: SelfAssessmentParamsSchema,
    body: z.strictObject({ toVersion: z.int().min(1).optional() }),
    version: 'required',
    response: z.object({
      draft: DraftSchema,
      version: z.int(),
      from: z.object({ questionnaireId: z.string(), version: z.int() }),
      to: z.object({ questionnaireId: z.string(), version: z.int() }),
      carried: z.array(z.string()),
      dropped: z.array(z.object({ id: z.string(), reason: z.enum(['removed', 'no-longer-valid']) })),
    }),
  }),
  defineRoute({
    ...common,
    operationId: 'importSelfAssessmentDraft',
    method: 'POST',
    path: `${BASE}/import`,
    summary:
      'Replace the draft answers with those of a JSON export file (prepared offline); If-Match required',
    params: SelfAssessmentParamsSchema,
    body: SubmissionExportSchema,
    version: 'required-or-new',
    maxBodyBytes: 512 * 1024,
    response: DraftSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'requestSelfAssessmentAttachmentUpload',
    method: 'POST',
    path: `${BASE}/attachments`,
    summary: 'Request a pre-signed upload URL for an attachment (type allow-list, at most 20 MiB)',
    params: SelfAssessmentParamsSchema,
    body: AttachmentRequestSchema,
    idempotent: true,
    status: 201,
    response: UploadTicketSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'confirmSelfAssessmentAttachment',
    method: 'POST',
    path: `${BASE}/attachments/{attachmentId}/confirm`,
    summary: 'Confirm an upload: the server checks size and type and records the SHA-256',
    params: AttachmentParamsSchema,
    response: AttachmentSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'listSelfAssessmentAttachments',
    method: 'GET',
    path: `${BASE}/attachments`,
    summary: 'Attachments of the draft with name, size and SHA-256',
    params: SelfAssessmentParamsSchema,
    response: z.object({ attachments: z.array(AttachmentSchema) }),
  }),
  defineRoute({
    ...common,
    operationId: 'getSelfAssessmentAttachment',
    method: 'GET',
    path: `${BASE}/attachments/{attachmentId}`,
    summary:
      'One attachment with a short-lived download URL (reviewers: once it is part of a submission or a response)',
    params: AttachmentParamsSchema,
    response: AttachmentDownloadSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'submitSelfAssessment',
    method: 'POST',
    path: `${BASE}/submissions`,
    summary: 'Submit the draft (focal point): checks completeness, freezes version n+1 in S3',
    params: SelfAssessmentParamsSchema,
    version: 'optional',
    idempotent: 'in-transaction',
    status: 201,
    response: SubmissionSummarySchema,
  }),
  defineRoute({
    ...common,
    operationId: 'listSelfAssessmentSubmissions',
    method: 'GET',
    path: `${BASE}/submissions`,
    summary: 'Submitted versions: number, SHA-256, who and when',
    params: SelfAssessmentParamsSchema,
    response: z.object({ submissions: z.array(SubmissionSummarySchema) }),
  }),
  defineRoute({
    ...common,
    operationId: 'getSelfAssessmentSubmission',
    method: 'GET',
    path: `${BASE}/submissions/{version}`,
    summary: 'One submitted version with its answers (integrity checked against the recorded SHA-256)',
    params: VersionParamsSchema,
    response: SubmissionSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'exportSelfAssessmentSubmission',
    method: 'GET',
    path: `${BASE}/submissions/{version}/export`,
    summary: 'A submitted version as JSON (the stored bytes; importable), Markdown or HTML',
    params: VersionParamsSchema,
    query: ExportQuerySchema,
    produces: 'text/markdown',
    response: z.string(),
  }),
  defineRoute({
    ...common,
    operationId: 'diffSelfAssessmentSubmissions',
    method: 'GET',
    path: `${BASE}/submissions/{version}/diff`,
    summary: 'What changed between two submitted versions (from defaults to the previous one)',
    params: VersionParamsSchema,
    query: DiffQuerySchema,
    response: DiffSchema,
  }),
] as const satisfies readonly RouteDef[];
