/**
 * Loading follow-up items: the policy of the review's cycle, the State's previous review (the
 * latest review of the same State and mechanism in a cycle created earlier) and the items of a
 * review, derived from the previous one with what is stored laid over. Recursion follows the
 * chain back through the earlier cycles (a handful: a cycle lasts years).
 */

import type { Cycle } from '../../domain/cycle.ts';
import type { FollowUp } from '../../domain/follow-up/model.ts';
import { FOLLOW_UP_PRESETS, type FollowUpPolicy } from '../../domain/follow-up/policy.ts';
import { deriveFollowUps, mergeStored, type PreviousReview } from '../../domain/follow-up/rules.ts';
import { reviewIdOf } from '../../domain/ids.ts';
import { type Review, ReviewSchema } from '../../domain/review.ts';
import { parseArticleId } from '../../domain/summary/document.ts';
import { findCycle, listCycles } from '../../repos/cycles.ts';
import { getMany } from '../../repos/dynamo.ts';
import { listStoredFollowUps } from '../../repos/follow-ups.ts';
import { reviewKeys } from '../../repos/keys.ts';
import { listEntries } from '../../repos/observations.ts';
import { instrumentScope, isLive } from '../review-access.ts';

export const policyOf = (
  cycle: Cycle | null | undefined,
  review: Pick<Review, 'mechanism'>,
): FollowUpPolicy => cycle?.followUp ?? FOLLOW_UP_PRESETS[review.mechanism];

export const reviewPolicy = async (review: Review): Promise<FollowUpPolicy> =>
  policyOf((await findCycle(review.cycleId))?.cycle, review);

/** The State's review in the latest earlier cycle of the same mechanism where it has a live one. */
const previousReviewOf = async (review: Review, cycles?: Cycle[]): Promise<Review | null> => {
  const all = cycles ?? (await listCycles());
  const current = all.find((c) => c.cycleId === review.cycleId);
  const earlier = all
    .filter(
      (c) =>
        c.mechanism === review.mechanism &&
        c.cycleId !== review.cycleId &&
        (current ? c.createdAt < current.createdAt : c.createdAt < review.createdAt),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  if (earlier.length === 0) return null;
  const items = await getMany(
    earlier.map((c) => reviewKeys.meta(reviewIdOf(c.cycleId, review.reviewedState))),
  );
  for (const [i, c] of earlier.entries()) {
    const item = items[i];
    if (!item) continue;
    const r = ReviewSchema.parse(item);
    if (isLive(c, r)) return r;
  }
  return null;
};

/** Every follow-up item of a review: derived from the previous review, stored ones laid over. */
export const followUpsOf = async (review: Review, cycles?: Cycle[], depth = 0): Promise<FollowUp[]> => {
  const all = cycles ?? (await listCycles());
  const policy = policyOf(
    all.find((c) => c.cycleId === review.cycleId),
    review,
  );
  const previous = depth < 20 ? await previousReviewOf(review, all) : null;
  let prior: PreviousReview | null = null;
  if (previous) {
    const [entries, followUps] = await Promise.all([
      listEntries(previous.reviewId),
      followUpsOf(previous, all, depth + 1),
    ]);
    prior = {
      reviewId: previous.reviewId,
      cycleId: previous.cycleId,
      state: previous.state,
      entries,
      followUps,
    };
  }
  return mergeStored(
    deriveFollowUps(review.reviewId, prior, policy),
    await listStoredFollowUps(review.reviewId),
  );
};

/** One item of a review (derived or stored), or null. */
export const findFollowUp = async (review: Review, followUpId: string): Promise<FollowUp | null> =>
  (await followUpsOf(review)).find((f) => f.followUpId === followUpId) ?? null;

/** The reviewing States whose seats cover the article's instrument: those who confirm. */
export const confirmersOf = (review: Review, f: FollowUp): string[] =>
  instrumentScope(review, parseArticleId(f.observation.article).instrument).reviewerStates.slice();
