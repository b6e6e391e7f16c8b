/**
 * Submitted versions: immutable documents in S3, each read back only after its SHA-256 is checked
 * against the one recorded when it was frozen; listed, read, exported (JSON as frozen, HTML,
 * Markdown) and compared.
 */
import type { User } from '../../auth/principal.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import {
  type Answers,
  AnswersSchema,
  diffAnswers,
  type QuestionnaireDefinition,
  renderSubmissionHtml,
  renderSubmissionMarkdown,
  SubmissionExportSchema,
  type SubmissionMeta,
} from '../../domain/questionnaire/index.ts';
import type { VersionRecord } from '../../domain/self-assessment/records.ts';
import type { SubmissionSummary } from '../../domain/self-assessment/views.ts';
import type { Instrument } from '../../domain/types.ts';
import { verifiedBytes } from '../../repos/objects.ts';
import { findVersion, listVersions, readObject } from '../../repos/self-assessments.ts';
import type { ServedDocument } from '../context.ts';
import { questionnaireVersion } from '../questionnaires/catalog.ts';
import { loadFor, type SelfAssessmentRef } from './access.ts';

export const summaryOf = (v: VersionRecord): SubmissionSummary => {
  if (v.status !== 'submitted' || !v.objectKey || !v.sha256 || v.size === undefined) {
    throw new Error(`version ${v.n} is not submitted`);
  }
  return {
    version: v.n,
    sha256: v.sha256,
    size: v.size,
    objectKey: v.objectKey,
    questionnaireId: v.questionnaireId,
    questionnaireVersion: v.questionnaireVersion,
    submittedAt: v.submittedAt,
    submittedBy: v.submittedBy,
    submittedByName: v.submittedByName,
    attachmentIds: v.attachmentIds,
    late: v.late ?? null,
  };
};

const submittedVersion = async (
  reviewId: string,
  instrument: Instrument,
  n: number,
): Promise<VersionRecord> => {
  const v = await findVersion(reviewId, instrument, n);
  if (v?.status !== 'submitted')
    throw new NotFoundError(`no submitted ${instrument} version ${n}`, { version: n });
  return v;
};

/** The stored document of a version, checked against the SHA-256 recorded when it was frozen. */
export const loadDocument = async (
  v: VersionRecord,
): Promise<{ bytes: Uint8Array; answers: Answers; meta: SubmissionMeta; def: QuestionnaireDefinition }> => {
  const summary = summaryOf(v);
  const bytes = verifiedBytes(
    await readObject(summary.objectKey),
    summary.sha256,
    `submitted ${v.instrument} version ${v.n}`,
  );
  const doc = SubmissionExportSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  const def = await questionnaireVersion(v.questionnaireId, v.questionnaireVersion);
  return {
    bytes,
    answers: AnswersSchema.parse(doc.answers),
    meta: {
      stateName: doc.meta?.stateName ?? '',
      version: v.n,
      submittedAt: v.submittedAt,
      submittedBy: v.submittedByName,
    },
    def,
  };
};

export const listSelfAssessmentSubmissions = async (actor: User, input: SelfAssessmentRef) => {
  await loadFor(actor, input, 'submission.read');
  const versions = await listVersions(input.reviewId, input.instrument);
  return { submissions: versions.filter((v) => v.status === 'submitted').map(summaryOf) };
};

/** One submitted version with its answers (its ETag: the SHA-256 of the frozen document). */
export const getSelfAssessmentSubmission = async (
  actor: User,
  input: SelfAssessmentRef & { version: number },
) => {
  const { reviewId, instrument, version } = input;
  await loadFor(actor, input, 'submission.read');
  const v = await submittedVersion(reviewId, instrument, version);
  const doc = await loadDocument(v);
  return { ...summaryOf(v), answers: doc.answers };
};

/** The frozen document as a file: JSON (the stored bytes, with their SHA-256), HTML or Markdown. */
export const exportSelfAssessmentSubmission = async (
  actor: User,
  input: SelfAssessmentRef & { version: number; format: 'md' | 'html' | 'json' },
): Promise<ServedDocument> => {
  const { reviewId, instrument, version } = input;
  await loadFor(actor, input, 'submission.read');
  const v = await submittedVersion(reviewId, instrument, version);
  const doc = await loadDocument(v);
  const base = `${reviewId}-${instrument}-v${version}`.replace(/[^A-Za-z0-9._-]/g, '_');
  if (input.format === 'json') {
    // The frozen bytes themselves: their SHA-256 is the recorded one, and the file imports as is.
    return {
      body: Buffer.from(doc.bytes).toString('utf8'),
      contentType: 'application/json; charset=utf-8',
      fileName: `${base}.json`,
      sha256: summaryOf(v).sha256,
    };
  }
  if (input.format === 'html') {
    return {
      body: renderSubmissionHtml(doc.def, doc.answers, doc.meta),
      contentType: 'text/html; charset=utf-8',
      fileName: `${base}.html`,
    };
  }
  return {
    body: renderSubmissionMarkdown(doc.def, doc.answers, doc.meta),
    contentType: 'text/markdown; charset=utf-8',
    fileName: `${base}.md`,
  };
};

/** What changed between two submitted versions (by default the previous one and this one). */
export const diffSelfAssessmentSubmissions = async (
  actor: User,
  input: SelfAssessmentRef & { version: number; from?: number | undefined },
) => {
  const { reviewId, instrument, version } = input;
  await loadFor(actor, input, 'submission.read');
  const from = input.from ?? version - 1;
  if (from < 1) {
    throw new ValidationError('query.from: version 1 has no previous version; name one with ?from=', {
      field: 'query.from',
    });
  }
  const [before, after] = await Promise.all([
    submittedVersion(reviewId, instrument, from).then(loadDocument),
    submittedVersion(reviewId, instrument, version).then(loadDocument),
  ]);
  return { from, to: version, changes: diffAnswers(before.answers, after.answers, after.def) };
};
