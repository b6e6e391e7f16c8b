import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  mailboxesOf,
  type NotificationPreferences,
  nextDigestAt,
  type PendingItem,
  planDelivery,
  reminderId,
  resolveRecipients,
  SECRETARIAT_MAILBOX,
  withDefaults,
} from '#shared/domain/notifications.ts';

const review = {
  reviewedState: 'CIV',
  reviewerStates: ['GHA', 'TUR'],
  contacts: {
    CIV: { focalPoint: 'civ-focal', experts: ['civ-expert'] },
    GHA: { focalPoint: 'gha-focal', experts: ['gha-expert', 'gha-focal'] },
  },
};

const item = (over: Partial<PendingItem>): PendingItem => ({
  outboxId: 'o1',
  recipient: 'civ-focal',
  kind: 'response',
  reviewId: 'C2026.CIV',
  text: 'x',
  createdAt: '2026-03-01T10:00:00.000Z',
  dueAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

const prefs =
  (bySub: Record<string, Partial<NotificationPreferences>>) =>
  (sub: string): NotificationPreferences =>
    withDefaults(bySub[sub]);

describe('notification recipients', () => {
  it('reaches the named contacts of the reviewing States, each once, and never the actor', () => {
    expect(resolveRecipients(review, { to: 'reviewers' }, 'gha-expert')).toEqual(['gha-focal', 'state:TUR']);
  });

  it('falls back to the group mailbox of a State that has named nobody', () => {
    expect(resolveRecipients({ ...review, contacts: {} }, { to: 'reviewed' })).toEqual(['state:CIV']);
  });

  it('adds the secretariat mailbox when asked and lists explicit users', () => {
    expect(
      resolveRecipients(review, { to: 'users', subs: ['x', 'x'] }, undefined, { secretariat: true }),
    ).toEqual([SECRETARIAT_MAILBOX, 'x']);
  });

  it('gives State users their State mailbox and the secretariat its group mailbox', () => {
    expect(mailboxesOf({ sub: 'civ-expert', role: 'expert', state: 'CIV' })).toEqual([
      'civ-expert',
      'state:CIV',
    ]);
    expect(mailboxesOf({ sub: 's', role: 'secretariat', state: null })).toEqual(['s', SECRETARIAT_MAILBOX]);
    expect(mailboxesOf({ sub: 'o', role: 'observer', state: null })).toEqual(['o']);
  });
});

describe('delivery planning', () => {
  it('puts the daily digest at the next digest hour strictly after the event', () => {
    expect(nextDigestAt(new Date('2026-03-01T06:59:00Z'), { digestHourUtc: 7 }).toISOString()).toBe(
      '2026-03-01T07:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2026-03-01T07:00:00Z'), { digestHourUtc: 7 }).toISOString()).toBe(
      '2026-03-02T07:00:00.000Z',
    );
  });

  it('groups one person’s immediate items into one message per run', () => {
    const plan = planDelivery(
      [item({ outboxId: 'a' }), item({ outboxId: 'b' }), item({ outboxId: 'c', recipient: 'tur-focal' })],
      prefs({}),
      new Date('2026-03-01T10:05:00Z'),
    );
    expect(plan.deliveries.map((d) => [d.recipient, d.mode, d.items.length])).toEqual([
      ['civ-focal', 'immediate', 2],
      ['tur-focal', 'immediate', 1],
    ]);
  });

  it('skips what a person turned off and defers digest items to the digest time', () => {
    const plan = planDelivery(
      [item({ kind: 'comment' }), item({ kind: 'response', recipient: 'tur-focal' })],
      prefs({ 'tur-focal': { response: 'off' } }),
      new Date('2026-03-01T10:05:00Z'),
    );
    expect(plan.deliveries).toEqual([]);
    expect(plan.skipped.map((i) => i.recipient)).toEqual(['tur-focal']);
    expect(plan.deferred).toEqual([{ item: item({ kind: 'comment' }), until: '2026-03-02T07:00:00.000Z' }]);
  });

  it('sends all due digest items of a day as one message', () => {
    const plan = planDelivery(
      [
        item({ kind: 'comment', outboxId: 'a', createdAt: '2026-03-01T08:00:00.000Z' }),
        item({ kind: 'comment', outboxId: 'b', createdAt: '2026-03-01T22:00:00.000Z' }),
      ],
      prefs({}),
      new Date('2026-03-02T07:05:00Z'),
    );
    expect(plan.deliveries).toHaveLength(1);
    expect(plan.deliveries[0]?.mode).toBe('daily-digest');
    expect(plan.deliveries[0]?.items.map((i) => i.outboxId)).toEqual(['a', 'b']);
  });

  it('splits a large batch into messages of at most the policy size', () => {
    const many = Array.from({ length: 7 }, (_, n) => item({ outboxId: `o${n}` }));
    const plan = planDelivery(many, () => DEFAULT_PREFERENCES, new Date('2026-03-02T00:00:00Z'), {
      digestHourUtc: 7,
      mailboxRetentionDays: 1,
      maxItemsPerMessage: 3,
    });
    expect(plan.deliveries.map((d) => d.items.length)).toEqual([3, 3, 1]);
  });

  it('identifies a reminder by review, deadline, offset and due date', () => {
    expect(reminderId('C.CIV', 'experts', -7, '2026-02-12T00:00:00.000Z')).toBe(
      'reminder#C.CIV#experts#-7#2026-02-12T00:00:00.000Z',
    );
  });
});
