/**
 * Parallel confirmations of the list of observations: however they interleave, the list ends
 * final exactly once, every answer is either a confirmation that was recorded (200), the one
 * finalisation (200), or a 409 that changed nothing, and the audit log has one entry per change.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { listAudit } from '#shared/repos/audit.ts';
import { getList } from '#shared/repos/observations.ts';
import { findReview } from '#shared/repos/reviews.ts';
import { type ApiResponse, apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
const call = apiClient(platform);

/** A review in dialogue with one observation the reviewed State has agreed. */
const reviewWithAgreedList = async (reviewedState: string, focal: string) => {
  const review = await seedReview({ cycleId: 'C2031', reviewedState, state: 'dialogue' });
  const O = `/reviews/${review.reviewId}/observations`;
  const drafted = await call('tur-expert', 'POST', O, {
    body: { article: 'TIP.5', kind: 'good-practice', text: 'Specialised anti-trafficking units.' },
  });
  expect(drafted.status).toBe(201);
  const agreed = await call(focal, 'POST', `${O}/${drafted.json.id}/responses`, {
    body: { action: 'agree' },
    headers: { 'if-match': '1' },
  });
  expect(agreed.status).toBe(200);
  return { reviewId: review.reviewId, O };
};

const auditActions = async (reviewId: string) =>
  (await listAudit(`review#${reviewId}`, { limit: 500 })).entries.map((e) => e.action);

const finalised = (r: ApiResponse) => r.status === 200 && r.json.reviewState === 'observations-agreed';

describe('parallel confirmations of the list of observations', () => {
  it('when every party confirms at once, exactly one of them finalises the list; no confirmation is lost', async () => {
    const { reviewId, O } = await reviewWithAgreedList('FRA', 'focal-point@FRA');
    // Each focal point sends its confirmation twice (a double click), all at the same moment.
    const who = ['focal-point@FRA', 'gha-focal', 'tur-focal'];
    const replies = await Promise.all(
      [...who, ...who].map((sub) => call(sub, 'POST', `${O}/confirmations`, { body: {} })),
    );
    for (const r of replies) expect([200, 409], JSON.stringify(r.json)).toContain(r.status);
    expect(replies.filter(finalised)).toHaveLength(1);
    expect((await findReview(reviewId))?.state).toBe('observations-agreed');
    const list = await getList(reviewId);
    expect(list.finalisedAt).toBeDefined();
    expect(Object.keys(list.confirmations).sort()).toEqual(['FRA', 'GHA', 'TUR']);
    // One audit entry per accepted request: the finalisation, and each confirmation recorded.
    const actions = await auditActions(reviewId);
    expect(actions.filter((a) => a === 'observations.finalise')).toHaveLength(1);
    expect(actions.filter((a) => a === 'observations.confirm')).toHaveLength(
      replies.filter((r) => r.status === 200 && !finalised(r)).length,
    );
  });

  it('when the last confirmation races the secretariat, one finalises and the others get 409 with nothing changed', async () => {
    const { reviewId, O } = await reviewWithAgreedList('JPN', 'focal-point@JPN');
    for (const sub of ['gha-focal', 'tur-focal'])
      expect((await call(sub, 'POST', `${O}/confirmations`, { body: {} })).status).toBe(200);
    const before = await auditActions(reviewId);
    const replies = await Promise.all([
      call('focal-point@JPN', 'POST', `${O}/confirmations`, { body: {} }),
      call('focal-point@JPN', 'POST', `${O}/confirmations`, { body: {} }),
      call('secretariat-1', 'POST', `${O}/confirmations`, {
        body: { offPlatformNote: 'Agreed at the country visit.' },
      }),
    ]);
    expect(replies.filter(finalised)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(2);
    const list = await getList(reviewId);
    const winner = replies.findIndex(finalised);
    expect(list.offPlatformNote !== undefined).toBe(winner === 2);
    const after = await auditActions(reviewId);
    expect(after.length - before.length).toBe(1);
    expect(after.filter((a) => a === 'observations.finalise')).toHaveLength(1);
  });
});
