/**
 * Notifications, pure: what can be notified, how each person wants it (immediate, daily digest,
 * off), who the recipients of a review event are, and how a batch of pending messages is planned
 * into deliveries so that nobody gets flooded (one message per person per run for immediate
 * events, one digest per person per day). The repositories and the scheduled function do the I/O.
 */
import * as z from 'zod';
import type { Iso3 } from './types.ts';

export const NOTIFICATION_KINDS = [
  'comment',
  'response',
  'deadline-approaching',
  'deadline-missed',
  'state-changed',
  'assignment',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const DELIVERY_MODES = ['immediate', 'daily-digest', 'off'] as const;
export const DeliveryModeSchema = z.enum(DELIVERY_MODES);

export const NotificationPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, DeliveryModeSchema])) as Record<
    NotificationKind,
    typeof DeliveryModeSchema
  >,
);
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** A partial update of preferences (only the kinds given change). */
export const NotificationPreferencesPatchSchema = NotificationPreferencesSchema.partial();
export type NotificationPreferencesPatch = z.infer<typeof NotificationPreferencesPatchSchema>;

/**
 * Defaults for someone who never set preferences. Comments can be many during a dialogue, so
 * they come as a daily digest; deadlines and responses to one's own comments come at once.
 */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  comment: 'daily-digest',
  response: 'immediate',
  'deadline-approaching': 'immediate',
  'deadline-missed': 'immediate',
  'state-changed': 'daily-digest',
  assignment: 'immediate',
};

export const withDefaults = (patch: NotificationPreferencesPatch | undefined): NotificationPreferences => ({
  ...DEFAULT_PREFERENCES,
  ...patch,
});

const NotificationPolicySchema = z.object({
  /** Hour (UTC) at which daily digests are due; a digest collects everything since the last one. */
  digestHourUtc: z.number().int().min(0).max(23),
  /** Delivered messages stay readable in the in-app mailbox this long (DynamoDB TTL). */
  mailboxRetentionDays: z.number().int().positive(),
  /** Most items in one digest message (a transaction writes the message and marks each item). */
  maxItemsPerMessage: z.number().int().min(1).max(90),
});
export type NotificationPolicy = z.infer<typeof NotificationPolicySchema>;

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = {
  digestHourUtc: 7,
  mailboxRetentionDays: 180,
  maxItemsPerMessage: 50,
};

/** Who in a review should hear about an event. */
export type Audience =
  | { to: 'reviewed' }
  | { to: 'reviewers' }
  | { to: 'parties' }
  | { to: 'states'; states: readonly Iso3[] }
  | { to: 'users'; subs: readonly string[] };

/** The parts of a review recipients are resolved from: the named focal points and experts. */
export interface RecipientScope {
  reviewedState: Iso3;
  reviewerStates: readonly Iso3[];
  contacts: Readonly<Record<string, { focalPoint?: string; experts: readonly string[] }>>;
}

const statesOf = (review: RecipientScope, a: Audience): readonly Iso3[] => {
  switch (a.to) {
    case 'reviewed':
      return [review.reviewedState];
    case 'reviewers':
      return review.reviewerStates;
    case 'parties':
      return [review.reviewedState, ...review.reviewerStates];
    case 'states':
      return a.states;
    case 'users':
      return [];
  }
};

/** The group mailbox of everyone acting for a State (read by its focal points and experts). */
const stateMailbox = (iso3: Iso3): string => `state:${iso3}`;
/** The group mailbox of the secretariat. */
export const SECRETARIAT_MAILBOX = 'role:secretariat';

/** The mailboxes a user reads: their own, their State's group mailbox, the secretariat's. */
export const mailboxesOf = (user: { sub: string; role: string; state: Iso3 | null }): string[] => {
  const boxes = [user.sub];
  if (user.state && (user.role === 'focal-point' || user.role === 'expert'))
    boxes.push(stateMailbox(user.state));
  if (user.role === 'secretariat') boxes.push(SECRETARIAT_MAILBOX);
  return boxes;
};

/**
 * The recipients (user subs or group mailboxes), sorted and without duplicates; the actor is
 * never notified of their own action. People are reached through the contacts named on the
 * review; a State that has named nobody yet is reached through its group mailbox, so a reminder
 * to name a focal point is not lost.
 */
export const resolveRecipients = (
  review: RecipientScope,
  audience: Audience,
  actorSub?: string,
  opts: { secretariat?: boolean } = {},
): string[] => {
  const subs = new Set<string>(audience.to === 'users' ? audience.subs : []);
  for (const iso3 of statesOf(review, audience)) {
    const c = review.contacts[iso3];
    const named = [...(c?.focalPoint ? [c.focalPoint] : []), ...(c?.experts ?? [])];
    if (named.length === 0) subs.add(stateMailbox(iso3));
    for (const s of named) subs.add(s);
  }
  if (opts.secretariat) subs.add(SECRETARIAT_MAILBOX);
  if (actorSub) subs.delete(actorSub);
  return [...subs].sort();
};

