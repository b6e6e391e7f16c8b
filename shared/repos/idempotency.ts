/**
 * Idempotency records: the first request with a key reserves it (conditional put), its response
 * is stored, and retries get that response back. Records expire through the table TTL.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamo } from '../aws/clients.ts';
import { epochSeconds, isConditionFailure, tableName } from './dynamo.ts';
import { idempotencyKeys } from './keys.ts';

const TTL_SECONDS = 24 * 3600;
/** An in-progress reservation older than this is considered abandoned (the Lambda died). */
const IN_PROGRESS_TIMEOUT_MS = 60_000;

const idempotencyKey = idempotencyKeys.record;

export type StoredResult = APIGatewayProxyStructuredResultV2;

/** One item of a DynamoDB transaction (the record an operation writes with its own effects). */
export type IdempotencyItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type BeginOutcome =
  | { state: 'new' }
  | { state: 'completed'; result: StoredResult }
  | { state: 'in-progress' }
  | { state: 'mismatch' };

export const idempotencyStore = {
  async begin(scope: string, requestHash: string, now: Date): Promise<BeginOutcome> {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...idempotencyKey(scope),
            status: 'in-progress',
            requestHash,
            startedAt: now.getTime(),
            expiresAt: epochSeconds(now) + TTL_SECONDS,
          },
          // Take the key if free, expired (TTL deletion is lazy), or abandoned mid-flight.
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt < :nowSec OR (#s = :inprogress AND startedAt < :stale)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':inprogress': 'in-progress',
            ':stale': now.getTime() - IN_PROGRESS_TIMEOUT_MS,
            ':nowSec': epochSeconds(now),
          },
        }),
      );
      return { state: 'new' };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    const found = await this.find(scope, requestHash, now);
    return found ?? this.begin(scope, requestHash, now);
  },

  /** The live record under `scope` as seen by a request with `requestHash`; undefined if none. */
  async find(
    scope: string,
    requestHash: string,
    now: Date,
  ): Promise<Exclude<BeginOutcome, { state: 'new' }> | undefined> {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: idempotencyKey(scope), ConsistentRead: true }),
    );
    if (!Item || Number(Item.expiresAt) < epochSeconds(now)) return undefined;
    if (Item.requestHash !== requestHash) return { state: 'mismatch' };
    if (Item.status === 'completed') return { state: 'completed', result: JSON.parse(String(Item.result)) };
    return { state: 'in-progress' };
  },

  /**
   * The completed record as one item of the operation's own transaction: the key is taken (if
   * free or expired) in the same write as the operation's effects, so it can never be left
   * reserved or unrecorded. A taken key cancels the transaction; the caller then `find`s it.
   */
  completedItem(scope: string, requestHash: string, result: StoredResult, now: Date): IdempotencyItem {
    return {
      Put: {
        TableName: tableName(),
        Item: {
          ...idempotencyKey(scope),
          status: 'completed',
          requestHash,
          result: JSON.stringify(result),
          startedAt: now.getTime(),
          completedAt: now.getTime(),
          expiresAt: epochSeconds(now) + TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSec',
        ExpressionAttributeValues: { ':nowSec': epochSeconds(now) },
      },
    };
  },

  async complete(scope: string, result: StoredResult, now: Date): Promise<void> {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: idempotencyKey(scope),
        UpdateExpression: 'SET #s = :done, #r = :result, completedAt = :now',
        ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
        ExpressionAttributeValues: {
          ':done': 'completed',
          ':result': JSON.stringify(result),
          ':now': now.getTime(),
        },
      }),
    );
  },

  async release(scope: string): Promise<void> {
    await dynamo().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: idempotencyKey(scope),
        ConditionExpression: '#s = :inprogress',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':inprogress': 'in-progress' },
      }),
    );
  },
};
