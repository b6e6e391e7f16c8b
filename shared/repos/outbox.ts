/**
 * The notification outbox. A change that should notify people adds `outboxPut(...)` items to the
 * transaction that makes the change, so there is no notification without its change and no change
 * that forgets to notify. The scheduled function later reads the pending items (gsi2, by due
 * time) and delivers them: each item is claimed with a conditional update in the same transaction
 * that writes the delivered message, so an item is delivered exactly once even when two runs race.
 *
 * Item layout (single table):
 * - outbox item, one per (message, recipient):
 *   pk `OUTBOX#{outboxId}`, sk `TO#{recipient}`; while pending gsi2pk `OUTBOX#PENDING`,
 *   gsi2sk `{dueAt}#{outboxId}#{recipient}` (sparse: removed once delivered or skipped, and the
 *   item then expires through `expiresAt`).
 * - delivered message (the mailbox): pk `MAILBOX#{recipient}`, sk `MSG#{deliveredAt}#{messageId}`,
 *   expires through `expiresAt`.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '../aws/clients.ts';
import {
  type Audience,
  DEFAULT_NOTIFICATION_POLICY,
  type MailboxMessage,
  type NotificationKind,
  NotificationKindSchema,
  type NotificationPolicy,
  type PendingItem,
  type RecipientScope,
  resolveRecipients,
} from '../domain/notifications.ts';
import { cancellationReasons, epochSeconds, isConditionFailure, tableName } from './dynamo.ts';
import { GSI2, notificationKeys } from './keys.ts';

const PENDING = notificationKeys.pending;
const outboxKey = notificationKeys.outbox;

const OutboxItemSchema = z.object({
  outboxId: z.string(),
  recipient: z.string(),
  kind: NotificationKindSchema,
  reviewId: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  status: z.enum(['pending', 'delivered', 'skipped']),
  actor: z.string().optional(),
  deliveredAt: z.iso.datetime().optional(),
  messageId: z.string().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

export interface OutboxInput {
  kind: NotificationKind;
  /** The review the event is about; recipients are resolved from its named contacts. */
  review: RecipientScope & { reviewId: string };
  audience: Audience;
  text: string;
  now: Date;
  /** Who caused the event: never notified of their own action. */
  actorSub?: string;
  /** Also tell the secretariat (its group mailbox). */
  secretariat?: boolean;
  /** A deterministic id makes the message idempotent (queued once); default: a fresh one. */
  outboxId?: string;
  /** Not deliverable before this time (default: now). */
  dueAt?: Date;
}

/**
 * The Puts that queue one message for each recipient, to include in the transaction of the
 * change that caused it (empty when nobody is to be told). Each Put is conditional on the item
 * not existing, so a deterministic `outboxId` queues the message once.
 */
export const outboxPut = (input: OutboxInput) => {
  const outboxId = input.outboxId ?? randomUUID();
  const createdAt = input.now.toISOString();
  const dueAt = (input.dueAt ?? input.now).toISOString();
  return resolveRecipients(input.review, input.audience, input.actorSub, {
    secretariat: input.secretariat,
  }).map((recipient) => {
    const item: OutboxItem = {
      outboxId,
      recipient,
      kind: input.kind,
      reviewId: input.review.reviewId,
      text: input.text,
      createdAt,
      dueAt,
      status: 'pending',
      actor: input.actorSub,
    };
    return {
      Put: {
        TableName: tableName(),
        Item: {
          ...outboxKey(outboxId, recipient),
          gsi2pk: PENDING,
          gsi2sk: notificationKeys.pendingSort(dueAt, outboxId, recipient),
          ...item,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
};

type OutboxPut = ReturnType<typeof outboxPut>[number];

/**
 * Writes queued messages on their own (not part of another change), e.g. deadline reminders.
 * An item that already exists is left alone (its id says it was queued before): returns how many
 * were new.
 */
export const enqueue = async (puts: readonly OutboxPut[]): Promise<number> => {
  let created = 0;
  for (const put of puts) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: [put] }));
      created += 1;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
  return created;
};

/** Pending items due at `now`, oldest first (at most `limit` per run; the rest wait). */
export const listPending = async (now: Date, limit = 1000): Promise<PendingItem[]> => {
  const out: PendingItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: GSI2,
        KeyConditionExpression: 'gsi2pk = :p AND gsi2sk <= :t',
        ExpressionAttributeValues: { ':p': PENDING, ':t': `${now.toISOString()}#\uffff` },
        ExclusiveStartKey: start,
        Limit: Math.min(limit, 500),
      }),
    );
    for (const raw of res.Items ?? []) {
      const item = OutboxItemSchema.parse(raw);
      // The index is eventually consistent: the claim below re-checks the status.
      if (item.status === 'pending') out.push(item);
    }
    start = res.LastEvaluatedKey;
  } while (start && out.length < limit);
  return out.slice(0, limit);
};

/** A single write that collided with a transaction claiming the same item (another run). */
const isTransactionConflict = (err: unknown): boolean =>
  (err as { name?: string } | null)?.name === 'TransactionConflictException';

const ttlAfter = (now: Date, days: number): number => epochSeconds(now) + days * 86_400;

