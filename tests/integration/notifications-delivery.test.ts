/**
 * The outbox and its delivery on the embedded DynamoDB: exactly once under racing runs, per-user
 * preferences (immediate, daily digest, off), deadline reminders queued once, the dev mailbox.
 * Each test uses its own recipients, so a run that delivers everything due does not disturb the
 * others.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEADLINE_PRESETS, initialDeadlines } from '#shared/domain/workflow.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
// Loaded after the platform has set the environment (the logger reads the configuration once).
const { deliverOutbox, queueReminders } = await import('#shared/use-cases/reviews/scheduled.ts');
const { enqueue, outboxItemsOf, outboxPut } = await import('#shared/repos/outbox.ts');
const { externalTransport, listMailbox, putPreferences } = await import('#shared/repos/notifications.ts');
const { withDefaults, reminderId } = await import('#shared/domain/notifications.ts');
const { handler } = await import('#functions/scheduled.ts');

const reviewWith = (reviewId: string, subs: string[]) => ({
  reviewId,
  reviewedState: 'CIV',
  reviewerStates: ['GHA'],
  contacts: { CIV: { experts: subs } },
});

const queue = (
  reviewId: string,
  subs: string[],
  at: string,
  kind: 'response' | 'comment' = 'response',
  text = 'x',
) =>
  enqueue(
    outboxPut({
      kind,
      review: reviewWith(reviewId, subs),
      audience: { to: 'reviewed' },
      text,
      now: new Date(at),
    }),
  );

const mailbox = (sub: string) => listMailbox([sub], { limit: 100 });

describe('outbox delivery', () => {
  it('delivers each item exactly once even when two runs race', async () => {
    const subs = ['race-a', 'race-b', 'race-c'];
    for (let i = 0; i < 5; i += 1)
      await queue('R.RACE', subs, '2026-04-01T10:00:00.000Z', 'response', `m${i}`);
    const now = new Date('2026-04-01T10:05:00.000Z');
    await Promise.all([deliverOutbox(now), deliverOutbox(now)]);
    // Whatever a collision left pending goes out on the next run, never twice.
    await deliverOutbox(now);
    for (const sub of subs) {
      const texts = (await mailbox(sub)).flatMap((m) => m.items.map((i) => i.text));
      expect(texts.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    }
  });

  it('sends one message per person per run for immediate items, and marks the items delivered', async () => {
    await queue('R.ONE', ['one-a'], '2026-04-02T10:00:00.000Z', 'response', 'first');
    await queue('R.ONE', ['one-a'], '2026-04-02T10:01:00.000Z', 'response', 'second');
    const report = await deliverOutbox(new Date('2026-04-02T10:05:00.000Z'));
    expect(report.messages).toBeGreaterThanOrEqual(1);
    const box = await mailbox('one-a');
    expect(box).toHaveLength(1);
    expect(box[0]?.subject).toBe('2 updates on your reviews');
    expect(box[0]?.items.map((i) => i.text)).toEqual(['first', 'second']);
    expect((await deliverOutbox(new Date('2026-04-02T10:10:00.000Z'))).items).toBe(0);
    expect(await mailbox('one-a')).toHaveLength(1);
  });

  it('holds digest items until the digest hour and then sends one digest for the day', async () => {
    await queue('R.DIG', ['dig-a'], '2026-04-03T09:00:00.000Z', 'comment', 'morning');
    await queue('R.DIG', ['dig-a'], '2026-04-03T20:00:00.000Z', 'comment', 'evening');
    await deliverOutbox(new Date('2026-04-03T21:00:00.000Z'));
    expect(await mailbox('dig-a')).toHaveLength(0);
    await deliverOutbox(new Date('2026-04-04T07:01:00.000Z'));
    await deliverOutbox(new Date('2026-04-04T07:06:00.000Z'));
    const box = await mailbox('dig-a');
    expect(box).toHaveLength(1);
    expect(box[0]?.mode).toBe('daily-digest');
    expect(box[0]?.subject).toBe('Daily digest: 2 updates');
  });

  it('never delivers a kind the person turned off, and applies a change of mind to what is pending', async () => {
    await putPreferences('off-a', withDefaults({ response: 'off' }), new Date());
    await putPreferences('now-a', withDefaults({ comment: 'immediate' }), new Date());
    await queue('R.OFF', ['off-a', 'now-a'], '2026-04-05T10:00:00.000Z', 'response', 'r');
    await queue('R.OFF', ['now-a'], '2026-04-05T10:00:00.000Z', 'comment', 'c');
    const report = await deliverOutbox(new Date('2026-04-05T10:05:00.000Z'));
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    expect(await mailbox('off-a')).toHaveLength(0);
    expect((await mailbox('now-a')).flatMap((m) => m.items.map((i) => i.text)).sort()).toEqual(['c', 'r']);
  });

  it('keeps the message in the in-app mailbox when the external transport fails', async () => {
    await queue('R.SES', ['ses-a'], '2026-04-06T10:00:00.000Z');
    const report = await deliverOutbox(new Date('2026-04-06T10:05:00.000Z'), externalTransport('ses'));
    expect(report.transportFailures).toBeGreaterThanOrEqual(1);
    expect(await mailbox('ses-a')).toHaveLength(1);
  });

  it('hands each message to a wired external sender once', async () => {
    const sent: string[] = [];
    await queue('R.EB', ['eb-a'], '2026-04-07T10:00:00.000Z', 'response', 'to the bus');
    await deliverOutbox(
      new Date('2026-04-07T10:05:00.000Z'),
      externalTransport('eventbridge', async (m) => {
        if (m.recipient === 'eb-a') sent.push(m.body);
      }),
    );
    expect(sent).toEqual(['- [R.EB] to the bus']);
  });
});

describe('deadline reminders', () => {
  it('queues the reminder due now once per deadline and offset, to the State or its named people', async () => {
    // Started 2026-01-15: focal point due 01-29, experts due 02-12. Six days before the expert deadline.
    const r = await seedReview({ cycleId: 'REM', state: 'assigned' });
    const day = new Date('2026-02-06T06:00:00.000Z');
    const first = await queueReminders(day);
    // focal point: missed (+7 reminder on 02-05). Experts approaching: per State, from the naming
    // reminders (tests/integration/naming-reminders.test.ts), not from this sweep.
    expect(first.queued).toBeGreaterThanOrEqual(1);
    expect((await queueReminders(day)).queued).toBe(0);
    expect(await outboxItemsOf(reminderId(r.reviewId, 'experts', -7, r.deadlines[1]?.due ?? ''))).toEqual([]);
    const focal = await outboxItemsOf(reminderId(r.reviewId, 'focal-point', 7, r.deadlines[0]?.due ?? ''));
    expect(focal.map((i) => [i.recipient, i.kind])).toEqual([
      ['role:secretariat', 'deadline-missed'],
      ['state:CIV', 'deadline-missed'],
    ]);
    // The earlier reminders of the focal point deadline (-7, -1, +1) were never queued: no burst.
    expect(await outboxItemsOf(reminderId(r.reviewId, 'focal-point', -7, r.deadlines[0]?.due ?? ''))).toEqual(
      [],
    );
  });

  it('runs from the scheduled handler and shows up in the dev mailbox of the State users', async () => {
    // The handler uses the real clock: a review that started 20 days before it has missed its
    // focal point deadline (14 days), whatever today is.
    const startedAt = new Date(Date.now() - 20 * 86_400_000).toISOString();
    await seedReview({
      cycleId: 'REMNOW',
      state: 'assigned',
      deadlines: initialDeadlines(startedAt, DEADLINE_PRESETS.untoc),
    });
    const result = await handler({ task: 'deadline-reminders' });
    expect(result).toMatchObject({ task: 'deadline-reminders', handled: true });
    const res = await fetch(`${platform.url}/dev/mailbox`, {
      headers: { authorization: `Bearer ${await platform.tokenFor('civ-expert')}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      messages: { recipient: string; items: { kind: string; text: string }[] }[];
    };
    expect(
      body.messages.some(
        (m) =>
          m.recipient === 'state:CIV' &&
          m.items.some((i) => i.text.startsWith('Review REMNOW.CIV: The focal-point deadline passed')),
      ),
    ).toBe(true);
    expect((await fetch(`${platform.url}/dev/mailbox?sub=civ-expert`)).status).toBe(401);
  });
});
