/**
 * Per-user notification state: delivery preferences, the in-app mailbox (messages the scheduled
 * delivery wrote, see outbox.ts) and a "read up to" marker, so a dashboard can say what is new.
 *
 * Item layout: preferences pk `USER#{sub}`, sk `NOTIFY#PREFS`; read marker pk `USER#{sub}`,
 * sk `NOTIFY#READ`; messages pk `MAILBOX#{recipient}`, sk `MSG#{deliveredAt}#{messageId}`.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '../aws/clients.ts';
import { ConflictError } from '../domain/errors.ts';
import {
  type MailboxMessage,
  MailboxMessageSchema,
  type NotificationPreferences,
  type NotificationPreferencesPatch,
  NotificationPreferencesPatchSchema,
  withDefaults,
} from '../domain/notifications.ts';
import { type Review, ReviewSchema } from '../domain/review.ts';
import { emailTransport } from '../mail/notification-mail.ts';
import { tableName } from './dynamo.ts';
import { notificationKeys, reviewKeys } from './keys.ts';

const prefsKey = notificationKeys.preferences;
const readKey = notificationKeys.read;

export const getPreferences = async (sub: string): Promise<NotificationPreferences> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: prefsKey(sub), ConsistentRead: true }),
  );
  return withDefaults(res.Item ? NotificationPreferencesPatchSchema.parse(res.Item.preferences) : undefined);
};

/** Preferences of many recipients at once (the delivery run); missing ones get the defaults. */
export const getPreferencesOf = async (
  subs: readonly string[],
): Promise<Map<string, NotificationPreferences>> => {
  const out = new Map<string, NotificationPreferences>();
  const unique = [...new Set(subs)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(prefsKey);
    while (keys && keys.length > 0) {
      const res: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }),
      );
      for (const item of res.Responses?.[tableName()] ?? []) {
        const sub = String(item.pk).slice('USER#'.length);
        out.set(sub, withDefaults(NotificationPreferencesPatchSchema.parse(item.preferences)));
      }
      keys = res.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  for (const s of unique) if (!out.has(s)) out.set(s, withDefaults(undefined));
  return out;
};

const MAX_PREFERENCE_ATTEMPTS = 8;

/** The condition that the preferences item is as read (items from before versions count as 0). */
const unchangedSince = (exists: boolean, version: number) =>
  !exists
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : version === 0
      ? { ConditionExpression: 'attribute_not_exists(version)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } };

/**
 * Changes the kinds in `patch` and keeps the others: read, merge, then write only if nobody
 * wrote in between (the item's `version`); a lost race is merged again on a fresh read, so
 * concurrent changes of different kinds all survive. Returns the preferences as written.
 */
export const putPreferences = async (
  sub: string,
  patch: NotificationPreferencesPatch,
  now: Date,
): Promise<NotificationPreferences> => {
  for (let attempt = 1; ; attempt++) {
    const res = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: prefsKey(sub), ConsistentRead: true }),
    );
    const stored = res.Item ? NotificationPreferencesPatchSchema.parse(res.Item.preferences) : undefined;
    const version = typeof res.Item?.version === 'number' ? res.Item.version : 0;
    const next = withDefaults({ ...stored, ...patch });
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...prefsKey(sub), preferences: next, version: version + 1, updatedAt: now.toISOString() },
          ...unchangedSince(res.Item !== undefined, version),
        }),
      );
      return next;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      if (attempt >= MAX_PREFERENCE_ATTEMPTS)
        throw new ConflictError('notification preferences are being changed elsewhere; try again');
    }
  }
};

/** Newest first, across the given mailboxes (a user's own and their group mailboxes). */
export const listMailbox = async (
  mailboxes: readonly string[],
  opts: { limit: number; before?: string },
): Promise<MailboxMessage[]> => {
  const all: MailboxMessage[] = [];
  for (const box of mailboxes) {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: opts.before
          ? 'pk = :pk AND sk < :before'
          : 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: {
          ':pk': notificationKeys.mailbox(box),
          ...(opts.before
            ? { ':before': notificationKeys.messagesBefore(opts.before) }
            : { ':msg': notificationKeys.messagePrefix }),
        },
        ScanIndexForward: false,
        Limit: opts.limit,
      }),
    );
    for (const i of res.Items ?? []) all.push(MailboxMessageSchema.parse(i));
  }
  return all
    .sort((a, b) => b.deliveredAt.localeCompare(a.deliveredAt) || b.messageId.localeCompare(a.messageId))
    .slice(0, opts.limit);
};

