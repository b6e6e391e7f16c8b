/**
 * A started draft moves to a newer published version of its questionnaire, at the State's
 * request: the answers whose question is still there and still fits it carry over, the others
 * are dropped and named (never silently lost). Conditional on the draft version read, audited.
 */
import type { User } from '../../auth/principal.ts';
import { ConflictError } from '../../domain/errors.ts';
import { AnswersSchema, carryOverAnswers } from '../../domain/questionnaire/index.ts';
import type { Draft } from '../../domain/self-assessment/views.ts';
import { latestPublished } from '../../repos/questionnaires.ts';
import { saveDraftUpgrade } from '../../repos/self-assessments.ts';
import type { UseCaseContext } from '../context.ts';
import { newestQuestionnaire, questionnaireVersion } from '../questionnaires/catalog.ts';
import { draftToEdit, type SelfAssessmentRef } from './access.ts';
import { assertDraftSize, draftView, orderAnswers } from './answers.ts';

export interface DraftUpgrade {
  draft: Draft;
  /** The draft's new version (its ETag). */
  version: number;
  from: { questionnaireId: string; version: number };
  to: { questionnaireId: string; version: number };
  /** Question ids whose answers carried over, in the new version's order. */
  carried: string[];
  /** Answers the new version has no place for: its question was removed, or no longer takes it. */
  dropped: { id: string; reason: 'removed' | 'no-longer-valid' }[];
}

export const upgradeSelfAssessmentDraft = async (
  actor: User,
  input: SelfAssessmentRef & { expectedVersion: number; toVersion?: number | undefined },
  { now }: UseCaseContext,
): Promise<DraftUpgrade> => {
  const { reviewId, instrument } = input;
  const { draft, def: from } = await draftToEdit(actor, input, input.expectedVersion);
  // `version: 'required'` makes the expected version ≥ 1, so a draft was read at it.
  if (!draft) throw new ConflictError('no draft to upgrade yet; a draft not started gets the newest version');
  const to =
    input.toVersion !== undefined
      ? await questionnaireVersion(from.id, input.toVersion)
      : await newestQuestionnaire(instrument, await latestPublished(from.id));
  if (to.version <= from.version) {
    throw new ConflictError(
      `toVersion: the draft is on version ${from.version} of ${from.id}; version ${to.version} is not newer`,
      { field: 'toVersion', current: { questionnaireVersion: from.version } },
    );
  }
  const carried = carryOverAnswers(AnswersSchema.parse(draft.answers), to);
  const answers = orderAnswers(to, carried.answers);
  assertDraftSize(answers);
  const saved = await saveDraftUpgrade(
    {
      reviewId,
      instrument,
      questionnaireId: to.id,
      questionnaireVersion: to.version,
      answers,
      version: draft.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: actor.sub,
      updatedByName: actor.name,
    },
    {
      principal: actor,
      now,
      action: 'self-assessment.upgrade',
      details: {
        instrument,
        from: from.version,
        to: to.version,
        carried: Object.keys(answers).length,
        dropped: carried.dropped,
      },
    },
  );
  return {
    draft: draftView(reviewId, instrument, to, saved),
    version: saved.version,
    from: { questionnaireId: from.id, version: from.version },
    to: { questionnaireId: to.id, version: to.version },
    carried: Object.keys(answers),
    dropped: carried.dropped,
  };
};
