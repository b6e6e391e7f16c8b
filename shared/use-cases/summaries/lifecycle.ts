/**
 * A summary's lifecycle: generate (or regenerate) the draft, agree it, publish it; the combined
 * summary carries the review to its next step. And the batch regeneration of a cycle's drafts.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { ConflictError } from '../../domain/errors.ts';
import { nextVersion, type Review } from '../../domain/review.ts';
import type { SummaryScopeParam } from '../../domain/summary/head.ts';
import { checkTransition, summaryGeneratable } from '../../domain/workflow.ts';
import { auditPut, auditScope } from '../../repos/audit.ts';
import { writeAll } from '../../repos/dynamo.ts';
import { saveReview } from '../../repos/reviews.ts';
import { findSummary, getSummary, publishedPut, summaryHeadPut } from '../../repos/summaries.ts';
import type { UseCaseContext } from '../context.ts';
import { liveCycleReviews, loadReviewFor } from '../review-access.ts';
import { commitOrRemove, produce } from './produce.ts';

type Actor = Principal;
type SummaryRef = { reviewId: string; scope: SummaryScopeParam };

/** Generates (or regenerates) the draft summary of a review. */
const generateDraft = async (review: Review, scope: SummaryScopeParam, principal: Principal, now: Date) => {
  if (!summaryGeneratable(review.state)) {
    throw new ConflictError(
      `a summary is drafted from the agreed list of observations; the review is ${review.state}`,
      {
        current: { state: review.state, version: review.version },
      },
    );
  }
  const previous = await findSummary(review.reviewId, scope);
  if (previous && previous.lifecycle !== 'draft') {
    throw new ConflictError(`the ${scope} summary is already ${previous.lifecycle}`, {
      current: { lifecycle: previous.lifecycle, version: previous.version },
    });
  }
  const head = await produce(review, scope, 'draft', principal, now, previous);
  await commitOrRemove(head, () =>
    writeAll(
      [
        summaryHeadPut(head),
        auditPut(auditScope.review(review.reviewId), {
          principal,
          now,
          action: 'summary.generate',
          object: `summary/${review.reviewId}/${scope}`,
          version: head.version,
          details: { documentVersion: head.documentVersion },
        }),
      ],
      'the summary changed meanwhile; reload and retry',
    ),
  );
  return head;
};

/** Moves a summary to `agreed` or `published`, re-rendered with that status, with the review's step. */
const advance = async (
  review: Review,
  scope: SummaryScopeParam,
  documentVersion: number,
  to: 'agreed' | 'published',
  principal: Principal,
  now: Date,
) => {
  const current = await getSummary(review.reviewId, scope);
  const expectedFrom = to === 'agreed' ? 'draft' : 'agreed';
  if (current.lifecycle !== expectedFrom || current.documentVersion !== documentVersion) {
    throw new ConflictError(
      `the ${scope} summary is ${current.lifecycle} at document version ${current.documentVersion}`,
      {
        current: {
          lifecycle: current.lifecycle,
          documentVersion: current.documentVersion,
          version: current.version,
        },
      },
    );
  }
  const head = await produce(review, scope, to, principal, now, current);
  if (head.observationIds.join() !== current.observationIds.join()) {
    await commitOrRemove(head, async () => {
      throw new ConflictError('the agreed observations changed since this version; regenerate the draft', {
        current: { documentVersion: current.documentVersion },
      });
    });
  }
  const extra = [summaryHeadPut(head), ...(to === 'published' ? [publishedPut(head)] : [])];
  const transition = to === 'agreed' ? 'agree-summary' : 'publish';
  const action = to === 'agreed' ? 'summary.agree' : 'summary.publish';
  // The combined summary carries the review to its next step; per-instrument ones do not.
  if (scope === 'combined') {
    const check = checkTransition(review.state, transition);
    await commitOrRemove(head, async () => {
      if (!check.ok) {
        throw new ConflictError(check.reason, { current: { state: review.state, version: review.version } });
      }
      await saveReview(nextVersion(review, now, { state: check.to }), { principal, now, action }, extra);
    });
  } else {
    await commitOrRemove(head, () =>
      writeAll(
        [
          ...extra,
          auditPut(auditScope.review(review.reviewId), {
            principal,
            now,
            action,
            object: `summary/${review.reviewId}/${scope}`,
            version: head.version,
          }),
        ],
        'the summary changed meanwhile; reload and retry',
      ),
    );
  }
  return head;
};

interface BatchProgress {
  total: number;
  done: number;
  skipped: number;
  failed: { reviewId: string; reason: string }[];
}

/** Regenerates the draft summaries of every review of a cycle that is ready, reporting progress. */
const regenerateCycle = async (
  cycleId: string,
  principal: Principal,
  now: Date,
  onProgress: (p: BatchProgress) => void = () => undefined,
): Promise<BatchProgress> => {
  const reviews = await liveCycleReviews(cycleId);
  const p: BatchProgress = { total: reviews.length, done: 0, skipped: 0, failed: [] };
  for (const r of reviews) {
    const head = await findSummary(r.reviewId, 'combined');
    if (!summaryGeneratable(r.state) || (head && head.lifecycle !== 'draft')) p.skipped++;
    else {
      try {
        await generateDraft(r, 'combined', principal, now);
        p.done++;
      } catch (err) {
        p.failed.push({ reviewId: r.reviewId, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    onProgress(p);
  }
  return p;
};

export const generateSummary = async (actor: Actor, ref: SummaryRef, { now }: UseCaseContext) => {
  const review = await loadReviewFor(actor, ref.reviewId, 'summary.generate');
  return generateDraft(review, ref.scope, actor, now);
};

export const agreeSummary = async (
  actor: Actor,
  input: SummaryRef & { documentVersion: number },
  { now }: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'summary.agree');
  return advance(review, input.scope, input.documentVersion, 'agreed', actor, now);
};

export const publishSummary = async (
  actor: Actor,
  input: SummaryRef & { documentVersion: number },
  { now }: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'summary.publish');
  return advance(review, input.scope, input.documentVersion, 'published', actor, now);
};

export const regenerateSummaries = async (
  actor: Actor,
  { cycleId }: { cycleId: string },
  { now }: UseCaseContext,
) => {
  assertCan(actor, 'summary.batch');
  return regenerateCycle(cycleId, actor, now);
};
