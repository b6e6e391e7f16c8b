/**
 * Idempotency records: the first request with a key reserves it (conditional put), its response
 * is stored, and retries get that response back. Records expire through the table TTL.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamo } from '../aws/clients.ts';
import { epochSeconds, isConditionFailure, tableName } from './dynamo.ts';

const TTL_SECONDS = 24 * 3600;
/** An in-progress reservation older than this is considered abandoned (the Lambda died). */
const IN_PROGRESS_TIMEOUT_MS = 60_000;

export const idempotencyKey = (scope: string) => ({ pk: `IDEMP#${scope}`, sk: 'IDEMP' });

export type StoredResult = APIGatewayProxyStructuredResultV2;

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
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: idempotencyKey(scope), ConsistentRead: true }),
    );
    if (!Item) return this.begin(scope, requestHash, now);
    if (Item.requestHash !== requestHash) return { state: 'mismatch' };
    if (Item.status === 'completed') return { state: 'completed', result: JSON.parse(String(Item.result)) };
    return { state: 'in-progress' };
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
