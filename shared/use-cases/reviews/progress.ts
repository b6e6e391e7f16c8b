/**
 * Where the reviews stand: the caller's dashboard, the secretariat's list of what is late in a
 * cycle, and one review's audit log.
 */
import type { User } from '../../auth/principal.ts';
import { assertCan, can } from '../../domain/authz.ts';
import { contactsComplete, namingOverdue } from '../../domain/contacts.ts';
import { ValidationError } from '../../domain/errors.ts';
import { mailboxesOf } from '../../domain/notifications.ts';
import type { DashboardEntry, OverdueResponse } from '../../domain/review-view.ts';
import { isOverdue } from '../../domain/workflow.ts';
import { auditScope, listAudit } from '../../repos/audit.ts';
import { getReadMarker, unreadMessages } from '../../repos/notifications.ts';
import { recordPerson } from '../../repos/people.ts';
import type { UseCaseContext } from '../context.ts';
import { getLiveReview, liveCycleReviews } from '../review-access.ts';
import { missingAcknowledgements, viewOf } from './view.ts';

/** The reviews of a cycle the caller takes part in, with what each needs of them now. */
export const listMyReviews = async (
  actor: User,
  input: { cycleId: string },
  { now }: UseCaseContext,
): Promise<{ reviews: DashboardEntry[] }> => {
  assertCan(actor, 'cycle.read');
  // The dashboard is where a signed-in person lands: from then on they can be named a contact.
  await recordPerson(actor);
  const reviews = (await liveCycleReviews(input.cycleId)).filter((r) => can(actor, 'review.read', r));
  const readUpTo = await getReadMarker(actor.sub);
  const unread = reviews.length > 0 ? await unreadMessages(mailboxesOf(actor), readUpTo) : [];
  return {
    reviews: reviews
      .sort((a, b) => a.reviewId.localeCompare(b.reviewId))
      .map((r) => {
        const view = viewOf(actor, r, now);
        const next = r.deadlines.filter((d) => !d.metAt).sort((a, b) => a.due.localeCompare(b.due))[0];
        return {
          reviewId: r.reviewId,
          cycleId: r.cycleId,
          reviewedState: r.reviewedState,
          reviewerStates: r.reviewerStates,
          relation: view.relation,
          state: r.state,
          version: r.version,
          updatedAt: r.updatedAt,
          nextDeadline: next ? { kind: next.kind, due: next.due } : null,
          overdue: view.overdue,
          acknowledgementNeeded:
            view.relation === 'reviewer' && actor.state !== null && !r.acknowledgements[actor.state],
          missingAcknowledgements: view.missingAcknowledgements,
          unreadNotifications: unread.filter((m) => m.reviewIds.includes(r.reviewId)).length,
          tasks: view.tasks,
        };
      }),
  };
};

/** The reviews of a cycle with missed deadlines, missing acknowledgements or contacts. */
export const listOverdue = async (
  actor: User,
  input: { cycleId: string },
  { now }: UseCaseContext,
): Promise<OverdueResponse> => {
  assertCan(actor, 'progress.read');
  const reviews = await liveCycleReviews(input.cycleId);
  const entries = reviews
    .map((r) => ({
      reviewId: r.reviewId,
      reviewedState: r.reviewedState,
      state: r.state,
      overdue: r.deadlines
        .filter((d) => isOverdue(d, now))
        .map((d) => ({
          kind: d.kind,
          due: d.due,
          daysLate: Math.floor((now.getTime() - Date.parse(d.due)) / 86_400_000),
        })),
      missingAcknowledgements: missingAcknowledgements(r),
      missingContacts: [r.reviewedState, ...r.reviewerStates].filter((s) => !contactsComplete(r.contacts[s])),
      // Every participating State names its people within the deadlines, reviewing States too.
      namingOverdue: namingOverdue(r, now),
    }))
    .filter(
      (e) =>
        e.overdue.length > 0 ||
        e.missingAcknowledgements.length > 0 ||
        e.missingContacts.length > 0 ||
        e.namingOverdue.length > 0,
    )
    .sort((a, b) => a.reviewId.localeCompare(b.reviewId));
  return { cycleId: input.cycleId, asOf: now.toISOString(), reviews: entries };
};

/** Opaque audit cursors: the sort key of the last entry of the page, base64url-encoded. */
const AUDIT_CURSOR = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f-]{36}$/;
const encodeCursor = (sk: string): string => Buffer.from(sk, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!AUDIT_CURSOR.test(sk)) throw new ValidationError('query.cursor: not a cursor this endpoint returned');
  return sk;
};

/** One page of a review's append-only audit log, oldest first. */
export const listReviewAudit = async (
  actor: User,
  input: { reviewId: string; limit: number; cursor?: string | undefined },
) => {
  assertCan(actor, 'audit.read');
  await getLiveReview(input.reviewId);
  const page = await listAudit(auditScope.review(input.reviewId), {
    limit: input.limit,
    cursor: input.cursor ? decodeCursor(input.cursor) : undefined,
  });
  return { entries: page.entries, ...(page.cursor ? { cursor: encodeCursor(page.cursor) } : {}) };
};
