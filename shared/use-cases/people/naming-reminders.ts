/**
 * The scheduled sweep's reminders to name focal points and experts (domain/naming-reminders.ts),
 * for every open review and every participating State that has not named them. Each reminder is
 * queued in one transaction with its audit entry in the review's history, conditional on the
 * reminder's deterministic id not being queued yet: a second sweep (or two racing) queues and
 * audits nothing new.
 */
import { ANONYMOUS } from '../../auth/principal.ts';
import { config } from '../../config.ts';
import { ConflictError } from '../../domain/errors.ts';
import { namingRemindersDue } from '../../domain/naming-reminders.ts';
import { auditPut, auditScope } from '../../repos/audit.ts';
import { cancellationReasons, writeAll } from '../../repos/dynamo.ts';
import { listOpenReviews } from '../../repos/notifications.ts';
import { outboxPut } from '../../repos/outbox.ts';
import { liveOnly } from '../review-access.ts';

export const queueNamingReminders = async (
  now: Date,
  leadDays: number = config().NAMING_REMINDER_LEAD_DAYS,
): Promise<{ queued: number; reviews: number }> => {
  const reviews = await liveOnly(await listOpenReviews());
  let queued = 0;
  for (const r of reviews) {
    for (const rem of namingRemindersDue(r, leadDays, now)) {
      const puts = outboxPut({
        kind: 'deadline-approaching',
        review: r,
        audience: { to: 'states', states: [rem.state] },
        text: rem.text,
        now,
        outboxId: rem.id,
      });
      const audit = auditPut(auditScope.review(r.reviewId), {
        principal: ANONYMOUS,
        now,
        action: 'reminder.naming',
        object: `review/${r.reviewId}`,
        details: {
          state: rem.state,
          kind: rem.kind,
          due: rem.due,
          stage: rem.stage,
          recipients: puts.map((p) => p.Put.Item.recipient),
        },
      });
      try {
        await writeAll([...puts, audit], 'reminder already queued');
        queued += 1;
      } catch (err) {
        // Queued before (the id says so), or by a sweep racing this one: nothing written here.
        if (!(err instanceof ConflictError || cancellationReasons(err).includes('TransactionConflict')))
          throw err;
      }
    }
  }
  return { queued, reviews: reviews.length };
};
