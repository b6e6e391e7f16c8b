/**
 * Loading a review for an action: the one place use cases go through, so every access is
 * decided by the authorization module. A review the caller has no part in answers 404, not 403,
 * so its existence does not leak.
 */
import type { Principal } from '../auth/principal.ts';
import {
  type ActionExtra,
  assertCan,
  type ReviewAction,
  type ReviewScope,
  relationTo,
} from '../domain/authz.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Instrument } from '../domain/types.ts';
import { findReview, type Review } from '../repos/reviews.ts';

export const loadReviewFor = async (
  principal: Principal,
  reviewId: string,
  action: ReviewAction,
  extra?: ActionExtra,
): Promise<Review> => {
  const review = await findReview(reviewId);
  if (!review || relationTo(principal, review) === 'none')
    throw new NotFoundError(`review ${reviewId} not found`);
  assertCan(principal, action, review, extra);
  return review;
};

/**
 * The review as seen for one of its instruments: the reviewing States whose seat covers it (a
 * seat may cover only some instruments). Checking an action against this scope is how a
 * reviewing State is kept to its own instruments (self-assessments, comments, observations).
 */
export const instrumentScope = (review: Review, instrument: Instrument): ReviewScope => ({
  reviewedState: review.reviewedState,
  reviewerStates: review.seats.filter((s) => s.instruments.includes(instrument)).map((s) => s.reviewer),
});
