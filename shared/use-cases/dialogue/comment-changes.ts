/**
 * How a change reaches a stored comment: the version check, the status machine, the conditional
 * write, and what a change of visibility takes along (the replies of a narrowed thread).
 */
import type { User } from '../../auth/principal.ts';
import {
  applyCommentEvent,
  type Comment,
  type CommentEvent,
  repliesNarrowedWith,
} from '../../domain/dialogue.ts';
import { ConflictError, PreconditionFailedError } from '../../domain/errors.ts';
import {
  findComment,
  getThreadMarks,
  pageComments,
  threadsUnchanged,
  updateComment,
} from '../../repos/comments.ts';
import { assertVersion } from '../versioning.ts';

/**
 * Applies one event to a comment: version check (If-Match when given), the status machine, and
 * the conditional write. A version that moved between read and write is a 412 when the caller
 * named one; without If-Match the intent does not depend on the version (delete, resolve, reopen),
 * so the event is tried again on a fresh read, and refused (409) only if it no longer applies.
 */
export const changeComment = async (
  p: User,
  first: Comment,
  event: CommentEvent,
  expected: number | undefined,
  now: Date,
  action: string,
): Promise<Comment> => {
  let before = first;
  for (let attempt = 1; ; attempt++) {
    if (expected !== undefined) assertVersion(expected, before.version, `comment ${before.commentId}`);
    const thread = await threadOf(before, event, now);
    const outcome = applyCommentEvent(before, thread.event, { by: p.sub, now: now.toISOString() });
    if (!outcome.ok)
      throw new ConflictError(outcome.reason, {
        current: { version: before.version, status: before.status },
      });
    try {
      return await updateComment(before, outcome.next, outcome.change, {
        audit: { principal: p, now, action, details: { change: outcome.change, ...thread.details } },
        alongside: thread.alongside,
        extra: thread.extra,
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      if (expected !== undefined)
        throw new PreconditionFailedError(
          `comment ${before.commentId} or its thread changed meanwhile; reload and retry`,
          err.details,
        );
      const fresh = attempt < 5 ? await findComment(before.reviewId, before.commentId) : null;
      if (!fresh) throw err;
      before = fresh;
    }
  }
};

/** TransactWriteItems takes 100 items: the comment and its entries use 5, each reply 3. */
const MAX_REPLIES_NARROWED = 30;

/**
 * What an edit of `c`'s visibility involves besides `c` (a reply is never shown to more people
 * than the comment it answers): a reply is checked against its parent as it is now; a comment
 * narrowed to reviewers-only takes every reply under it along, in the same transaction,
 * conditioned on no reply having been posted meanwhile under any comment of that thread.
 */
const threadOf = async (
  c: Comment,
  event: CommentEvent,
  now: Date,
): Promise<{
  event: CommentEvent;
  alongside: { before: Comment; after: Comment; change: 'narrowed' }[];
  extra: ReturnType<typeof threadsUnchanged>;
  details: Record<string, unknown>;
}> => {
  const none = { event, alongside: [], extra: [], details: {} };
  if (event.kind !== 'edit' || event.visibility === undefined || event.visibility === c.visibility)
    return none;
  if (event.visibility === 'all') {
    const parent = c.parentId ? await findComment(c.reviewId, c.parentId) : null;
    return parent ? { ...none, event: { ...event, parent } } : none;
  }
  // The replies are read again after their reply marks: if none appeared in between, every
  // reply posted later moves a mark and fails the transaction's conditions.
  const readNarrowing = async () => {
    const all = await pageComments(c.reviewId, { includeDeleted: true }, () => true, Number.MAX_SAFE_INTEGER);
    const narrowing = repliesNarrowedWith(c, visibility, all.comments, { now: now.toISOString() });
    if (!narrowing.ok) throw new ConflictError(narrowing.reason, { current: { version: c.version } });
    return narrowing.replies;
  };
  const visibility = event.visibility;
  let replies = await readNarrowing();
  let marks: Map<string, number | undefined>;
  for (let attempt = 1; ; attempt++) {
    if (replies.length > MAX_REPLIES_NARROWED)
      throw new ConflictError(
        `visibility: ${replies.length} replies would be narrowed with this comment (at most ${MAX_REPLIES_NARROWED} at once); narrow some of its replies first`,
      );
    marks = await getThreadMarks(c.reviewId, [c.commentId, ...replies.map((r) => r.before.commentId)]);
    const again = await readNarrowing();
    const ids = (list: typeof replies) => list.map((r) => `${r.before.commentId}@${r.before.version}`).join();
    if (ids(again) === ids(replies)) break;
    if (attempt >= 5)
      throw new ConflictError('visibility: replies are being posted to this thread; try again');
    replies = again;
  }
  const narrowing = { replies };
  return {
    event,
    alongside: narrowing.replies.map((r) => ({ ...r, change: 'narrowed' as const })),
    extra: threadsUnchanged(c.reviewId, marks),
    details: narrowing.replies.length
      ? { narrowedReplies: narrowing.replies.map((r) => r.before.commentId) }
      : {},
  };
};
