/**
 * EventBridge Scheduler target (infra/constructs/schedules.ts): deadline reminders and outbox
 * delivery. A placeholder until the use cases exist: it logs the task and returns.
 */
import type { ScheduledTask } from '#infra/constructs/schedules.ts';
import { logger } from '#shared/logger.ts';

export interface ScheduledEvent {
  task: ScheduledTask;
}

export const handler = async (event: ScheduledEvent): Promise<{ task: ScheduledTask; handled: boolean }> => {
  logger.info('scheduled task received', { task: event.task });
  return { task: event.task, handled: false };
};
