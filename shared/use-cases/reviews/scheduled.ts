/**
 * The scheduled work of the reviews (functions/scheduled.ts): delivering the notification outbox
 * and queueing deadline reminders.
 */

import { isNamingKind } from '../../domain/naming-reminders.ts';
import {
  DEFAULT_NOTIFICATION_POLICY,
  DEFAULT_PREFERENCES,
  type NotificationPolicy,
  planDelivery,
  reminderId,
  reminderText,
  subjectOf,
} from '../../domain/notifications.ts';
import { DEADLINE_PRESETS, type DeadlineKind, type Reminder, remindersDue } from '../../domain/workflow.ts';
import { logger } from '../../logger.ts';
import {
  getPreferencesOf,
  listOpenReviews,
  mailboxTransport,
  type Transport,
} from '../../repos/notifications.ts';
import {
  deferItem,
  deliverToMailbox,
  enqueue,
  listPending,
  outboxPut,
  skipItem,
} from '../../repos/outbox.ts';
import { liveOnly } from '../review-access.ts';

export interface DeliveryReport {
  messages: number;
  items: number;
  skipped: number;
  deferred: number;
  /** Deliveries another run claimed first (nothing written by this one). */
  lostRaces: number;
  /** External sends that failed (the message stays in the in-app mailbox). */
  transportFailures: number;
}

/**
 * Delivers what is due in the outbox: per recipient and preference, one message per run for
 * immediate items, one digest per day for digest items, nothing for kinds turned off. Safe to
 * run concurrently: every item is claimed by a conditional update with its message.
 */
export const deliverOutbox = async (
  now: Date,
  transport: Transport = mailboxTransport,
  policy: NotificationPolicy = DEFAULT_NOTIFICATION_POLICY,
): Promise<DeliveryReport> => {
  const pending = await listPending(now);
  const report: DeliveryReport = {
    messages: 0,
    items: 0,
    skipped: 0,
    deferred: 0,
    lostRaces: 0,
    transportFailures: 0,
  };
  if (pending.length === 0) return report;
  const prefs = await getPreferencesOf(pending.map((p) => p.recipient));
  const plan = planDelivery(pending, (sub) => prefs.get(sub) ?? DEFAULT_PREFERENCES, now, policy);
  for (const item of plan.skipped) if (await skipItem(item, now)) report.skipped += 1;
  for (const { item, until } of plan.deferred) if (await deferItem(item, until)) report.deferred += 1;
  for (const d of plan.deliveries) {
    const message = await deliverToMailbox(
      d.recipient,
      d.mode,
      subjectOf(d.mode, d.items),
      d.items,
      now,
      transport.name,
      policy,
    );
    if (!message) {
      report.lostRaces += 1;
      continue;
    }
    report.messages += 1;
    report.items += d.items.length;
    try {
      await transport.send(message);
    } catch (err) {
      report.transportFailures += 1;
      logger.error('notification transport failed; the message stays in the in-app mailbox', {
        transport: transport.name,
        messageId: message.messageId,
        err,
      });
    }
  }
  return report;
};

/** Which States a deadline concerns: the reviewed State's steps, or the reviewers' feedback. */
const audienceOfDeadline = (kind: DeadlineKind) =>
  kind === 'feedback' ? ({ to: 'reviewers' } as const) : ({ to: 'reviewed' } as const);

/**
 * Queues deadline reminders for every open review: for each unmet deadline, the latest reminder
 * due now (earlier ones that were never sent are dropped rather than sent in a burst). Each
 * reminder has a deterministic id, so a second sweep on the same day queues nothing new.
 * Missed deadlines also go to the secretariat.
 */
export const queueReminders = async (now: Date): Promise<{ queued: number; reviews: number }> => {
  const reviews = await liveOnly(await listOpenReviews());
  let queued = 0;
  for (const r of reviews) {
    const policy = DEADLINE_PRESETS[r.mechanism];
    const latest = new Map<DeadlineKind, Reminder>();
    for (const rem of remindersDue(r.deadlines, policy, now)) {
      // Before a naming deadline every State is reminded per State (people/naming-reminders.ts).
      if (rem.offsetDays < 0 && isNamingKind(rem.kind)) continue;
      const prior = latest.get(rem.kind);
      if (!prior || prior.at < rem.at) latest.set(rem.kind, rem);
    }
    for (const rem of latest.values()) {
      queued += await enqueue(
        outboxPut({
          kind: rem.offsetDays < 0 ? 'deadline-approaching' : 'deadline-missed',
          review: r,
          audience: audienceOfDeadline(rem.kind),
          secretariat: rem.offsetDays > 0,
          text: `Review ${r.reviewId}: ${reminderText(rem.kind, rem.due, rem.offsetDays)}`,
          now,
          outboxId: reminderId(r.reviewId, rem.kind, rem.offsetDays, rem.due),
        }),
      );
    }
  }
  return { queued, reviews: reviews.length };
};
