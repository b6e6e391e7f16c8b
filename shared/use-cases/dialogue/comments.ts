/**
 * Writing comments: a new comment or reply, an edit, a deletion, resolving and reopening. The
 * rules of change are the pure functions of shared/domain/dialogue.ts; the repository writes each
 * change with its audit entry and notifications in one transaction.
 */
import type { User } from '../../auth/principal.ts';
import {
  type Anchor,
  type Comment,
  type CommentEvent,
  checkAnchor,
  checkReply,
  type Visibility,
} from '../../domain/dialogue.ts';
import { canonicalJson } from '../../domain/draw/canonical.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { insertComment, newDialogueId, notificationsFor, replyGuard } from '../../repos/comments.ts';
import { findVersion } from '../../repos/self-assessments.ts';
import type { RecordingContext, UseCaseContext } from '../context.ts';
import { questionnaireVersion } from '../questionnaires/catalog.ts';
import { loadReviewFor } from '../review-access.ts';
import {
  assertCommenting,
  assertOnInstrument,
  commentExtra,
  loadForComments,
  loadVisibleComment,
} from './access.ts';
import { changeComment } from './comment-changes.ts';

type NewComment = {
  parentId?: string;
  anchor?: Anchor;
  type: Comment['type'];
  visibility: Visibility;
  text: string;
};

/** The comment a create request asks for, checked (anchor, instrument scope, reply rule). */
const newComment = async (
  p: User,
  review: Review,
  body: NewComment,
  parent: Comment | undefined,
  now: Date,
): Promise<Comment> => {
  let anchor = body.anchor;
  if (parent) {
    const reply = checkReply(parent, body.visibility);
    if (!reply.ok) throw new ValidationError(reply.reason);
    if (anchor && canonicalJson(anchor) !== canonicalJson(parent.anchor))
      throw new ValidationError('anchor: a reply keeps the anchor of the comment it answers');
    anchor = parent.anchor;
  }
  if (!anchor) throw new ValidationError('anchor: required on a new comment');
  // The anchor is checked against the questionnaire version the anchored submission answered
  // (a managed version may have questions the shipped definition lacks, and lack some it has).
  const submitted = review.instruments.includes(anchor.instrument)
    ? await findVersion(review.reviewId, anchor.instrument, anchor.submissionVersion)
    : null;
  const defs = submitted
    ? new Map([
        [
          anchor.instrument,
          await questionnaireVersion(submitted.questionnaireId, submitted.questionnaireVersion),
        ],
      ])
    : undefined;
  const valid = checkAnchor(anchor, review.instruments, defs);
  if (!valid.ok) throw new ValidationError(valid.reason);
  assertOnInstrument(p, 'comment.create', review, anchor.instrument, 'anchor.instrument');
  if (!parent) {
    if (submitted?.status !== 'submitted')
      throw new ValidationError(
        `anchor.submissionVersion: ${anchor.instrument} self-assessment version ${anchor.submissionVersion} was not submitted`,
      );
  }
  const at = now.toISOString();
  return {
    reviewId: review.reviewId,
    commentId: newDialogueId(now),
    ...(parent ? { parentId: parent.commentId } : {}),
    anchor,
    type: body.type,
    visibility: body.visibility,
    text: body.text,
    status: 'open',
    responseCount: 0,
    authorSub: p.sub,
    authorName: p.name,
    authorState: p.state,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
};

/**
 * A new comment on a submitted self-assessment, or a reply to one.
 *
 * 1. The review is loaded for `comment.create`, and commenting must be open (409 otherwise).
 * 2. A reply's parent must be visible to the caller; it gives the reply its anchor, and the reply
 *    may not reach more people than it.
 * 3. A new thread's anchor must name an instrument of the review the caller's State reviews, and
 *    a submitted version of its self-assessment.
 * 4. The comment, its audit entry, its notifications (and `ctx.recordResult`, an Idempotency-Key)
 *    are written in one transaction, a reply only if its parent is still as checked.
 */
export const createComment = async (
  actor: User,
  input: { reviewId: string } & NewComment,
  { now, recordResult }: RecordingContext<Comment>,
): Promise<Comment> => {
  const review = await loadReviewFor(actor, input.reviewId, 'comment.create');
  assertCommenting(review);
  // A reply is written only if its parent is still as checked (replyGuard); a parent changed
  // meanwhile (narrowed, say) is read and checked again. With an Idempotency-Key a lost race
  // may also be a duplicate request: that is left to the key's stored answer (or a 409).
  for (let attempt = 1; ; attempt++) {
    const parent = input.parentId ? await loadVisibleComment(actor, review, input.parentId) : undefined;
    const comment = await newComment(actor, review, input, parent, now);
    try {
      await insertComment(comment, {
        audit: {
          principal: actor,
          now,
          action: 'comment.create',
          details: { parentId: comment.parentId, type: comment.type },
        },
        extra: [
          ...notificationsFor({ kind: 'comment.created', review, comment, now }),
          ...(parent ? replyGuard(parent) : []),
          ...(recordResult ? [recordResult(comment)] : []),
        ],
      });
      return comment;
    } catch (err) {
      if (!(err instanceof ConflictError) || !parent || recordResult || attempt >= 5) throw err;
    }
  }
};

type CommentRef = { reviewId: string; commentId: string; expectedVersion?: number | undefined };

/**
 * One change of a comment the caller sees, by an action checked on the comment's instrument,
 * while commenting is open.
 */
const change = async (
  actor: User,
  input: CommentRef,
  action: 'comment.edit' | 'comment.delete' | 'comment.resolve',
  event: CommentEvent,
  audited: string,
  now: Date,
): Promise<Comment> => {
  const review = await loadForComments(actor, input.reviewId);
  const before = await loadVisibleComment(actor, review, input.commentId);
  assertOnInstrument(
    actor,
    action,
    review,
    before.anchor.instrument,
    'anchor.instrument',
    commentExtra(before),
  );
  assertCommenting(review);
  return changeComment(actor, before, event, input.expectedVersion, now, audited);
};

export const editComment = (
  actor: User,
  input: CommentRef & {
    text?: string | undefined;
    type?: Comment['type'] | undefined;
    visibility?: Visibility | undefined;
  },
  { now }: UseCaseContext,
): Promise<Comment> => {
  const { reviewId, commentId, expectedVersion, ...edit } = input;
  return change(
    actor,
    { reviewId, commentId, expectedVersion },
    'comment.edit',
    { kind: 'edit', ...edit },
    'comment.edit',
    now,
  );
};

export const deleteComment = (actor: User, input: CommentRef, { now }: UseCaseContext): Promise<Comment> =>
  change(actor, input, 'comment.delete', { kind: 'delete' }, 'comment.delete', now);

export const changeCommentStatus = (
  actor: User,
  input: CommentRef & { action: 'resolve' | 'reopen' },
  { now }: UseCaseContext,
): Promise<Comment> =>
  change(
    actor,
    input,
    'comment.resolve',
    { kind: input.action },
    input.action === 'resolve' ? 'comment.resolve' : 'comment.reopen',
    now,
  );
