/**
 * Changing a follow-up item: the reviewed State reports (or revises) its status; a reviewing
 * State of the article's instrument confirms or disputes it. Each change is checked against the
 * item's version the caller saw (a 412 when stale, a 409 when the rules refuse: nothing written).
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.ts';
import type { FollowUp, Verdict } from '../../domain/follow-up/model.ts';
import {
  applyReport,
  applyVerdict,
  followUpWindowRefusal,
  type Outcome,
  type ReportInput,
} from '../../domain/follow-up/rules.ts';
import type { Review } from '../../domain/review.ts';
import { parseArticleId } from '../../domain/summary/document.ts';
import { saveFollowUp } from '../../repos/follow-ups.ts';
import { findAttachment } from '../../repos/self-assessments.ts';
import type { UseCaseContext } from '../context.ts';
import { instrumentScope, loadReviewFor } from '../review-access.ts';
import { confirmersOf, findFollowUp, reviewPolicy } from './load.ts';
import { viewOf } from './read.ts';

interface Target {
  reviewId: string;
  followUpId: string;
  /** The item version the caller saw (If-Match); absent = no check. */
  expectedVersion?: number;
}

const actorId = (p: Principal): string => (p.kind === 'user' ? p.sub : 'anonymous');

const load = async (review: Review, t: Target) => {
  const [item, policy] = await Promise.all([findFollowUp(review, t.followUpId), reviewPolicy(review)]);
  if (!item) throw new NotFoundError(`follow-up ${t.followUpId} not found in review ${review.reviewId}`);
  if (t.expectedVersion !== undefined && t.expectedVersion !== item.version) {
    throw new PreconditionFailedError(`follow-up ${item.followUpId} is at version ${item.version}; reload`, {
      current: { version: item.version },
    });
  }
  const closed = followUpWindowRefusal(review.state, policy);
  if (closed) throw new ConflictError(closed, { current: { state: review.state } });
  return { item, policy };
};

const settle = (outcome: Outcome, item: FollowUp): FollowUp => {
  if (outcome.ok) return outcome.next;
  if (outcome.kind === 'invalid') throw new ValidationError(outcome.reason, { field: outcome.field });
  throw new ConflictError(outcome.reason, { current: { version: item.version } });
};

export const reportFollowUp = async (actor: Principal, input: Target & ReportInput, ctx: UseCaseContext) => {
  const review = await loadReviewFor(actor, input.reviewId, 'follow-up.report');
  const { item, policy } = await load(review, input);
  const instrument = parseArticleId(item.observation.article).instrument;
  for (const id of input.attachmentIds) {
    const a = await findAttachment(review.reviewId, instrument, id);
    if (a?.status !== 'ready') {
      throw new ValidationError(
        `attachmentIds: ${id} is not an uploaded attachment of this review's ${instrument} self-assessment`,
        { field: 'attachmentIds' },
      );
    }
  }
  const { reviewId: _r, followUpId: _f, expectedVersion: _v, ...report } = input;
  const next = settle(applyReport(item, report, actorId(actor), ctx.now.toISOString(), policy), item);
  await saveFollowUp(next, {
    principal: actor,
    now: ctx.now,
    action: 'follow-up.report',
    details: { status: input.status, report: next.report?.n },
  });
  return viewOf(review, next);
};

export const judgeFollowUp = async (
  actor: Principal,
  input: Target & { verdict: Verdict; comment?: string },
  ctx: UseCaseContext,
) => {
  const review = await loadReviewFor(actor, input.reviewId, 'follow-up.read');
  const { item, policy } = await load(review, input);
  // Only the reviewing States of the article's instrument judge it.
  assertCan(
    actor,
    'follow-up.verdict',
    instrumentScope(review, parseArticleId(item.observation.article).instrument),
  );
  const state = actor.kind === 'user' ? actor.state : null;
  if (!state) throw new ValidationError('a verdict is given for a reviewing State');
  const next = settle(
    applyVerdict(
      item,
      state,
      { verdict: input.verdict, ...(input.comment !== undefined ? { comment: input.comment } : {}) },
      actorId(actor),
      ctx.now.toISOString(),
      confirmersOf(review, item),
      policy,
    ),
    item,
  );
  await saveFollowUp(next, {
    principal: actor,
    now: ctx.now,
    action: `follow-up.${input.verdict}`,
    details: { state, agreed: next.agreed?.status ?? null },
  });
  return viewOf(review, next);
};
