import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/domain/audit.ts';
import { COUNTER_BUCKETS, type Comment, countComments } from '#shared/domain/dialogue.ts';
import { listAudit } from '#shared/repos/audit.ts';
import { getCounters, loadAllComments } from '#shared/repos/comments.ts';
import { callAs, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const REVIEW = 'C2026.CIV';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(REVIEW, 'TIP');
});
afterAll(() => platform.stop());

const call = callAs(platform);
/** Calls on the one review under test. */
const api = (who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(who, method, `/reviews/${REVIEW}${path}`, body, headers);

const anchor = { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 };
const comment = (text: string, visibility = 'all') => ({
  anchor,
  type: 'clarification-request',
  visibility,
  text,
});

const allAudit = async (): Promise<AuditEntry[]> => {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(`review#${REVIEW}`, { limit: 500, cursor });
    out.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

describe('100 concurrent comments and edits on one review', () => {
  it('are each accepted or cleanly rejected, and counts, histories and audit agree with what was accepted', async () => {
    // Arrange: ten comments to edit, answer and resolve concurrently.
    const seeded: Comment[] = [];
    for (let i = 0; i < 10; i++)
      seeded.push((await api('tur-expert', 'POST', '/comments', comment(`seed ${i}`))).json);
    expect(seeded.every((c) => c.version === 1)).toBe(true);

    // Act: 100 requests at once. 40 new comments (10 of them sent twice with the same
    // Idempotency-Key, as a client retry would), 30 edits naming version 1 (3 per comment),
    // 10 responses of the reviewed State and 10 resolutions.
    type Op = { kind: string; run: () => Promise<{ status: number; json: unknown }> };
    const ops: Op[] = [];
    for (let i = 0; i < 30; i++)
      ops.push({
        kind: 'create',
        run: () =>
          api(
            i % 2 ? 'gha-expert' : 'tur-expert',
            'POST',
            '/comments',
            comment(`new ${i}`, i % 3 ? 'all' : 'reviewers'),
          ),
      });
    for (let i = 0; i < 10; i++)
      for (let copy = 0; copy < 2; copy++)
        ops.push({
          kind: 'create-retry',
          run: () =>
            api('tur-expert', 'POST', '/comments', comment(`retried ${i}`), {
              'idempotency-key': `concurrent-retry-${i}`,
            }),
        });
    seeded.forEach((c, i) => {
      for (let k = 0; k < 3; k++)
        ops.push({
          kind: 'edit',
          run: () =>
            api(
              'tur-expert',
              'PATCH',
              `/comments/${c.commentId}`,
              { text: `seed ${i} edit ${k}` },
              { 'if-match': '1' },
            ),
        });
      ops.push({
        kind: 'respond',
        run: () => api('civ-expert', 'POST', `/comments/${c.commentId}/responses`, { text: `answer ${i}` }),
      });
      ops.push({
        kind: 'resolve',
        run: () => api('gha-expert', 'POST', `/comments/${c.commentId}/status`, { action: 'resolve' }),
      });
    });
    expect(ops).toHaveLength(100);
    const started = Date.now();
    const results = await Promise.all(ops.map(async (op) => ({ kind: op.kind, ...(await op.run()) })));
    const elapsedMs = Date.now() - started;

    // Assert: nothing failed uncleanly.
    const tally: Record<string, Record<number, number>> = {};
    for (const r of results) {
      tally[r.kind] ??= {};
      const t = tally[r.kind] as Record<number, number>;
      t[r.status] = (t[r.status] ?? 0) + 1;
      expect([200, 201, 409, 412], `${r.kind}: ${JSON.stringify(r.json)}`).toContain(r.status);
    }
    console.info(`dialogue concurrency: 100 requests in ${elapsedMs} ms`, JSON.stringify(tally));

    // Every plain create is accepted; a retried key yields one comment, never two.
    expect(results.filter((r) => r.kind === 'create').every((r) => r.status === 201)).toBe(true);
    const { comments, versions, responses } = await loadAllComments(REVIEW);
    for (let i = 0; i < 10; i++) expect(comments.filter((c) => c.text === `retried ${i}`)).toHaveLength(1);
    expect(comments).toHaveLength(10 + 30 + 10);

    // At most one edit naming version 1 wins per comment; the others are 412 / 409.
    for (const c of seeded) {
      const editsWon = versions.filter((v) => v.commentId === c.commentId && v.change === 'edited');
      expect(editsWon.length).toBeLessThanOrEqual(1);
    }
    const accepted = (kind: string) => results.filter((r) => r.kind === kind && r.status < 300).length;
    expect(versions.filter((v) => v.change === 'edited')).toHaveLength(accepted('edit'));
    expect(responses).toHaveLength(accepted('respond'));
    expect(versions.filter((v) => v.change === 'resolved')).toHaveLength(accepted('resolve'));

    // Histories are gap-free (1..n) and end with the comment as it is now; response counts match.
    for (const c of comments) {
      const own = versions.filter((v) => v.commentId === c.commentId).sort((a, b) => a.version - b.version);
      expect(own.map((v) => v.version)).toEqual(Array.from({ length: c.version }, (_, k) => k + 1));
      expect(own.at(-1)).toMatchObject({ text: c.text, status: c.status, visibility: c.visibility });
      expect(c.responseCount).toBe(responses.filter((r) => r.commentId === c.commentId).length);
    }

    // The counters kept in each transaction equal the counts recomputed from the comments.
    const counters = await getCounters(REVIEW);
    const recomputed = countComments(comments);
    for (const b of COUNTER_BUCKETS) expect(counters[b] ?? 0, b).toBe(recomputed[b] ?? 0);
    const dashboard = await api('secretariat-1', 'GET', '/dialogue');
    expect(dashboard.json.counts.total).toBe(comments.length);

    // One audit entry per comment version: no change without its entry, no entry without its change.
    const audit = (await allAudit()).filter((a) => a.object.startsWith('comment/'));
    expect(audit).toHaveLength(versions.length);
  }, 240_000);
});
