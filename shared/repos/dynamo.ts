/**
 * Small helpers shared by the repositories: the table name, condition-failure detection and
 * mapping to domain errors.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';

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

/** Per-item reasons of a cancelled transaction (index → code), for precise conflict messages. */
export const cancellationReasons = (err: unknown): string[] =>
  err instanceof TransactionCanceledException
    ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];

/** Epoch seconds, the unit of the table's TTL attribute. */
export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
