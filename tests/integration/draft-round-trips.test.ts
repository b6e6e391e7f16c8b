/**
 * A draft save reads the review (with its cycle) and the draft side by side, in one round trip,
 * before its one conditional write, and a stale If-Match is answered from the draft already read:
 * one round trip, nothing written. The authorization answer is unchanged (a State with no part gets 404).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';
import { trace } from '../support/trace.ts';

const DRAFT = '/reviews/C2026.CIV/self-assessments/TIP/draft';

const platform = await useLocalPlatform(async () => {
  await seedReview();
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const call = apiClient(platform);

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
    // Review and cycle in one batch read, the draft beside it.
    expect(calls.map((c) => c.name)).toEqual(['BatchGetCommand', 'GetCommand', 'PutCommand']);
    const reads = calls.slice(0, 2);
    const put = calls[2];
    // Every read starts before any read ends; the write waits for all of them.
    expect(Math.max(...reads.map((c) => c.start))).toBeLessThan(Math.min(...reads.map((c) => c.end)));
    expect(put?.start).toBeGreaterThan(Math.max(...reads.map((c) => c.end)));
  });

  it('answers a stale If-Match from the draft it read: one round trip, nothing written', async () => {
    const { result, calls } = await trace(() => save(0, 'partly'));
    expect(result.status).toBe(412);
    expect(result.json.error.details.current.version).toBe(2);
    expect(result.json.error.details.current.answers['TIP.3.q1']).toBe('yes');
    expect(calls.map((c) => c.name)).toEqual(['BatchGetCommand', 'GetCommand']);
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