const ReadMarkerSchema = z.object({ readUpTo: z.iso.datetime() });

/** When the user last marked their notifications read (null: never). */
export const getReadMarker = async (sub: string): Promise<string | null> => {
  const res = await dynamo().send(new GetCommand({ TableName: tableName(), Key: readKey(sub) }));
  return res.Item ? ReadMarkerSchema.parse(res.Item).readUpTo : null;
};

/** Moves the marker forward only (a stale tab cannot make old messages unread again). */
export const setReadMarker = async (sub: string, readUpTo: string): Promise<string> => {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...readKey(sub), readUpTo },
        ConditionExpression: 'attribute_not_exists(pk) OR readUpTo < :t',
        ExpressionAttributeValues: { ':t': readUpTo },
      }),
    );
    return readUpTo;
  } catch {
    return (await getReadMarker(sub)) ?? readUpTo;
  }
};

/** Messages delivered after `since` (all when null), newest first, from the given mailboxes. */
export const unreadMessages = async (
  mailboxes: readonly string[],
  since: string | null,
  limit = 200,
): Promise<MailboxMessage[]> => {
  const all: MailboxMessage[] = [];
  for (const box of mailboxes) {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk > :from',
        ExpressionAttributeValues: {
          ':pk': notificationKeys.mailbox(box),
          ':from': since ? notificationKeys.messagesAfter(since) : notificationKeys.messagePrefix,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    for (const i of res.Items ?? []) all.push(MailboxMessageSchema.parse(i));
  }
  return all;
};

/**
 * Where a delivered message goes besides the in-app mailbox (which delivery always writes, in
 * the same transaction that claims the outbox items). `mailbox` adds nothing; `ses` and
 * `eventbridge` hand the message to a sender that the AWS wiring supplies. No SES or
 * EventBridge client is bundled or exercised here: without a sender they fail loudly.
 */
export interface Transport {
  readonly name: 'mailbox' | 'email' | 'ses' | 'eventbridge';
  send: (message: MailboxMessage) => Promise<void>;
}

export const mailboxTransport: Transport = { name: 'mailbox', send: async () => undefined };

/** The shape of one outgoing message for an external channel (e-mail, event). */
export interface OutgoingMessage {
  recipient: string;
  subject: string;
  body: string;
  messageId: string;
}

const toOutgoing = (m: MailboxMessage): OutgoingMessage => ({
  recipient: m.recipient,
  subject: m.subject,
  messageId: m.messageId,
  body: m.items.map((i) => `- [${i.reviewId}] ${i.text}`).join('\n'),
});

export const externalTransport = (
  name: 'ses' | 'eventbridge',
  sender?: (out: OutgoingMessage) => Promise<void>,
): Transport => ({
  name,
  send: async (m) => {
    if (!sender) throw new Error(`NOTIFY_TRANSPORT=${name}: no ${name} sender is wired in this deployment`);
    await sender(toOutgoing(m));
  },
});

/** The transport the configuration selects. */
export const transportFor = (name: Transport['name']): Transport =>
  name === 'mailbox' ? mailboxTransport : name === 'email' ? emailTransport : externalTransport(name);

/**
 * Every review not yet published, for the daily reminder sweep. A filtered scan: the sweep runs
 * once a day over a table of a few thousand items; the review items carry no index by deadline
 * (their layout belongs to the reviews repository), so this is the honest cost for now.
 */
export const listOpenReviews = async (): Promise<Review[]> => {
  const out: Review[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'sk = :meta AND begins_with(pk, :rev) AND #st <> :published',
        ExpressionAttributeNames: { '#st': 'state' },
        ExpressionAttributeValues: {
          ':meta': reviewKeys.metaSk,
          ':rev': reviewKeys.partitionPrefix,
          ':published': 'published',
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const i of res.Items ?? []) out.push(ReviewSchema.parse(i));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};
