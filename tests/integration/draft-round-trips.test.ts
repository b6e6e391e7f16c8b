/**
 * A draft save reads the review (with its cycle) and the draft side by side, in one round trip,
 * before its one conditional write, and a stale If-Match is answered from the draft already read:
 * one round trip, nothing written. The authorization answer is unchanged (a State with no part gets 404).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const DRAFT = '/reviews/C2026.CIV/self-assessments/TIP/draft';

const platform = await useLocalPlatform(async () => {
  await seedReview();
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const call = apiClient(platform);

interface Traced {
  name: string;
  /** Positions in the order of starts and ends of all calls. */
  start: number;
  end: number;
}

/** Records the storage calls the platform (same process) makes while `fn` runs; spies, changes nothing. */
const trace = async <T>(fn: () => Promise<T>): Promise<{ result: T; calls: Traced[] }> => {
  const client = dynamo();
  const real = client.send.bind(client) as (c: unknown, ...r: unknown[]) => Promise<unknown>;
  const calls: Traced[] = [];
  let tick = 0;
  vi.spyOn(client, 'send').mockImplementation((command: unknown, ...rest: unknown[]) => {
    const c: Traced = { name: (command as object).constructor.name, start: tick++, end: -1 };
    calls.push(c);
    return real(command, ...rest).finally(() => {
      c.end = tick++;
    }) as never;
  });
  const result = await fn();
  vi.restoreAllMocks();
  return { result, calls };
};

const save = (version: number, answer: string) =>
  call('civ-expert', 'PATCH', DRAFT, {
    body: { answers: { 'TIP.3.q1': answer } },
    headers: { 'if-match': `"${version}"` },
  });

describe('draft save storage calls', () => {
  it('reads review and draft in one round trip, then writes once', async () => {
    expect((await save(0, 'no')).status).toBe(200);
    const { result, calls } = await trace(() => save(1, 'yes'));
    expect(result.status).toBe(200);
    expect(calls.map((c) => c.name)).toEqual(['GetCommand', 'GetCommand', 'GetCommand', 'PutCommand']);
    const reads = calls.slice(0, 3);
    const put = calls[3];
    // Every read starts before any read ends; the write waits for all of them.
    expect(Math.max(...reads.map((c) => c.start))).toBeLessThan(Math.min(...reads.map((c) => c.end)));
    expect(put?.start).toBeGreaterThan(Math.max(...reads.map((c) => c.end)));
  });

  it('answers a stale If-Match from the draft it read: one round trip, nothing written', async () => {
    const { result, calls } = await trace(() => save(0, 'partly'));
    expect(result.status).toBe(409);
    expect(result.json.error.details.current.version).toBe(2);
    expect(result.json.error.details.current.answers['TIP.3.q1']).toBe('yes');
    expect(calls.map((c) => c.name)).toEqual(['GetCommand', 'GetCommand', 'GetCommand']);
    expect(Math.max(...calls.map((c) => c.start))).toBeLessThan(Math.min(...calls.map((c) => c.end)));
  });

  it('still refuses a State with no part in the review', async () => {
    const res = await call('bra-expert', 'PATCH', DRAFT, {
      body: { answers: { 'TIP.3.q1': 'no' } },
      headers: { 'if-match': '"2"' },
    });
    expect(res.status).toBe(404);
    expect((await call('civ-expert', 'GET', DRAFT)).json.answers['TIP.3.q1']).toBe('yes');
  });
});
