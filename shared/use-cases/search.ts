/**
 * Search across what the caller may open: States (everyone signed in reads the registry),
 * reviews the caller takes part in (`review.read`), comments they may read (`comment.read`, with
 * the comment's author and visibility) and observations of reviews whose list they may read
 * (`observations.read`). The same rules as the screens the hits lead to, from the authorization
 * module; nothing is searched that the caller could not list. docs/web-ui.md, "Search".
 */
import type { Principal } from '../auth/principal.ts';
import { assertCan, can, relationTo } from '../domain/authz.ts';
import { commentExtra } from '../domain/comment-actions.ts';
import type { Review } from '../domain/review.ts';
import {
  excerptOf,
  matchesAll,
  queryWords,
  SEARCH_KINDS,
  type SearchKind,
  type SearchResult,
} from '../domain/search.ts';
import { pageComments } from '../repos/comments.ts';
import { listCycles } from '../repos/cycles.ts';
import { listEntries } from '../repos/observations.ts';
import { listStates } from '../repos/registry.ts';
import type { UseCaseContext } from './context.ts';
import { liveCycleReviews } from './review-access.ts';

export interface SearchInput {
  q: string;
  kinds?: readonly SearchKind[] | undefined;
  /** Most hits per kind. */
  limit: number;
}

type Hits<K extends SearchKind> = SearchResult[K]['hits'];

/** The first `limit` of `all`, and whether there were more. */
const capped = <T>(all: readonly T[], limit: number) => ({
  hits: all.slice(0, limit),
  more: all.length > limit,
});

/** Reviews read at once while searching their comments and observations (each is one or two queries). */
const PARALLEL_REVIEWS = 8;

/** Runs `fn` over `items` a few at a time, stopping once `enough()` says so. */
const eachUntil = async <T>(items: readonly T[], enough: () => boolean, fn: (x: T) => Promise<void>) => {
  for (let i = 0; i < items.length && !enough(); i += PARALLEL_REVIEWS)
    await Promise.all(items.slice(i, i + PARALLEL_REVIEWS).map(fn));
};

export const search = async (
  actor: Principal,
  input: SearchInput,
  _ctx: UseCaseContext,
): Promise<SearchResult> => {
  assertCan(actor, 'registry.read');
  const kinds = new Set(input.kinds ?? SEARCH_KINDS);
  const words = queryWords(input.q);
  const { limit } = input;
  const states = await listStates();
  const nameOf = new Map(states.map((s) => [s.iso3, s.name]));
  const stateName = (iso3: string) => nameOf.get(iso3) ?? iso3;

  const stateHits: Hits<'states'> = kinds.has('states')
    ? states.filter((s) => matchesAll(words, s.iso3, s.name)).map((s) => ({ iso3: s.iso3, name: s.name }))
    : [];

  const needReviews = kinds.has('reviews') || kinds.has('comments') || kinds.has('observations');
  const cycles = needReviews ? await listCycles() : [];
  const cycleName = new Map(cycles.map((c) => [c.cycleId, c.name]));
  const readable: Review[] = (await Promise.all(cycles.map((c) => liveCycleReviews(c.cycleId))))
    .flat()
    .filter((r) => can(actor, 'review.read', r))
    .sort((a, b) => a.reviewId.localeCompare(b.reviewId));

  const reviewHits: Hits<'reviews'> = kinds.has('reviews')
    ? readable
        .filter((r) =>
          matchesAll(
            words,
            r.reviewId,
            cycleName.get(r.cycleId),
            r.reviewedState,
            stateName(r.reviewedState),
            ...r.reviewerStates.flatMap((s) => [s, stateName(s)]),
            ...r.instruments,
          ),
        )
        .map((r) => ({
          reviewId: r.reviewId,
          cycleId: r.cycleId,
          cycleName: cycleName.get(r.cycleId) ?? r.cycleId,
          reviewedState: r.reviewedState,
          reviewedStateName: stateName(r.reviewedState),
          state: r.state,
          relation: relationTo(actor, r) as Hits<'reviews'>[number]['relation'],
        }))
    : [];

  const commentHits: Hits<'comments'> = [];
  if (kinds.has('comments'))
    await eachUntil(
      readable,
      () => commentHits.length > limit,
      async (r) => {
        const page = await pageComments(
          r.reviewId,
          {},
          (c) => can(actor, 'comment.read', r, commentExtra(c)) && matchesAll(words, c.text),
          limit + 1,
        );
        for (const c of page.comments)
          commentHits.push({
            reviewId: r.reviewId,
            reviewedState: r.reviewedState,
            commentId: c.commentId,
            instrument: c.anchor.instrument,
            article: c.anchor.article,
            authorName: c.authorName,
            status: c.status,
            excerpt: excerptOf(c.text, words),
          });
      },
    );

  const observationHits: Hits<'observations'> = [];
  if (kinds.has('observations'))
    await eachUntil(
      readable.filter((r) => can(actor, 'observations.read', r)),
      () => observationHits.length > limit,
      async (r) => {
        const entries = await listEntries(r.reviewId);
        entries.forEach((e, i) => {
          if (!matchesAll(words, e.text, e.article, e.articleTitle)) return;
          observationHits.push({
            reviewId: r.reviewId,
            reviewedState: r.reviewedState,
            observationId: e.id,
            number: i + 1,
            article: e.article,
            kind: e.kind,
            status: e.status,
            excerpt: excerptOf(e.text, words),
          });
        });
      },
    );

  // Parallel reads finish in any order: hits are listed by review, then as the review lists them.
  const byReview = <T extends { reviewId: string }>(hits: T[]) =>
    hits.sort((a, b) => a.reviewId.localeCompare(b.reviewId));
  return {
    q: input.q,
    states: capped(stateHits, limit),
    reviews: capped(reviewHits, limit),
    comments: capped(byReview(commentHits), limit),
    observations: capped(byReview(observationHits), limit),
  };
};
