/**
 * Loading a review for an action: the one place use cases go through, so every access is
 * decided by the authorization module. A review the caller has no part in answers 404, not 403,
 * so its existence does not leak.
 */
import type { Principal } from '../auth/principal.ts';
import { type ActionExtra, assertCan, type ReviewAction, relationTo } from '../domain/authz.ts';
import { NotFoundError } from '../domain/errors.ts';
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
