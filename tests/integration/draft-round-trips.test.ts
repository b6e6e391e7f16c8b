/**
 * A draft save reads the review, its cycle, the draft and the questionnaire's published head in
 * one BatchGetItem before its one conditional write — the first save of a draft too (it takes the
 * newest questionnaire, known from that read, not from a read of its own) — and a stale If-Match
 * is answered from the draft already read: one call, nothing written. The authorization answer is
 * unchanged (a State with no part gets 404).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';
import { type Traced, trace } from '../support/trace.ts';

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

/** The calls of one save: a single batch read naming review, cycle, draft and questionnaire head, then the put. */
const expectOneReadOneWrite = (calls: Traced[]): void => {
  expect(calls.map((c) => c.name)).toEqual(['BatchGetCommand', 'PutCommand']);
  const [read, put] = calls as [Traced, Traced];
  for (const key of ['REVIEW#C2026.CIV/META', 'CYCLE#C2026', 'SA#TIP#DRAFT', 'QUESTIONNAIRE#']) {
    expect(read.key).toContain(key);
  }
  expect(put.start).toBeGreaterThan(read.end);
};

describe('draft save storage calls', () => {
  it('a first save (no draft yet): one batch read, then one write', async () => {
    const { result, calls } = await trace(() => save(0, 'no'));
    expect(result.status).toBe(200);
    expectOneReadOneWrite(calls);
  });

  it('a later save: one batch read, then one write', async () => {
    const { result, calls } = await trace(() => save(1, 'yes'));
    expect(result.status).toBe(200);
    expect(result.json.version).toBe(2);
    expectOneReadOneWrite(calls);
  });

  it('answers a stale If-Match from the draft it read: one round trip, nothing written', async () => {
    const { result, calls } = await trace(() => save(0, 'partly'));
    expect(result.status).toBe(412);
    expect(result.json.error.details.current.version).toBe(2);
    expect(result.json.error.details.current.answers['TIP.3.q1']).toBe('yes');
    expect(calls.map((c) => c.name)).toEqual(['BatchGetCommand']);
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
