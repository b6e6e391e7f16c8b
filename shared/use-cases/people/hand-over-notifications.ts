/**
 * What a hand-over passes on besides the contact seat: the notifications addressed to the person
 * leaving, for the reviews handed over (all of them when the role covered every review). Pending
 * outbox items are readdressed to the successor (so they are delivered to them, once), and
 * delivered messages the leaving person had not read yet are copied into the successor's mailbox.
 * Each move is its own transaction with its audit entry in the leaving person's history, so a
 * move happens whole or not at all and is never repeated (an item already moved is no longer
 * pending; a copy that exists is not written twice).
 */
import type { Principal } from '../../auth/principal.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { MailboxMessage } from '../../domain/notifications.ts';
import { auditPut, auditScope } from '../../repos/audit.ts';
import { isConditionFailure, writeAll } from '../../repos/dynamo.ts';
import { getReadMarker, unreadMessages } from '../../repos/notifications.ts';
import {
  listPendingFor,
  mailboxCopyPut,
  type OutboxItem,
  outboxItemsOf,
  outboxReaddressWrites,
} from '../../repos/outbox.ts';

export interface HandOver {
  from: string;
  to: string;
  /** The review handed over; null: every review. */
  reviewId: string | null;
}

const concerns = (h: HandOver, reviewId: string) => h.reviewId === null || h.reviewId === reviewId;

/** Runs a move; false when its condition no longer holds (delivered or moved meanwhile). */
const attempt = async (writes: Parameters<typeof writeAll>[0]): Promise<boolean> => {
  try {
    await writeAll(writes, 'moved or delivered meanwhile');
    return true;
  } catch (err) {
    if (err instanceof ConflictError || isConditionFailure(err)) return false;
    throw err;
  }
};

export const handOverNotifications = async (
  actor: Principal,
  h: HandOver,
  now: Date,
): Promise<{ pending: number; unread: number }> => {
  const audit = (action: string, details: Record<string, unknown>) =>
    auditPut(auditScope.person(h.from), {
      principal: actor,
      now,
      action,
      object: `person/${h.from}`,
      details: { to: h.to, ...details },
    });
  let pending = 0;
  const items: OutboxItem[] = (await listPendingFor(h.from)).filter((i) => concerns(h, i.reviewId));
  for (const item of items) {
    const toHasIt = (await outboxItemsOf(item.outboxId)).some((i) => i.recipient === h.to);
    const moved = await attempt([
      ...outboxReaddressWrites(item, h.to, toHasIt),
      audit('notification.hand-over', { outboxId: item.outboxId, reviewId: item.reviewId, kind: item.kind }),
    ]);
    if (moved) pending += 1;
  }
  let unread = 0;
  const messages: MailboxMessage[] = await unreadMessages([h.from], await getReadMarker(h.from));
  for (const m of messages) {
    const kept = m.items.filter((i) => concerns(h, i.reviewId));
    if (kept.length === 0) continue;
    const copy: MailboxMessage = {
      ...m,
      items: kept,
      reviewIds: [...new Set(kept.map((i) => i.reviewId))].sort(),
    };
    const copied = await attempt([
      mailboxCopyPut(copy, h.to, now),
      audit('notification.hand-over', { messageId: m.messageId, reviewIds: copy.reviewIds, unread: true }),
    ]);
    if (copied) unread += 1;
  }
  return { pending, unread };
};
