/**
 * The reviewed State's draft: its questionnaire, reading it, saving answers (autosave with
 * optimistic concurrency: each write names the draft version it read) and importing a file
 * prepared offline.
 */
import type { User } from '../../auth/principal.ts';
import { ValidationError } from '../../domain/errors.ts';
import {
  type FieldIssue,
  type FormModel,
  formatPath,
  formModel,
  isQuestionId,
  parseImport,
  validateAnswers,
} from '../../domain/questionnaire/index.ts';
import type { Draft } from '../../domain/self-assessment/views.ts';
import type { Language } from '../../domain/types.ts';
import type { UseCaseContext } from '../context.ts';
import { draftToEdit, loadWithDraftFor, type SelfAssessmentRef } from './access.ts';
import { draftView, orderAnswers, writeDraft } from './answers.ts';

/**
 * The form of the questionnaire the draft is written against (the newest one before a first
 * save), with the texts of that version in `lang` where it gives them, English otherwise.
 */
export const getSelfAssessmentQuestionnaire = async (
  actor: User,
  ref: SelfAssessmentRef & { lang?: Language },
): Promise<FormModel> => {
  const { def } = await loadWithDraftFor(actor, ref, 'review.read');
  return formModel(def, ref.lang ?? 'en');
};

/** The draft (version 0 and no answers before a first save). */
export const getSelfAssessmentDraft = async (actor: User, ref: SelfAssessmentRef): Promise<Draft> => {
  const { draft, def } = await loadWithDraftFor(actor, ref, 'draft.read');
  return draftView(ref.reviewId, ref.instrument, def, draft);
};

/**
 * Saves the answers given (`null` clears one; the others keep theirs) on the draft version the
 * caller read; an empty patch of an existing draft changes nothing.
 */
export const patchSelfAssessmentDraft = async (
  actor: User,
  input: SelfAssessmentRef & { expectedVersion: number; answers: Record<string, unknown> },
  { now }: UseCaseContext,
): Promise<Draft> => {
  const { reviewId, instrument, expectedVersion: expected } = input;
  const { draft: current, def } = await draftToEdit(actor, input, expected);

  // `null` clears an answer; everything else is validated like any answer.
  const entries = Object.entries(input.answers);
  const clears = entries.filter(([, v]) => v === null).map(([id]) => id);
  const sets = Object.fromEntries(entries.filter(([, v]) => v !== null));
  const issues: FieldIssue[] = clears
    .filter((id) => !isQuestionId(def, id))
    .map((id) => ({
      path: formatPath('answers', [id]),
      code: 'unknown_question',
      message: `unknown question id for ${def.id}`,
    }));
  const checked = validateAnswers(def, sets, 'draft');
  if (!checked.ok) issues.push(...checked.issues);
  if (issues.length > 0 || !checked.ok) {
    throw new ValidationError(`answers to ${def.id} are not valid: ${issues.map((i) => i.path).join(', ')}`, {
      issues,
    });
  }
  if (entries.length === 0 && current) return draftView(reviewId, instrument, def, current);
  const merged: Record<string, unknown> = { ...current?.answers, ...checked.value };
  for (const id of clears) delete merged[id];
  const saved = await writeDraft(actor, reviewId, instrument, def, expected, orderAnswers(def, merged), now);
  return draftView(reviewId, instrument, def, saved);
};

/** Replaces the draft's answers with those of an export file, on the draft version the caller read. */
export const importSelfAssessmentDraft = async (
  actor: User,
  input: SelfAssessmentRef & { expectedVersion: number; file: unknown },
  { now }: UseCaseContext,
): Promise<Draft> => {
  const { reviewId, instrument, expectedVersion: expected } = input;
  const { def } = await draftToEdit(actor, input, expected);
  const parsed = parseImport(def, input.file);
  if (!parsed.ok) {
    throw new ValidationError(
      `the import file is not valid for ${def.id} v${def.version}: ${parsed.issues.map((i) => i.path).join(', ')}`,
      { issues: parsed.issues },
    );
  }
  const saved = await writeDraft(
    actor,
    reviewId,
    instrument,
    def,
    expected,
    orderAnswers(def, parsed.value),
    now,
  );
  return draftView(reviewId, instrument, def, saved);
};