/** The first digest time strictly after `at`: digests collect everything queued before them. */
export const nextDigestAt = (at: Date, policy: Pick<NotificationPolicy, 'digestHourUtc'>): Date => {
  const d = new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), policy.digestHourUtc, 0, 0, 0),
  );
  if (d.getTime() <= at.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

/** One pending outbox item, as the planner sees it. */
export interface PendingItem {
  /** Identifies the item in the table (outbox id + recipient). */
  outboxId: string;
  recipient: string;
  kind: NotificationKind;
  reviewId: string;
  text: string;
  createdAt: string;
  /** When it may be delivered. */
  dueAt: string;
}

export type DeliveryPlan = {
  /** One message per recipient and mode: a batch of immediate items, or a digest. */
  deliveries: { recipient: string; mode: 'immediate' | 'daily-digest'; items: PendingItem[] }[];
  /** Items whose recipient turned the kind off: marked skipped, never delivered. */
  skipped: PendingItem[];
  /** Digest items not due yet: moved to the digest time. */
  deferred: { item: PendingItem; until: string }[];
};

/**
 * Plans one delivery run. Preferences are read at delivery time, so a change applies to what
 * is still pending. Immediate items of one person go out as one message; digest items wait for
 * the next digest time after they were queued, and all of one person's due digest items go out
 * together (so at most one digest per day, however many runs there are).
 */
export const planDelivery = (
  pending: readonly PendingItem[],
  prefsOf: (sub: string) => NotificationPreferences,
  now: Date,
  policy: NotificationPolicy = DEFAULT_NOTIFICATION_POLICY,
): DeliveryPlan => {
  const plan: DeliveryPlan = { deliveries: [], skipped: [], deferred: [] };
  const groups = new Map<
    string,
    { recipient: string; mode: 'immediate' | 'daily-digest'; items: PendingItem[] }
  >();
  const ordered = [...pending].sort(
    (a, b) =>
      a.recipient.localeCompare(b.recipient) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.outboxId.localeCompare(b.outboxId),
  );
  for (const item of ordered) {
    const mode = prefsOf(item.recipient)[item.kind];
    if (mode === 'off') {
      plan.skipped.push(item);
      continue;
    }
    if (mode === 'daily-digest') {
      const due = nextDigestAt(new Date(item.createdAt), policy);
      if (due.getTime() > now.getTime()) {
        plan.deferred.push({ item, until: due.toISOString() });
        continue;
      }
    }
    const key = `${item.recipient}\u0000${mode}`;
    let group = groups.get(key);
    if (!group || group.items.length >= policy.maxItemsPerMessage) {
      group = { recipient: item.recipient, mode, items: [] };
      groups.set(key, group);
      plan.deliveries.push(group);
    }
    group.items.push(item);
  }
  return plan;
};

const KIND_TITLES: Record<NotificationKind, string> = {
  comment: 'New comment',
  response: 'New response',
  'deadline-approaching': 'Deadline approaching',
  'deadline-missed': 'Deadline missed',
  'state-changed': 'Review moved on',
  assignment: 'Assignment',
};

/** The subject line of a delivered message. */
export const subjectOf = (mode: 'immediate' | 'daily-digest', items: readonly PendingItem[]): string => {
  const first = items[0];
  if (mode === 'daily-digest') return `Daily digest: ${items.length} update${items.length === 1 ? '' : 's'}`;
  if (!first) return 'Notification';
  if (items.length === 1) return `${KIND_TITLES[first.kind]}: review ${first.reviewId}`;
  return `${items.length} updates on your reviews`;
};

/** Deterministic id of a deadline reminder, so each (review, deadline, offset, due) is queued once. */
export const reminderId = (reviewId: string, kind: string, offsetDays: number, due: string): string =>
  `reminder#${reviewId}#${kind}#${offsetDays}#${due}`;

/** The text of a deadline reminder. */
export const reminderText = (kind: string, due: string, offsetDays: number): string => {
  const day = due.slice(0, 10);
  if (offsetDays < 0)
    return `The ${kind} deadline is due on ${day} (in ${-offsetDays} day${offsetDays === -1 ? '' : 's'}).`;
  return `The ${kind} deadline passed on ${day} (${offsetDays} day${offsetDays === 1 ? '' : 's'} ago) and is not met yet.`;
};

export const MailboxMessageSchema = z.object({
  messageId: z.string(),
  recipient: z.string(),
  mode: z.enum(['immediate', 'daily-digest']),
  subject: z.string(),
  items: z.array(
    z.object({
      kind: NotificationKindSchema,
      reviewId: z.string(),
      text: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  reviewIds: z.array(z.string()),
  deliveredAt: z.iso.datetime(),
  transport: z.string(),
});

export type MailboxMessage = z.infer<typeof MailboxMessageSchema>;
