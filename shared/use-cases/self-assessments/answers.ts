/**
 * Answers as they are stored and submitted: in questionnaire order with nested keys sorted, the
 * draft as the API shows it, the draft size limit, the attachments answers reference, and the
 * content digest by which a submission recognises unchanged answers.
 */
import type { User } from '../../auth/principal.ts';
import { PayloadTooLargeError } from '../../domain/errors.ts';
import {
  type Answers,
  AnswersSchema,
  articleIndex,
  completeness as completenessOf,
  formatPath,
  type QuestionnaireDefinition,
  questionsOf,
} from '../../domain/questionnaire/index.ts';
import type { DraftRecord } from '../../domain/self-assessment/records.ts';
import type { Draft } from '../../domain/self-assessment/views.ts';
import type { Instrument } from '../../domain/types.ts';
import { MAX_DRAFT_ANSWER_BYTES, saveDraft, sha256Hex } from '../../repos/self-assessments.ts';

/** Keys sorted at every level, so equal answers always serialize to the same bytes. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
};

/** Answers in questionnaire order, nested keys sorted: the stored and submitted form. */
export const orderAnswers = (
  def: QuestionnaireDefinition,
  answers: Readonly<Record<string, unknown>>,
): Answers => {
  const index = articleIndex(def);
  const ids = Object.keys(answers).sort(
    (a, b) =>
      (index.get(a)?.order ?? Number.MAX_SAFE_INTEGER) - (index.get(b)?.order ?? Number.MAX_SAFE_INTEGER),
  );
  // Values were validated against the questionnaire before they were stored.
  return AnswersSchema.parse(Object.fromEntries(ids.map((id) => [id, canonical(answers[id])])));
};

export const draftView = (
  reviewId: string,
  instrument: Instrument,
  def: QuestionnaireDefinition,
  draft: DraftRecord | null,
): Draft => ({
  reviewId,
  instrument,
  questionnaireId: def.id,
  questionnaireVersion: def.version,
  version: draft?.version ?? 0,
  answers: draft?.answers ?? {},
  updatedAt: draft?.updatedAt ?? null,
  updatedBy: draft?.updatedBy ?? null,
  completeness: completenessOf(def, draft?.answers ?? {}),
});

export const assertDraftSize = (answers: Answers): void => {
  const bytes = Buffer.byteLength(JSON.stringify(answers), 'utf8');
  if (bytes > MAX_DRAFT_ANSWER_BYTES) {
    throw new PayloadTooLargeError(
      `answers: the draft would take ${bytes} bytes, more than the limit of ${MAX_DRAFT_ANSWER_BYTES}; move long texts into attachments`,
      { field: 'answers', limit: MAX_DRAFT_ANSWER_BYTES, size: bytes },
    );
  }
};

/** Writes the draft at `expected + 1`; a version mismatch (stale or lost race) is a 412 with the current draft. */
export const writeDraft = async (
  principal: User,
  reviewId: string,
  instrument: Instrument,
  def: QuestionnaireDefinition,
  expected: number,
  answers: Answers,
  now: Date,
): Promise<DraftRecord> => {
  assertDraftSize(answers);
  return saveDraft({
    reviewId,
    instrument,
    questionnaireId: def.id,
    questionnaireVersion: def.version,
    answers,
    version: expected + 1,
    updatedAt: now.toISOString(),
    updatedBy: principal.sub,
    updatedByName: principal.name,
  });
};

/** Attachment ids the answers reference, with the field path of each (deduplicated by id). */
export const referencedAttachments = (
  def: QuestionnaireDefinition,
  answers: Answers,
): { id: string; path: string }[] => {
  const out = new Map<string, string>();
  for (const { question } of questionsOf(def)) {
    if (question.type !== 'attachments') continue;
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (!Array.isArray(value)) continue;
    value.forEach((id, i) => {
      if (typeof id === 'string' && !out.has(id)) out.set(id, formatPath('answers', [question.id, i]));
    });
  }
  return [...out].map(([id, path]) => ({ id, path }));
};

export const contentDigestOf = (def: QuestionnaireDefinition, answers: Answers): string =>
  sha256Hex(
    JSON.stringify(canonical({ questionnaireId: def.id, questionnaireVersion: def.version, answers })),
  );
