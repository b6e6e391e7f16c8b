/** The caller's notification preferences and in-app mailbox. */
import type { User } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { mailboxesOf, type NotificationPreferencesPatch } from '../../domain/notifications.ts';
import {
  getPreferences,
  getReadMarker,
  listMailbox,
  putPreferences,
  setReadMarker,
} from '../../repos/notifications.ts';
import type { UseCaseContext } from '../context.ts';

export const getNotificationPreferences = async (actor: User) => {
  assertCan(actor, 'notifications.preferences');
  return getPreferences(actor.sub);
};

/** Only the kinds given change, merged atomically with concurrent changes of the others. */
export const putNotificationPreferences = async (
  actor: User,
  patch: NotificationPreferencesPatch,
  { now }: UseCaseContext,
) => {
  assertCan(actor, 'notifications.preferences');
  return putPreferences(actor.sub, patch, now);
};

/** The caller's delivered messages, newest first, each marked unread when after the read marker. */
export const listMyNotifications = async (
  actor: User,
  input: { limit: number; before?: string | undefined },
) => {
  assertCan(actor, 'mailbox.read');
  const [messages, readUpTo] = await Promise.all([
    listMailbox(mailboxesOf(actor), { limit: input.limit, before: input.before }),
    getReadMarker(actor.sub),
  ]);
  return {
    messages: messages.map((m) => ({ ...m, unread: readUpTo === null || m.deliveredAt > readUpTo })),
    readUpTo,
  };
};

/** Moves the read marker up to `upTo` (default now); it only moves forward. */
export const markNotificationsRead = async (
  actor: User,
  input: { upTo?: string | undefined },
  { now }: UseCaseContext,
) => {
  assertCan(actor, 'mailbox.read');
  const upTo = input.upTo ? new Date(input.upTo).toISOString() : now.toISOString();
  return { readUpTo: await setReadMarker(actor.sub, upTo) };
};
