/**
 * Loading reviews: the one place use cases go through, so every access is decided here and by
 * the authorization module. A review the caller has no part in answers 404, not 403, so none of
 * its content leaks (who reviews whom is public by design: the draw record names them).
 *
 * A review exists for anyone only once the cycle's pointer has reached the draw that wrote it:
 * a first-draw confirmation writes its reviews in batches before it moves the pointer, so after a
 * crash between batches the reviews are there but belong to no confirmed draw. They are never
 * shown, listed, changed or notified about, and the retry rewrites them.
 */
import type { Principal } from '../auth/principal.ts';
import {
  type ActionExtra,
  assertCan,
  type ReviewAction,
  type ReviewScope,
  relationTo,
} from '../domain/authz.ts';
import type { Cycle } from '../domain/cycle.ts';
import { NotFoundError } from '../domain/errors.ts';
import { cycleIdOfReview } from '../domain/ids.ts';
import { type Review, ReviewSchema } from '../domain/review.ts';
import type { Instrument } from '../domain/types.ts';
import { findCycle, storedCycleOf } from '../repos/cycles.ts';
import { getMany, type Key } from '../repos/dynamo.ts';
import { cycleKeys, reviewKeys } from '../repos/keys.ts';
import { listCycleReviews } from '../repos/reviews.ts';

/** The confirmed draws of a cycle, in order (cycles stored before the list have only the pointer). */
export const confirmedDrawsOf = (c: Cycle): string[] =>
  c.confirmedDraws ?? (c.confirmedDrawId ? [c.confirmedDrawId] : []);

/** True when the review belongs to a confirmed draw of its cycle. */
export const isLive = (cycle: Cycle | null | undefined, r: Review): boolean =>
  cycle?.cycleId === r.cycleId && confirmedDrawsOf(cycle).includes(r.drawId);

/** A review id is `<cycleId>.<ISO3>`, so the cycle can be read beside the review. */

type Item = Record<string, unknown> | undefined;

/**
 * The review if it exists for its parties (see above), with the cycle read beside it; else null.
 * `alsoRead` are keys the caller needs next, read in the same batch (their items, or undefined).
 */
const findLiveReviewAndCycle = async (
  reviewId: string,
  alsoRead: Key[] = [],
): Promise<{ review: Review; cycle: Cycle; also: Item[] } | null> => {
  // One round trip for all (a hot path: every review-scoped request starts here).
  const [reviewItem, cycleItem, ...also] = await getMany([
    reviewKeys.meta(reviewId),
    cycleKeys.meta(cycleIdOfReview(reviewId)),
    ...alsoRead,
  ]);
  const review = reviewItem ? ReviewSchema.parse(reviewItem) : null;
  const cycle = storedCycleOf(cycleItem)?.cycle;
  return review && cycle && isLive(cycle, review) ? { review, cycle, also } : null;
};

/** The review if it exists for its parties (see above), else null. */
export const findLiveReview = async (reviewId: string): Promise<Review | null> =>
  (await findLiveReviewAndCycle(reviewId))?.review ?? null;

/** `findLiveReview`, or 404. */
export const getLiveReview = async (reviewId: string): Promise<Review> => {
  const review = await findLiveReview(reviewId);
  if (!review) throw new NotFoundError(`review ${reviewId} not found`);
  return review;
};

/** The reviews of a cycle that exist for their parties. */
export const liveCycleReviews = async (cycleId: string): Promise<Review[]> => {
  const [stored, reviews] = await Promise.all([findCycle(cycleId), listCycleReviews(cycleId)]);
  return reviews.filter((r) => isLive(stored?.cycle, r));
};

/** Keeps the reviews (of any cycles) that exist for their parties. */
export const liveOnly = async (reviews: Review[]): Promise<Review[]> => {
  const ids = [...new Set(reviews.map((r) => r.cycleId))];
  const cycles = new Map(
    await Promise.all(ids.map(async (id) => [id, (await findCycle(id))?.cycle] as const)),
  );
  return reviews.filter((r) => isLive(cycles.get(r.cycleId), r));
};

/**
 * `loadReviewFor` with the review's cycle, which the liveness check reads anyway (no extra call),
 * and the items at `alsoRead` from the same batch read (returned only once access is granted).
 */
export const loadReviewAndCycleFor = async (
  principal: Principal,
  reviewId: string,
  action: ReviewAction,
  extra?: ActionExtra,
  alsoRead?: Key[],
): Promise<{ review: Review; cycle: Cycle; also: Item[] }> => {
  const found = await findLiveReviewAndCycle(reviewId, alsoRead);
  if (!found || relationTo(principal, found.review) === 'none')
    throw new NotFoundError(`review ${reviewId} not found`);
  assertCan(principal, action, found.review, extra);
  return found;
};

export const loadReviewFor = async (
  principal: Principal,
  reviewId: string,
  action: ReviewAction,
  extra?: ActionExtra,
): Promise<Review> => (await loadReviewAndCycleFor(principal, reviewId, action, extra)).review;

/**
 * The review as seen for one of its instruments: the reviewing States whose seat covers it (a
 * seat may cover only some instruments). Checking an action against this scope is how a
 * reviewing State is kept to its own instruments (self-assessments, comments, observations).
 */
export const instrumentScope = (review: Review, instrument: Instrument): ReviewScope => ({
  reviewId: review.reviewId,
  reviewedState: review.reviewedState,
  reviewerStates: review.seats.filter((s) => s.instruments.includes(instrument)).map((s) => s.reviewer),
});
