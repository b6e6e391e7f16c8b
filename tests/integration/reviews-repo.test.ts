import { describe, expect, it } from 'vitest';
import { ConflictError } from '#shared/domain/errors.ts';
import { nextVersion } from '#shared/domain/review.ts';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { getReview, saveReview } from '#shared/repos/reviews.ts';
import { useLocalAws } from '../support/local-aws.ts';
import { principalOf, seedReview } from '../support/reviews.ts';

await useLocalAws();
const secretariat = principalOf('secretariat-1');

describe('the review repository', () => {
  it('lets exactly one of two concurrent changes from the same version win, and tells the loser the current state', async () => {
    const r = await seedReview({ cycleId: 'RACE' });
    const now = new Date('2026-02-01T00:00:00Z');
    const a = saveReview(nextVersion(r, now, { state: 'self-assessment-submitted' }), {
      principal: secretariat,
      now,
      action: 'a',
    });
    const b = saveReview(nextVersion(r, now, { state: 'desk-review' }), {
      principal: secretariat,
      now,
      action: 'b',
    });
    const results = await Promise.allSettled([a, b]);
    const won = results.filter((x) => x.status === 'fulfilled');
    const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
    const current = await getReview(r.reviewId);
    expect(current.version).toBe(2);
    const loser = lost[0]?.reason as ConflictError | undefined;
    expect(loser?.details).toMatchObject({
      current: { state: current.state, version: 2 },
    });
  });

  it('appends one audit entry per saved change, and none for a rejected one', async () => {
    const r = await seedReview({ cycleId: 'AUDIT' });
    const now = new Date('2026-02-01T00:00:00Z');
    await saveReview(nextVersion(r, now, { state: 'self-assessment-submitted' }), {
      principal: secretariat,
      now,
      action: 'submit',
    });
    await expect(
      saveReview(nextVersion(r, now, { state: 'desk-review' }), {
        principal: secretariat,
        now,
        action: 'stale',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const { entries } = await listAudit(auditScope.review(r.reviewId));
    expect(entries.map((e) => [e.action, e.actor, e.version])).toEqual([['submit', 'secretariat-1', 2]]);
  });
});
