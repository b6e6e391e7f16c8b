/**
 * What the caller may do on one comment now (`actions` of the comment views): the authorization
 * rule (authz.ts, on the scope of the comment's instrument), the dialogue being open, and the
 * comment's own state machine (`applyCommentEvent`) — the same checks the use cases make, so the
 * web UI offers exactly what the API accepts.
 */
import * as z from 'zod';
import type { Principal } from '../auth/principal.ts';
import { type ActionExtra, can, type ReviewAction, type ReviewScope } from './authz.ts';
import { applyCommentEvent, type Comment, type CommentEvent, commentingOpen } from './dialogue.ts';
import type { ReviewState } from './workflow.ts';

const COMMENT_ACTIONS = ['edit', 'delete', 'resolve', 'reopen', 'respond', 'reply'] as const;
export const CommentActionSchema = z.enum(COMMENT_ACTIONS);
type CommentAction = z.infer<typeof CommentActionSchema>;

/** The rule and the state-machine event behind each action (a reply is a new comment under it). */
const BEHIND: Record<CommentAction, { rule: ReviewAction; event?: CommentEvent; whole?: true }> = {
  edit: { rule: 'comment.edit', event: { kind: 'edit' } },
  delete: { rule: 'comment.delete', event: { kind: 'delete' } },
  resolve: { rule: 'comment.resolve', event: { kind: 'resolve' } },
  reopen: { rule: 'comment.resolve', event: { kind: 'reopen' } },
  // Responses are not instrument-scoped: the reviewed State answers every comment it can see.
  respond: { rule: 'response.create', event: { kind: 'respond' }, whole: true },
  reply: { rule: 'comment.create' },
};

/** What the rules need to know of a comment: who wrote it and whom it is for. */
export const commentExtra = (c: Pick<Comment, 'authorSub' | 'visibility'>): ActionExtra => ({
  authorSub: c.authorSub,
  visibility: c.visibility,
});

export const commentActionsFor = (
  p: Principal,
  review: ReviewScope & { state: ReviewState },
  /** The review as seen for the comment's instrument (the reviewing States whose seat covers it). */
  instrumentScope: ReviewScope,
  c: Comment,
): CommentAction[] => {
  if (!commentingOpen(review.state).ok || c.deletedAt) return [];
  const extra = commentExtra(c);
  const probe = { by: p.kind === 'user' ? p.sub : '', now: c.updatedAt };
  return COMMENT_ACTIONS.filter((a) => {
    const { rule, event, whole } = BEHIND[a];
    if (!can(p, rule, whole ? review : instrumentScope, extra)) return false;
    return event ? applyCommentEvent(c, event, probe).ok : true;
  });
};
