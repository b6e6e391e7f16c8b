/** The reviewed State's response to a comment, optionally with a file uploaded beforehand. */
import type { User } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import {
  applyCommentEvent,
  type Comment,
  type Response,
  type ResponseAttachment,
} from '../../domain/dialogue.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { newDialogueId, notificationsFor, responsePut, updateComment } from '../../repos/comments.ts';
import { attachmentResponseUpdate, findAttachment } from '../../repos/self-assessments.ts';
import type { UseCaseContext } from '../context.ts';
import { assertCommenting, commentExtra, loadForComments, loadVisibleComment } from './access.ts';

/** The attachment a response names: an uploaded, confirmed file of the comment's instrument. */
const attachmentFor = async (
  review: Review,
  comment: Comment,
  attachmentId: string,
): Promise<ResponseAttachment> => {
  // Attachments are uploaded through the self-assessment area, per instrument.
  const a = await findAttachment(review.reviewId, comment.anchor.instrument, attachmentId);
  if (a?.status !== 'ready')
    throw new ValidationError(
      `body.attachment.attachmentId: no uploaded ${comment.anchor.instrument} attachment ${attachmentId} of this review`,
    );
  return {
    attachmentId: a.attachmentId,
    instrument: a.instrument,
    name: a.name,
    contentType: a.contentType,
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.sha256 !== undefined ? { sha256: a.sha256 } : {}),
  };
};

/** Answers a comment: the response, the comment moved to answered and its notifications, at once. */
export const createResponse = async (
  actor: User,
  input: {
    reviewId: string;
    commentId: string;
    text: string;
    attachment?: { attachmentId: string } | undefined;
  },
  { now }: UseCaseContext,
): Promise<{ response: Response; comment: Comment }> => {
  const review = await loadForComments(actor, input.reviewId);
  let before = await loadVisibleComment(actor, review, input.commentId);
  assertCan(actor, 'response.create', review, commentExtra(before));
  assertCommenting(review);
  const attachment = input.attachment
    ? await attachmentFor(review, before, input.attachment.attachmentId)
    : undefined;
  const response: Response = {
    reviewId: review.reviewId,
    commentId: before.commentId,
    responseId: newDialogueId(now),
    text: input.text,
    ...(attachment ? { attachment } : {}),
    authorSub: actor.sub,
    authorName: actor.name,
    authorState: actor.state,
    createdAt: now.toISOString(),
  };
  // A response does not depend on the comment's exact version (only on it being open to
  // responses), so a concurrent change is retried on a fresh read rather than refused.
  for (let attempt = 1; ; attempt++) {
    const outcome = applyCommentEvent(before, { kind: 'respond' }, { by: actor.sub, now: now.toISOString() });
    if (!outcome.ok)
      throw new ConflictError(outcome.reason, {
        current: { version: before.version, status: before.status },
      });
    try {
      const comment = await updateComment(before, outcome.next, outcome.change, {
        audit: {
          principal: actor,
          now,
          action: 'response.create',
          details: { responseId: response.responseId },
        },
        extra: [
          responsePut(response),
          // The reviewers this answers may then download the file (and it must still be confirmed).
          ...(attachment
            ? [
                attachmentResponseUpdate(
                  review.reviewId,
                  attachment.instrument,
                  attachment.attachmentId,
                  response.responseId,
                ),
              ]
            : []),
          ...notificationsFor({ kind: 'response.created', review, comment: outcome.next, response, now }),
        ],
      });
      return { response, comment };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
      before = await loadVisibleComment(actor, review, input.commentId);
    }
  }
};
