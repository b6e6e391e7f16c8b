/**
 * Who may see and change what in the dialogue: the gates every comment and observation use case
 * passes through. The decisions are the authorization module's (loadReviewFor, can, assertCan),
 * on the scope of the instrument a comment or observation is about.
 */
import type { Principal, User } from '../../auth/principal.ts';
import { type ActionExtra, assertCan, can, type ReviewAction } from '../../domain/authz.ts';
import { commentActionsFor } from '../../domain/comment-actions.ts';
import {
  type Comment,
  commentingOpen,
  observationsOpen,
  VISIBILITIES,
  type Visibility,
} from '../../domain/dialogue.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { InstrumentSchema } from '../../domain/types.ts';
import { findComment } from '../../repos/comments.ts';
import { instrumentScope, loadReviewFor } from '../review-access.ts';

/** The gate of every comment route: may the caller read the dialogue of this review at all. */
export const loadForComments = (p: Principal, reviewId: string) =>
  loadReviewFor(p, reviewId, 'comment.read', { visibility: 'all' });

export const commentExtra = (c: Comment): ActionExtra => ({
  authorSub: c.authorSub,
  visibility: c.visibility,
});

/** What the caller may do on a comment now, on the scope of its instrument. */
export const actionsOn = (p: Principal, review: Review, c: Comment) => {
  const instrument = InstrumentSchema.safeParse(c.anchor.instrument);
  return instrument.success ? commentActionsFor(p, review, instrumentScope(review, instrument.data), c) : [];
};

/** A comment the caller may see; one hidden from the caller is answered like a missing one. */
export const loadVisibleComment = async (
  p: Principal,
  review: Review,
  commentId: string,
): Promise<Comment> => {
  const c = await findComment(review.reviewId, commentId);
  if (!c || !can(p, 'comment.read', review, commentExtra(c)))
    throw new NotFoundError(`comment ${commentId} not found`);
  return c;
};

/**
 * A write on something of one instrument (a comment's anchor, an observation's article): the
 * caller must be allowed the action on the review, and a reviewing State only on the
 * instruments its seat covers, as for self-assessments (403 naming the field otherwise).
 */
export const assertOnInstrument = (
  p: User,
  action: ReviewAction,
  review: Review,
  instrument: string,
  field: string,
  extra?: ActionExtra,
) => {
  assertCan(p, action, review, extra);
  const parsed = InstrumentSchema.safeParse(instrument);
  if (parsed.success && can(p, action, instrumentScope(review, parsed.data), extra)) return;
  throw new ForbiddenError(
    `${field}: ${p.state ?? p.role} does not review ${instrument} in review ${review.reviewId}`,
  );
};

export const instrumentOfArticle = (article: string) => article.split('.')[0] ?? '';

/** 409 with the review's state once the review is past the dialogue (or not there yet). */
export const assertCommenting = (review: Review) => {
  const open = commentingOpen(review.state);
  if (!open.ok) throw new ConflictError(open.reason, { current: { state: review.state } });
};

export const assertObservationsOpen = (review: Review) => {
  const open = observationsOpen(review.state);
  if (!open.ok) throw new ConflictError(open.reason, { current: { state: review.state } });
};

/** The audiences whose comments the caller may read. */
export const visibleTo = (p: Principal, review: Review): Visibility[] =>
  VISIBILITIES.filter((visibility) => can(p, 'comment.read', review, { visibility }));
