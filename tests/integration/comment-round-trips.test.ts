import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SA_KEYS } from '#shared/repos/keys.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';
import { type Traced, trace } from '../support/trace.ts';

const REVIEW = 'C2026.CIV';
const PATH = `/reviews/${REVIEW}/comments`;

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(REVIEW, 'TIP');
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const call = apiClient(platform);

const comment = (text: string) => ({
  anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
  type: 'clarification-request',
  visibility: 'all',
  text,
});

const post = (text: string, key: string, body = comment(text)) =>
  call('tur-expert', 'POST', PATH, { body, headers: { 'idempotency-key': key } });

const commentsWith = async (text: string) => {
  const all = await call('secretariat-1', 'GET', `${PATH}?limit=100`);
  return (all.json.comments as { text: string; commentId: string }[]).filter((c) => c.text === text);
};

/** Calls grouped into sequential round trips: a call joins the current one if it started before that ended. */
const roundTrips = (calls: Traced[]): string[][] => {
  const trips: Traced[][] = [];
  for (const c of calls) {
    const last = trips[trips.length - 1];
    if (last && c.start < Math.max(...last.map((x) => x.end))) last.push(c);
    else trips.push([c]);
  }
  return trips.map((t) => t.map((c) => `${c.name} ${c.key}`.trim()));
};

describe('comment POST with an Idempotency-Key', () => {
  it('makes 3 storage calls in 3 round trips: review and cycle in one read, the anchored version, one transaction', async () => {
    const { result, calls } = await trace(() => post('Counted.', 'round-trips-0001'));
    expect(result.status).toBe(201);
    expect(roundTrips(calls)).toEqual([
      ['BatchGetCommand REVIEW#C2026.CIV/META + CYCLE#C2026/META'],
      [`GetCommand ${SA_KEYS.version(REVIEW, 'TIP', 1).pk}/${SA_KEYS.version(REVIEW, 'TIP', 1).sk}`],
      ['TransactWriteCommand'],
    ]);
  });

  it('replays the stored answer to a retry, with no second comment', async () => {
    const first = await post('Sent twice.', 'round-trips-0002');
    const retry = await post('Sent twice.', 'round-trips-0002');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await commentsWith('Sent twice.')).toHaveLength(1);
  });

  it('gives concurrent duplicates one comment and the same answer', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => post('Sent at once.', 'round-trips-0003')),
    );
    const created = await commentsWith('Sent at once.');
    expect(created).toHaveLength(1);
    for (const r of replies) {
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      expect(r.json.commentId).toBe(created[0]?.commentId);
    }
  });

  it('refuses a key reused for another request and writes nothing', async () => {
    expect((await post('The first request.', 'round-trips-0004')).status).toBe(201);
    const reused = await post('Another request.', 'round-trips-0004');
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.json.error.message).toContain('idempotency-key');
    expect(await commentsWith('Another request.')).toHaveLength(0);
  });
});
