/**
 * Small helpers shared by the repositories: the table name, condition-failure detection and
 * mapping to domain errors.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import { config } from '../config.ts';
import { ConflictError } from '../domain/errors.ts';

export const tableName = (): string => config().TABLE_NAME;

/** True when a write failed because its condition expression did not hold. */
export const isConditionFailure = (err: unknown): boolean => {
  if (err instanceof ConditionalCheckFailedException) return true;
  if (err instanceof TransactionCanceledException) {
    return (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
  }
  const name = (err as { name?: string } | null)?.name;
  return name === 'ConditionalCheckFailedException';
};

/**
 * What a cancelled write means for the caller, in words they can act on. DynamoDB's own codes
 * (`ConditionalCheckFailed`, `TransactionConflict`, per-item `None`...) never reach a client: they
 * name storage internals, not the rule that was broken.
 */
export const RACE_LOST = {
  why: 'another request changed the same records first; nothing was written: reload and try again',
} as const;
export const BUSY = {
  why: 'another request was changing the same records at the same moment; nothing was written: try again',
} as const;

/** Per-item codes of a cancelled transaction (index → code): internal decisions only, never a reply. */
export const cancellationReasons = (err: unknown): string[] =>
  err instanceof TransactionCanceledException
    ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];

export type Key = Record<string, string>;

/**
 * Strongly consistent reads of a few items in one round trip (BatchGetItem, at most 100 keys),
 * in the order of `keys` (undefined where absent). Unprocessed keys are asked again.
 */
export const getMany = async (keys: Key[]): Promise<(Record<string, unknown> | undefined)[]> => {
  const found = new Map<string, Record<string, unknown>>();
  const id = (k: Record<string, unknown>) => `${String(k.pk)}\u0000${String(k.sk)}`;
  let pending: Key[] = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 8) throw new Error('DynamoDB kept keys of a batch read unprocessed');
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    const res = await dynamo().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of res.Responses?.[tableName()] ?? []) found.set(id(item), item);
    pending = (res.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
  }
  return keys.map((k) => found.get(id(k)));
};

/** Epoch seconds, the unit of the table's TTL attribute. */
export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Writes all items or none (TransactWriteItems). A failed condition anywhere cancels the whole
 * transaction and becomes a ConflictError (in plain language: RACE_LOST).
 */
export const writeAll = async (items: TransactItems, conflict: string): Promise<void> => {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) {
      throw new ConflictError(conflict, { ...RACE_LOST });
    }
    throw err;
  }
};

/** Creates an item that must not exist yet; an existing one is a ConflictError. */
export const putNew = async (item: Record<string, unknown>, conflict: string): Promise<void> => {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError(conflict);
    throw err;
  }
};

/** Every item a query matches, following the pages. */
export const queryAll = async (input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }),
    );
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
};
