/**
 * Reading follow-up items: the list of a review with the scale in words, and one item with its
 * chain (the observation's follow-ups in every review, oldest first).
 */
import type { Principal } from '../../auth/principal.ts';
import { can } from '../../domain/authz.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { FollowUp, FollowUpStage } from '../../domain/follow-up/model.ts';
import { statusLabel } from '../../domain/follow-up/policy.ts';
import { stageOf } from '../../domain/follow-up/rules.ts';
import { OBSERVATION_KIND_WORDS } from '../../domain/observation-labels.ts';
import type { Review } from '../../domain/review.ts';
import type { ObservationKind } from '../../domain/types.ts';
import { listChain } from '../../repos/follow-ups.ts';
import { findLiveReview, loadReviewFor } from '../review-access.ts';
import { confirmersOf, followUpsOf, reviewPolicy } from './load.ts';

export interface FollowUpView extends FollowUp {
  stage: FollowUpStage;
  /** The reviewing States who confirm this item (those reviewing its article's instrument). */
  confirmers: string[];
}

export const viewOf = (review: Review, f: FollowUp): FollowUpView => ({
  ...f,
  stage: stageOf(f),
  confirmers: confirmersOf(review, f),
});

export const listFollowUps = async (actor: Principal, input: { reviewId: string }) => {
  const review = await loadReviewFor(actor, input.reviewId, 'follow-up.read');
  const [policy, items] = await Promise.all([reviewPolicy(review), followUpsOf(review)]);
  const words = OBSERVATION_KIND_WORDS[review.mechanism];
  return {
    reviewId: review.reviewId,
    scale: policy.scale.map((s) => ({ id: s.id, label: statusLabel(policy, s.id, 'en'), closes: s.closes })),
    kindLabels: Object.fromEntries(Object.entries(words).map(([k, w]) => [k, w.one])) as Record<
      ObservationKind,
      string
    >,
    agreement: policy.agreement,
    items: items.map((f) => viewOf(review, f)),
  };
};

export const getFollowUp = async (actor: Principal, input: { reviewId: string; followUpId: string }) => {
  const review = await loadReviewFor(actor, input.reviewId, 'follow-up.read');
  const item = (await followUpsOf(review)).find((f) => f.followUpId === input.followUpId);
  if (!item) throw new NotFoundError(`follow-up ${input.followUpId} not found in review ${review.reviewId}`);
  // Only the links of the chain the reader may read (another cycle has other reviewing States).
  const links = await Promise.all(
    (await listChain(item.root)).map(async (f) => {
      const r = f.reviewId === review.reviewId ? review : await findLiveReview(f.reviewId);
      return r && can(actor, 'follow-up.read', r) ? f : null;
    }),
  );
  const chain = links
    .filter((f): f is FollowUp => f !== null)
    .map((f) => ({
      reviewId: f.reviewId,
      followUpId: f.followUpId,
      previousStatus: f.previousStatus,
      report: f.report,
      agreed: f.agreed,
      stage: stageOf(f),
      history: f.history,
    }))
    .sort((a, b) => ((a.history[0]?.at ?? '') < (b.history[0]?.at ?? '') ? -1 : 1));
  return { ...viewOf(review, item), chain };
};
