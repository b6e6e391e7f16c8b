import * as z from 'zod';
import { QuestionnaireIdSchema } from '../../domain/questionnaire/definition.ts';
import { UploadRecordSchema } from '../../domain/questionnaire/records.ts';
import { LanguageSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const TAGS: string[] = ['questionnaires'];
const common = { fn: 'questionnaires', auth: 'user', tags: TAGS } as const;

const UploadParams = z.object({ uploadId: z.uuid() });
const VersionParams = z.object({
  questionnaireId: QuestionnaireIdSchema,
  version: z.coerce.number().int().min(1),
});
const LangQuery = z.object({ lang: LanguageSchema.default('en') }).strict();

const IssueSchema = z.object({ row: z.string(), field: z.string(), message: z.string() });
const DiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  reworded: z.array(z.object({ id: z.string(), texts: z.array(z.string()) })),
  changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
});
const FormSchema = z.object({
  questionnaireId: z.string(),
  version: z.number().int(),
  lang: LanguageSchema,
  title: z.string(),
  wording: z.string(),
  sections: z.array(z.unknown()),
});

const UploadBodySchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(json|xlsx)$/i, 'must end in .json or .xlsx'),
  /** The file's bytes, base64-encoded (a spreadsheet is binary). */
  contentBase64: z.base64('must be the file encoded as base64').min(1, 'the uploaded file is empty'),
});

const UploadViewSchema = UploadRecordSchema.extend({
  next: z
    .object({
      version: z.number().int(),
      replaces: z.array(z.number().int()),
      keeps: z.array(z.number().int()),
      diff: DiffSchema.nullable(),
      issues: z.array(IssueSchema),
    })
    .nullable(),
});

export const questionnaireRoutes = [
  defineRoute({
    ...common,
    operationId: 'listQuestionnaires',
    method: 'GET',
    path: '/questionnaires',
    summary:
      'Each instrument’s questionnaire with its versions (shipped and published), wording and unconfirmed placements',
    response: z.object({ questionnaires: z.array(z.unknown()) }),
  }),
  defineRoute({
    ...common,
    operationId: 'getQuestionnaireVersionForm',
    method: 'GET',
    path: '/questionnaires/{questionnaireId}/versions/{version}/form',
    summary: 'A version as the form a State sees, in a language (English where a text is not translated)',
    params: VersionParams,
    query: LangQuery,
    response: FormSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'getQuestionnaireDiff',
    method: 'GET',
    path: '/questionnaires/{questionnaireId}/diff',
    summary: 'What changed between two versions: questions added, removed, reworded or otherwise changed',
    params: z.object({ questionnaireId: QuestionnaireIdSchema }),
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict(),
    response: DiffSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'uploadQuestionnaire',
    method: 'POST',
    path: '/questionnaires/uploads',
    summary:
      'Upload a definition (JSON or .xlsx, base64): checked as a whole, stored for preview only if it has no problem; 400 lists every problem by row and field (secretariat)',
    body: UploadBodySchema,
    status: 201,
    maxBodyBytes: 8 * 1024 * 1024,
    response: UploadViewSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'listQuestionnaireUploads',
    method: 'GET',
    path: '/questionnaires/uploads',
    summary: 'Uploaded definitions, newest first (secretariat)',
    response: z.object({ uploads: z.array(UploadRecordSchema) }),
  }),
  defineRoute({
    ...common,
    operationId: 'getQuestionnaireUpload',
    method: 'GET',
    path: '/questionnaires/uploads/{uploadId}',
    summary:
      'An upload, with the version publishing it would create and its diff against the latest (secretariat)',
    params: UploadParams,
    response: UploadViewSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'getQuestionnaireUploadForm',
    method: 'GET',
    path: '/questionnaires/uploads/{uploadId}/form',
    summary: 'Preview an upload as the form a State would see, in a language (secretariat)',
    params: UploadParams,
    query: LangQuery,
    response: FormSchema,
  }),
  defineRoute({
    ...common,
    operationId: 'publishQuestionnaire',
    method: 'POST',
    path: '/questionnaires/uploads/{uploadId}/publish',
    summary:
      'Publish an upload as the next version (its clusters over the latest version’s); 409 if another version was published meanwhile or it is published already (secretariat)',
    params: UploadParams,
    response: z.object({
      questionnaireId: z.string(),
      version: z.number().int(),
      publishedAt: z.string(),
      publishedBy: z.string(),
      sha256: z.string(),
    }),
  }),
] as const;
