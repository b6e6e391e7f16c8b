/**
 * Reading the dialogue: pages of comments, one comment with its responses and history, the
 * counts the review page shows, and the caller's seen markers. A comment the caller may not see is
 * left out (or answered like a missing one), never reported.
 */
import type { User } from '../../auth/principal.ts';
import { can } from '../../domain/authz.ts';
import { type Comment, countsFor } from '../../domain/dialogue.ts';
import { ValidationError } from '../../domain/errors.ts';
import {
  getCommentsByIds,
  getCounters,
  getSeen,
  listCommentVersions,
  listResponses,
  markSeen,
  pageComments,
} from '../../repos/comments.ts';
import { commentKeys } from '../../repos/keys.ts';
import { getList, listEntries } from '../../repos/observations.ts';
import type { UseCaseContext } from '../context.ts';
import { loadReviewFor } from '../review-access.ts';
import { actionsOn, commentExtra, loadForComments, loadVisibleComment, visibleTo } from './access.ts';

/** Opaque cursors: the sort key of the last comment of the page, base64url-encoded. */
const encodeCursor = (sk: string) => Buffer.from(JSON.stringify({ k: sk }), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  try {
    const k: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).k;
    if (typeof k === 'string' && commentKeys.isHeadSk(k)) return k;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('query.cursor: not a cursor returned by this API');
};

const seenOf = (seen: Map<string, number>, c: Comment): boolean => (seen.get(c.commentId) ?? 0) >= c.version;

export const listComments = async (
  actor: User,
  input: {
    reviewId: string;
    limit: number;
    cursor?: string | undefined;
    article?: string | undefined;
    status?: Comment['status'] | undefined;
    parentId?: string | undefined;
    includeDeleted?: 'true' | 'false' | undefined;
  },
) => {
  const review = await loadForComments(actor, input.reviewId);
  const afterSk = input.cursor ? decodeCursor(input.cursor) : undefined;
  const [page, seen] = await Promise.all([
    pageComments(
      review.reviewId,
      {
        article: input.article,
        status: input.status,
        parentId: input.parentId,
        includeDeleted: input.includeDeleted === 'true',
      },
      (c) => can(actor, 'comment.read', review, commentExtra(c)),
      input.limit,
      afterSk,
    ),
    getSeen(review.reviewId, actor.sub),
  ]);
  return {
    comments: page.comments.map((c) => ({
      ...c,
      seen: seenOf(seen, c),
      actions: actionsOn(actor, review, c),
    })),
    ...(page.nextSk ? { nextCursor: encodeCursor(page.nextSk) } : {}),
  };
};

/** One comment as the caller sees it, with its responses. */
export const getComment = async (actor: User, input: { reviewId: string; commentId: string }) => {
  const review = await loadForComments(actor, input.reviewId);
  const comment = await loadVisibleComment(actor, review, input.commentId);
  const [responses, seen] = await Promise.all([
    listResponses(review.reviewId, comment.commentId),
    getSeen(review.reviewId, actor.sub),
  ]);
  return {
    comment: { ...comment, seen: seenOf(seen, comment), actions: actionsOn(actor, review, comment) },
    responses,
  };
};

export const getCommentHistory = async (actor: User, input: { reviewId: string; commentId: string }) => {
  const review = await loadForComments(actor, input.reviewId);
  const comment = await loadVisibleComment(actor, review, input.commentId);
  const versions = await listCommentVersions(review.reviewId, comment.commentId);
  // Versions from a time the comment was reviewers-only stay hidden from the reviewed State.
  return {
    versions: versions.filter((v) => can(actor, 'comment.read', review, { visibility: v.visibility })),
  };
};

/** The counts of the review page: comments by status, unseen ones, observations by status. */
export const getDialogueSummary = async (actor: User, input: { reviewId: string }) => {
  const review = await loadForComments(actor, input.reviewId);
  const visibilities = visibleTo(actor, review);
  const [counters, seen, visible] = await Promise.all([
    getCounters(review.reviewId),
    getSeen(review.reviewId, actor.sub),
    pageComments(
      review.reviewId,
      {},
      (c) => can(actor, 'comment.read', review, commentExtra(c)),
      Number.MAX_SAFE_INTEGER,
    ),
  ]);
  const entries: Record<string, number> = {};
  let finalised = false;
  if (can(actor, 'observations.read', review)) {
    const [all, list] = await Promise.all([listEntries(review.reviewId), getList(review.reviewId)]);
    for (const e of all) entries[e.status] = (entries[e.status] ?? 0) + 1;
    finalised = list.finalisedAt !== undefined;
  }
  return {
    reviewId: review.reviewId,
    reviewState: review.state,
    counts: countsFor(counters, visibilities),
    unseen: visible.comments.filter((c) => !seenOf(seen, c)).length,
    observations: { entries, finalised },
  };
};

/** Marks the current versions of the given comments seen by the caller. */
export const markCommentsSeen = async (
  actor: User,
  input: { reviewId: string; commentIds: string[] },
  { now }: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'seen.mark');
  const ids = [...new Set(input.commentIds)];
  // Comments that do not exist or that the caller may not see are skipped, not reported.
  const comments = (await getCommentsByIds(review.reviewId, ids)).filter((c) =>
    can(actor, 'comment.read', review, commentExtra(c)),
  );
  const marked = await markSeen(review.reviewId, actor.sub, comments, {
    principal: actor,
    now,
    action: 'comment.seen',
  });
  return { marked };
};
