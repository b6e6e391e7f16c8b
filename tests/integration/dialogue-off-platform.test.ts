/**
 * The secretariat's record of an agreement reached off the platform, while entries are still
 * open on it (issue 16, item 3: a disputed entry deadlocked the list). The record names the
 * outcome agreed for each open entry, settles them and finalises the list in one transaction;
 * a record that leaves an open entry unnamed, or names a settled one, is a 400 that changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { listAudit } from '#shared/repos/audit.ts';
import { agreedObservations, getList, listEntries } from '#shared/repos/observations.ts';
import { findReview } from '#shared/repos/reviews.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
const call = apiClient(platform);

const respond = async (O: string, id: string, body: unknown, version = 1) => {
  const r = await call('focal-point@FRA', 'POST', `${O}/${id}/responses`, {
    body,
    headers: { 'if-match': String(version) },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
};

/** A review in dialogue with four entries: agreed, disputed, amended and still a draft. */
const reviewWithOpenEntries = async (cycleId: string) => {
  const review = await seedReview({ cycleId, reviewedState: 'FRA', state: 'dialogue' });
  const O = `/reviews/${review.reviewId}/observations`;
  const ids: string[] = [];
  for (const text of ['Specialised units.', 'No victim fund.', 'Attempt not covered.', 'Training.']) {
    const r = await call('tur-expert', 'POST', O, { body: { article: 'TIP.5', kind: 'challenge', text } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids.push(r.json.id);
  }
  const [agreed = '', disputed = '', amended = '', draft = ''] = ids;
  await respond(O, agreed, { action: 'agree' });
  await respond(O, disputed, { action: 'dispute', reason: 'A fund exists since 2024.' });
  await respond(O, amended, { action: 'amend', text: 'Attempt is covered by the general part.' });
  return { reviewId: review.reviewId, O, agreed, disputed, amended, draft };
};

const note = 'Agreed at the country visit of 3 March 2026, minutes on file.';

describe('an agreement reached off the platform while entries are open', () => {
  it('settles every open entry with the outcome named and finalises the list, in one step', async () => {
    const { reviewId, O, agreed, disputed, amended, draft } = await reviewWithOpenEntries('C2033');
    // What each side may do on each entry, as the server tells the UI.
    const asReviewed = await call('focal-point@FRA', 'GET', O);
    expect(asReviewed.json.entryActions).toEqual({
      [agreed]: [],
      [disputed]: ['agree', 'amend'],
      [amended]: ['dispute'],
      [draft]: ['agree', 'amend', 'dispute'],
    });
    const asReviewer = await call('tur-expert', 'GET', O);
    expect(asReviewer.json.entryActions[amended]).toEqual(['revise', 'accept-amendment', 'withdraw']);
    const review = await call('secretariat-1', 'GET', `/reviews/${reviewId}`);
    expect(review.json.allowedActions).toContain('observations.finalize');
    const res = await call('secretariat-1', 'POST', `${O}/confirmations`, {
      body: {
        offPlatformNote: note,
        outcomes: { [disputed]: 'withdrawn', [amended]: 'agreed', [draft]: 'agreed' },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ reviewState: 'observations-agreed', finalisation: { complete: true } });
    expect((await findReview(reviewId))?.state).toBe('observations-agreed');

    const entries = new Map((await listEntries(reviewId)).map((e) => [e.id, e]));
    expect(entries.get(disputed)).toMatchObject({ status: 'withdrawn', reason: note, version: 3 });
    expect(entries.get(amended)).toMatchObject({ status: 'agreed', version: 3 });
    expect(entries.get(draft)?.history.at(-1)).toMatchObject({ action: 'off-platform', status: 'agreed' });
    // The amended entry is agreed in the reviewed State's wording; the withdrawn one is left out.
    expect((await agreedObservations(reviewId)).map((o) => o.text).sort()).toEqual([
      'Attempt is covered by the general part.',
      'Specialised units.',
      'Training.',
    ]);
    const list = await getList(reviewId);
    expect(list).toMatchObject({ offPlatformNote: note, version: 8 });
    expect(res.json.list.version).toBe(list.version);
    const actions = (await listAudit(`review#${reviewId}`, { limit: 500 })).entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'observation.off-platform')).toHaveLength(3);
    expect(actions).toContain('observations.finalise');
    // Once final, nothing is offered on the list any more.
    const closed = await call('focal-point@FRA', 'GET', O);
    expect(Object.values(closed.json.entryActions).flat()).toEqual([]);
    const after = await call('secretariat-1', 'GET', `/reviews/${reviewId}`);
    expect(after.json.allowedActions).not.toContain('observations.finalize');
  });

  it('refuses a record that leaves an open entry unnamed or names a settled one, naming them, and changes nothing', async () => {
    const { reviewId, O, agreed, disputed, amended } = await reviewWithOpenEntries('C2034');
    const before = await listEntries(reviewId);
    const res = await call('secretariat-1', 'POST', `${O}/confirmations`, {
      body: {
        offPlatformNote: note,
        outcomes: { [agreed]: 'agreed', [disputed]: 'withdrawn', [amended]: 'agreed' },
      },
    });
    expect(res.status).toBe(400);
    const issues: { path: string; message: string }[] = res.json.error.details.issues;
    expect(issues.map((i) => i.message)).toEqual([
      'observation 4 is draft: say whether it was agreed or withdrawn off the platform',
      'observation 1 is already settled on the platform',
    ]);
    expect(await listEntries(reviewId)).toEqual(before);
    expect((await getList(reviewId)).finalisedAt).toBeUndefined();
    expect((await findReview(reviewId))?.state).toBe('dialogue');

    const byFocal = await call('focal-point@FRA', 'POST', `${O}/confirmations`, {
      body: { outcomes: { [disputed]: 'agreed' } },
    });
    expect(byFocal.status).toBe(400);
    expect(byFocal.json.error.message).toContain('body.outcomes: only the secretariat');
  });
});
