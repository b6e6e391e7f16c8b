/**
 * EventBridge Scheduler target (infra/constructs/schedules.ts): the daily deadline-reminder sweep
 * and the frequent outbox delivery. Thin: it picks the use case by `event.task`.
 */
import type { ScheduledTask } from '#infra/constructs/schedules.ts';
import { config } from '#shared/config.ts';
import { logger } from '#shared/logger.ts';
import { transportFor } from '#shared/repos/notifications.ts';
import { queueNamingReminders } from '#shared/use-cases/people/naming-reminders.ts';
import { deliverOutbox, queueReminders } from '#shared/use-cases/reviews/scheduled.ts';

export interface ScheduledEvent {
  task: ScheduledTask;
}

const transport = transportFor(config().NOTIFY_TRANSPORT);

export const handler = async (
  event: ScheduledEvent,
): Promise<{ task: ScheduledTask; handled: boolean; result?: unknown }> => {
  const now = new Date();
  switch (event.task) {
    case 'deadline-reminders': {
      // Queue first, then deliver right away so "immediate" reminders do not wait for the next tick.
      const queued = await queueReminders(now);
      const naming = await queueNamingReminders(now);
      const delivered = await deliverOutbox(now, transport);
      logger.info('deadline reminders', { queued, naming, delivered });
      return { task: event.task, handled: true, result: { queued, naming, delivered } };
    }
    case 'outbox-delivery': {
      const delivered = await deliverOutbox(now, transport);
      logger.info('outbox delivered', { delivered });
      return { task: event.task, handled: true, result: delivered };
    }
    default:
      logger.warn('unknown scheduled task', { task: event.task });
      return { task: event.task, handled: false };
  }
};
