/**
 * Naming reminders on the embedded DynamoDB, with the clock injected: every participating State
 * that has not named its focal point or experts is reminded before the deadline and in its last
 * day, to its named people or its group mailbox, once per State and deadline stage however often
 * the sweep runs, each reminder audited in the review's history.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
const { queueNamingReminders } = await import('#shared/use-cases/people/naming-reminders.ts');
const { queueReminders } = await import('#shared/use-cases/reviews/scheduled.ts');
const { namingReminderId } = await import('#shared/domain/naming-reminders.ts');
const { reminderId } = await import('#shared/domain/notifications.ts');
const { outboxItemsOf } = await import('#shared/repos/outbox.ts');
const { auditScope, listAudit } = await import('#shared/repos/audit.ts');

const namingAudit = async (reviewId: string) =>
  (await listAudit(auditScope.review(reviewId), { limit: 500 })).entries.filter(
    (e) => e.action === 'reminder.naming',
  );

describe('naming reminders', () => {
  it('reminds each State that has not named, once per deadline stage, audited, and not after the deadline', async () => {
    // Started 2026-01-15 09:00: focal points due 01-29 09:00, experts due 02-12 09:00.
    const r = await seedReview({
      cycleId: 'NAMING',
      state: 'assigned',
      contacts: { CIV: { focalPoint: 'civ-focal', experts: [] }, GHA: { experts: ['gha-expert'] } },
    });
    const focal = r.deadlines[0]?.due ?? '';
    const lead = new Date('2026-01-22T10:00:00.000Z');
    expect((await queueNamingReminders(lead, 7)).queued).toBe(2);
    // GHA named an expert (who hears it); TUR named nobody (its group mailbox); CIV has its focal point.
    const gha = await outboxItemsOf(namingReminderId(r.reviewId, 'GHA', 'focal-point', 'lead', focal));
    expect(gha.map((i) => [i.recipient, i.kind])).toEqual([['gha-expert', 'deadline-approaching']]);
    expect(gha[0]?.text).toContain('GHA has not named its focal point yet');
    const tur = await outboxItemsOf(namingReminderId(r.reviewId, 'TUR', 'focal-point', 'lead', focal));
    expect(tur.map((i) => i.recipient)).toEqual(['state:TUR']);
    expect(await outboxItemsOf(namingReminderId(r.reviewId, 'CIV', 'focal-point', 'lead', focal))).toEqual(
      [],
    );

    // The sweep again (and again, racing): nothing new queued, nothing audited twice.
    const again = await Promise.all([queueNamingReminders(lead, 7), queueNamingReminders(lead, 7)]);
    expect(again.map((a) => a.queued)).toEqual([0, 0]);
    // Entries of one instant are in no particular order: by State.
    const audited = (await namingAudit(r.reviewId)).sort((a, b) =>
      String(a.details?.state).localeCompare(String(b.details?.state)),
    );
    expect(audited.map((e) => [e.actor, e.details?.state, e.details?.kind, e.details?.stage])).toEqual([
      ['system', 'GHA', 'focal-point', 'lead'],
      ['system', 'TUR', 'focal-point', 'lead'],
    ]);
    expect(audited[0]?.details?.recipients).toEqual(['gha-expert']);

    // The deadline's last day: the second reminder, once.
    const lastDay = new Date('2026-01-28T12:00:00.000Z');
    expect((await queueNamingReminders(lastDay, 7)).queued).toBe(2);
    expect((await queueNamingReminders(lastDay, 7)).queued).toBe(0);
    const due = await outboxItemsOf(namingReminderId(r.reviewId, 'TUR', 'focal-point', 'due', focal));
    expect(due[0]?.text).toContain('the deadline is within a day');
    // Past the deadline nothing more from this sweep.
    expect((await queueNamingReminders(new Date('2026-01-29T10:00:00.000Z'), 7)).queued).toBe(0);
    expect(await namingAudit(r.reviewId)).toHaveLength(4);
  });

  it('replaces the reviewed State-only reminder before a naming deadline, so nobody gets it twice', async () => {
    const r = await seedReview({ cycleId: 'NAMING2', state: 'assigned' });
    const experts = r.deadlines[1]?.due ?? '';
    const day = new Date('2026-02-06T06:00:00.000Z');
    await queueReminders(day);
    await queueNamingReminders(day, 7);
    expect(await outboxItemsOf(reminderId(r.reviewId, 'experts', -7, experts))).toEqual([]);
    const civ = await outboxItemsOf(namingReminderId(r.reviewId, 'CIV', 'experts', 'lead', experts));
    expect(civ.map((i) => i.recipient)).toEqual(['state:CIV']);
  });
});