const claimUpdate = (
  item: PendingItem,
  status: 'delivered' | 'skipped',
  now: Date,
  messageId: string,
  ttl: number,
) => ({
  Update: {
    TableName: tableName(),
    Key: outboxKey(item.outboxId, item.recipient),
    UpdateExpression:
      'SET #s = :to, deliveredAt = :at, messageId = :m, expiresAt = :ttl REMOVE gsi2pk, gsi2sk',
    ConditionExpression: '#s = :pending',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: {
      ':to': status,
      ':at': now.toISOString(),
      ':m': messageId,
      ':ttl': ttl,
      ':pending': 'pending',
    },
  },
});

/**
 * Writes one delivered message to the recipient's mailbox and claims its items, all or nothing.
 * Returns the message, or null when another run claimed any of the items first (nothing written;
 * items it did not claim stay pending for the next run).
 */
export const deliverToMailbox = async (
  recipient: string,
  mode: 'immediate' | 'daily-digest',
  subject: string,
  items: readonly PendingItem[],
  now: Date,
  transport: string,
  policy: NotificationPolicy = DEFAULT_NOTIFICATION_POLICY,
): Promise<MailboxMessage | null> => {
  const deliveredAt = now.toISOString();
  const message: MailboxMessage = {
    messageId: randomUUID(),
    recipient,
    mode,
    subject,
    items: items.map((i) => ({ kind: i.kind, reviewId: i.reviewId, text: i.text, createdAt: i.createdAt })),
    reviewIds: [...new Set(items.map((i) => i.reviewId))].sort(),
    deliveredAt,
    transport,
  };
  const ttl = ttlAfter(now, policy.mailboxRetentionDays);
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                pk: notificationKeys.mailbox(recipient),
                sk: notificationKeys.message(deliveredAt, message.messageId),
                ...message,
                expiresAt: ttl,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...items.map((i) => claimUpdate(i, 'delivered', now, message.messageId, ttl)),
        ],
      }),
    );
  } catch (err) {
    // Another run claimed an item first, or is claiming it right now (a transaction conflict):
    // either way nothing was written, and what is still pending goes out on a later run.
    if (isConditionFailure(err) || cancellationReasons(err).includes('TransactionConflict')) return null;
    throw err;
  }
  return message;
};

/** Marks an item skipped (its recipient turned the kind off); false if it was no longer pending. */
export const skipItem = async (item: PendingItem, now: Date): Promise<boolean> => {
  try {
    await dynamo().send(
      new UpdateCommand(claimUpdate(item, 'skipped', now, 'skipped', ttlAfter(now, 30)).Update),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err) || isTransactionConflict(err)) return false;
    throw err;
  }
};

/** Moves a pending digest item to its digest time; false if it was no longer pending. */
export const deferItem = async (item: PendingItem, until: string): Promise<boolean> => {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(item.outboxId, item.recipient),
        UpdateExpression: 'SET dueAt = :u, gsi2sk = :sk',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':u': until,
          ':sk': notificationKeys.pendingSort(until, item.outboxId, item.recipient),
          ':pending': 'pending',
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err) || isTransactionConflict(err)) return false;
    throw err;
  }
};

/** Every outbox item of one message (tests and the dev tools). */
export const outboxItemsOf = async (outboxId: string): Promise<OutboxItem[]> => {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': notificationKeys.outboxPartition(outboxId) },
      ConsistentRead: true,
    }),
  );
  return (res.Items ?? []).map((i) => OutboxItemSchema.parse(i));
};

/** Every pending item addressed to `recipient`, whenever due (a hand-over moves them). */
export const listPendingFor = async (recipient: string): Promise<OutboxItem[]> => {
  const out: OutboxItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: GSI2,
        KeyConditionExpression: 'gsi2pk = :p',
        FilterExpression: 'recipient = :r',
        ExpressionAttributeValues: { ':p': PENDING, ':r': recipient },
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of res.Items ?? []) {
      const item = OutboxItemSchema.parse(raw);
      if (item.status === 'pending') out.push(item);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};

/**
 * The writes that readdress a pending item to `to` (a hand-over): the old recipient's item goes
 * if it is still pending, the new one is queued unless `to` has that message already (then it
 * only goes from the old recipient).
 */
export const outboxReaddressWrites = (item: OutboxItem, to: string, toHasIt: boolean) => [
  {
    Delete: {
      TableName: tableName(),
      Key: outboxKey(item.outboxId, item.recipient),
      ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    },
  },
  ...(toHasIt
    ? []
    : [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...outboxKey(item.outboxId, to),
              gsi2pk: PENDING,
              gsi2sk: `${item.dueAt}#${item.outboxId}#${to}`,
              ...item,
              recipient: to,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]),
];

/** A copy of a delivered message in `to`'s mailbox (a hand-over passes on what was unread). */
export const mailboxCopyPut = (
  message: MailboxMessage,
  to: string,
  now: Date,
  policy: NotificationPolicy = DEFAULT_NOTIFICATION_POLICY,
) => ({
  Put: {
    TableName: tableName(),
    Item: {
      pk: notificationKeys.mailbox(to),
      sk: notificationKeys.message(message.deliveredAt, message.messageId),
      ...message,
      recipient: to,
      expiresAt: ttlAfter(now, policy.mailboxRetentionDays),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
