import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { transact } from '#shared/repos/comments.ts';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const items = [{ ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'b' }, ConditionExpression: 'x' } }];

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the dialogue transaction writer', () => {
  it('tries again when another transaction held the counters, and succeeds', async () => {
    const send = vi
      .spyOn(dynamo(), 'send')
      .mockImplementationOnce(() => Promise.reject(cancelled('None', 'TransactionConflict')))
      .mockImplementationOnce(() => Promise.resolve({}));
    await transact(items, 'busy');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('never retries a failed condition: that is the caller’s conflict', async () => {
    const send = vi
      .spyOn(dynamo(), 'send')
      .mockImplementation(() => Promise.reject(cancelled('ConditionalCheckFailed', 'TransactionConflict')));
    await expect(transact(items, 'comment changed meanwhile')).rejects.toBeInstanceOf(ConflictError);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up with a ConflictError after eight attempts of lasting contention', async () => {
    vi.useFakeTimers();
    const send = vi
      .spyOn(dynamo(), 'send')
      .mockImplementation(() => Promise.reject(cancelled('TransactionConflict')));
    const outcome = expect(transact(items, 'busy')).rejects.toThrow(/busy; try again/);
    await vi.runAllTimersAsync();
    await outcome;
    expect(send).toHaveBeenCalledTimes(8);
  });

  it('passes other errors through untouched', async () => {
    const boom = new Error('network down');
    vi.spyOn(dynamo(), 'send').mockImplementation(() => Promise.reject(boom));
    await expect(transact(items, 'busy')).rejects.toBe(boom);
  });
});
