/**
 * A submission's storage calls: the review, its cycle and the draft in one batch read (the
 * cycle's deadline policy comes from that read, not a second one), the version reserved, the
 * document to S3 while the answer index is written, and one commit transaction that also takes
 * the Idempotency-Key (no reservation before, no update after). A retry with the same key gets
 * the first answer and submits nothing.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { completeAnswers, seedReview } from '../support/reviews.ts';
import { type Traced, trace } from '../support/trace.ts';

const BASE = '/reviews/C2026.CIV/self-assessments/TIP';
const KEY = { 'idempotency-key': 'submit-round-trips-1' };

const platform = await useLocalPlatform(async () => {
  await seedReview();
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const call = apiClient(platform);
const submit = () => call('civ-focal', 'POST', `${BASE}/submissions`, { headers: KEY });

/** True when every call of `a` starts before every call of `b` ends: they are in flight together. */
const together = (a: Traced[], b: Traced[]): boolean =>
  Math.max(...[...a, ...b].map((c) => c.start)) < Math.min(...[...a, ...b].map((c) => c.end));

describe('submit storage calls', () => {
  it('reads once (the versions beside the review), reserves, stores the document beside the index, and commits with the key', async () => {
    const saved = await call('civ-expert', 'PATCH', `${BASE}/draft`, {
      body: { answers: completeAnswers('TIP') },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);

    const { result, calls } = await trace(submit);
    expect(result.status).toBe(201);
    const byStart = [...calls].sort((x, y) => x.start - y.start);
    const names = byStart.map((c) => c.name);
    expect([...names.slice(0, 2).sort(), names[2], ...names.slice(3, 6).sort(), ...names.slice(6)]).toEqual([
      'BatchGetCommand', // review + cycle + draft + questionnaire head ...
      'QueryCommand', // ... beside the versions
      'PutCommand', // the version reserved
      'BatchWriteCommand', // the answer index ...
      'BatchWriteCommand',
      'PutObjectCommand', // ... while the document goes to S3 (a fresh reservation: no HeadObject)
      'TransactWriteCommand', // the commit, with the Idempotency-Key
    ]);
    const named = (name: string): Traced[] => byStart.filter((c) => c.name === name);
    const [batchGet, query, reserve, put, commit] = [
      'BatchGetCommand',
      'QueryCommand',
      'PutCommand',
      'PutObjectCommand',
      'TransactWriteCommand',
    ].map((n) => named(n)[0] as Traced) as [Traced, Traced, Traced, Traced, Traced];
    expect(batchGet.key).toContain('SA#TIP#DRAFT');
    expect(together([batchGet], [query])).toBe(true);
    expect(reserve.start).toBeGreaterThan(Math.max(batchGet.end, query.end));
    const index = named('BatchWriteCommand');
    expect(together(index, [put])).toBe(true);
    expect(Math.min(put.start, ...index.map((c) => c.start))).toBeGreaterThan(reserve.end);
    expect(commit.start).toBeGreaterThan(Math.max(...byStart.slice(0, 6).map((c) => c.end)));
    // The cycle only in the batch read; the key never written on its own.
    expect(calls.filter((c) => c.key.includes('CYCLE#')).map((c) => c.name)).toEqual(['BatchGetCommand']);
    expect(calls.filter((c) => c.key.includes('IDEMP#'))).toEqual([]);
  });

  it('answers a retry with the same key from the record the commit wrote, and submits nothing', async () => {
    const { result, calls } = await trace(submit);
    expect(result.status).toBe(201);
    expect(result.headers.get('idempotent-replay')).toBe('true');
    expect(result.json.version).toBe(1);
    expect(calls.map((c) => c.name)).not.toContain('TransactWriteCommand');
    expect(calls.map((c) => c.name)).not.toContain('PutObjectCommand');
    const list = await call('civ-focal', 'GET', `${BASE}/submissions`);
    expect(list.json.submissions.map((s: { version: number }) => s.version)).toEqual([1]);
  });
});
