/**
 * Who may read or change a self-assessment: the review, loaded for an action on the scope of one
 * instrument, and for drafts the draft and its questionnaire read in the same round trip.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan, type ReviewAction } from '../../domain/authz.ts';
import type { Cycle } from '../../domain/cycle.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import {
  type QuestionnaireDefinition,
  questionnaireForInstrument,
} from '../../domain/questionnaire/index.ts';
import type { Review } from '../../domain/review.ts';
import type { DraftRecord } from '../../domain/self-assessment/records.ts';
import type { Instrument } from '../../domain/types.ts';
import { DEADLINE_PRESETS, type DeadlinePolicy, selfAssessmentOpen } from '../../domain/workflow.ts';
import type { Key } from '../../repos/dynamo.ts';
import { questionnaireKeys, SA_KEYS } from '../../repos/keys.ts';
import { latestOf } from '../../repos/questionnaires.ts';
import { conflictWith, draftOf } from '../../repos/self-assessments.ts';
import { newestQuestionnaire, questionnaireVersion } from '../questionnaires/catalog.ts';
import { instrumentScope, loadReviewAndCycleFor } from '../review-access.ts';

/** Which self-assessment: a review's, for one of its instruments. */
export interface SelfAssessmentRef {
  reviewId: string;
  instrument: Instrument;
}

/**
 * The review, if the caller may do `action` on its `instrument` self-assessment: 404 when the
 * caller has no part in the review or the State is not reviewed for the instrument, 403 when
 * the role may not act (or the caller's State does not review this instrument).
 */
const loadWithCycleFor = async (
  principal: Principal,
  params: SelfAssessmentRef,
  action: ReviewAction,
  alsoRead?: Key[],
): Promise<Awaited<ReturnType<typeof loadReviewAndCycleFor>>> => {
  const found = await loadReviewAndCycleFor(principal, params.reviewId, action, undefined, alsoRead);
  if (!found.review.instruments.includes(params.instrument)) {
    throw new NotFoundError(`review ${params.reviewId} has no ${params.instrument} self-assessment`);
  }
  assertCan(principal, action, instrumentScope(found.review, params.instrument));
  return found;
};

export const loadFor = async (
  principal: Principal,
  params: SelfAssessmentRef,
  action: ReviewAction,
): Promise<Review> => (await loadWithCycleFor(principal, params, action)).review;

/** `loadFor` a change of the draft or its attachments: 409 naming the rule once the self-assessment is closed. */
export const loadForChange = async (principal: Principal, params: SelfAssessmentRef): Promise<Review> => {
  const review = await loadFor(principal, params, 'draft.write');
  assertSelfAssessmentOpen(review);
  return review;
};

const assertSelfAssessmentOpen = (review: Review): void => {
  const open = selfAssessmentOpen(review.state);
  if (!open.ok) {
    throw new ConflictError(open.reason, { rule: 'self-assessment-open', current: { state: review.state } });
  }
};

export interface WithDraft {
  review: Review;
  cycle: Cycle;
  draft: DraftRecord | null;
  /** The questionnaire the draft was written against, or for no draft yet the newest one. */
  def: QuestionnaireDefinition;
}

/**
 * `loadWithCycleFor` with the draft and the head of the instrument's questionnaire (which
 * version a new draft takes) read in the same batch: one round trip for all. The draft is used
 * only once the caller may do `action`.
 */
export const loadWithDraftFor = async (
  principal: Principal,
  params: SelfAssessmentRef,
  action: ReviewAction,
): Promise<WithDraft> => {
  const { reviewId, instrument } = params;
  const { review, cycle, also } = await loadWithCycleFor(principal, params, action, [
    SA_KEYS.draft(reviewId, instrument),
    questionnaireKeys.head(questionnaireForInstrument(instrument).id),
  ]);
  const draft = draftOf(also[0]);
  const def = await (draft
    ? questionnaireVersion(draft.questionnaireId, draft.questionnaireVersion)
    : newestQuestionnaire(instrument, latestOf(also[1])));
  return { review, cycle, draft, def };
};

/**
 * The draft an edit starts from (read with the review: `loadWithDraftFor`), once the
 * self-assessment is open, and the 412 when it is not at `expected`, answered from that read.
 */
export const draftToEdit = async (
  principal: Principal,
  ref: SelfAssessmentRef,
  expected: number,
): Promise<WithDraft> => {
  const found = await loadWithDraftFor(principal, ref, 'draft.write');
  assertSelfAssessmentOpen(found.review);
  if ((found.draft?.version ?? 0) !== expected) throw conflictWith(found.draft, ref.instrument, expected);
  return found;
};

/** The deadline policy of the review's cycle (the mechanism's preset for a cycle without one). */
export const deadlinePolicyOf = (review: Review, cycle: Cycle): DeadlinePolicy =>
  cycle.deadlines ?? DEADLINE_PRESETS[review.mechanism];
