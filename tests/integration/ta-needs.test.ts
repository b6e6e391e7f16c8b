import { afterAll, describe, expect, it } from 'vitest';
import { seedLocal } from '../../scripts/local/seed.ts';
import { agreeObservations } from '../support/follow-ups.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);

const review = await seedReview({ state: 'dialogue' });
const [inspectorsId] = await agreeObservations(call, review, [
  { article: 'TIP.10', kind: 'ta-need', text: 'Training of labour inspectors in victim identification.' },
  { article: 'TIP.6', kind: 'ta-need', text: 'Support to set up a shelter referral mechanism.' },
  { article: 'TIP.6', kind: 'challenge', text: 'Shelters are few.' },
]);
const needsPath = '/ta-needs';
const path = `/ta-needs/${review.reviewId}/${inspectorsId}`;

describe('the technical-assistance list the secretariat manages', () => {
  it('lists every agreed TA need of a final list as open, to the secretariat only', async () => {
    const res = await call('secretariat-1', 'GET', needsPath);
    expect(res.status).toBe(200);
    expect(res.json.needs.map((n: { article: string }) => n.article).sort()).toEqual(['TIP.10', 'TIP.6']);
    expect(
      res.json.needs.every(
        (n: { status: string; version: number }) => n.status === 'open' && n.version === 0,
      ),
    ).toBe(true);
    expect((await call('civ-focal', 'GET', needsPath)).status).toBe(403);
    expect((await call('observer-1', 'GET', needsPath)).status).toBe(403);
    expect((await call(null, 'GET', needsPath)).status).toBe(401);
    expect((await call('civ-focal', 'PATCH', path, { body: { status: 'closed' } })).status).toBe(403);
  });

  it('records the status, the kind of help, the provider and notes, with a version check', async () => {
    const noProvider = await call('secretariat-1', 'PATCH', path, {
      body: { status: 'matched' },
      headers: { 'if-match': '0' },
    });
    expect(noProvider.status).toBe(400);
    expect(noProvider.json.error.message).toContain('provider');
    const discussed = await call('secretariat-1', 'PATCH', path, {
      body: {
        status: 'being-discussed',
        help: 'Training of labour inspectors',
        note: 'Raised at the working group.',
      },
      headers: { 'if-match': '0' },
    });
    expect(discussed.status).toBe(200);
    expect(discussed.json).toMatchObject({
      status: 'being-discussed',
      version: 1,
      help: 'Training of labour inspectors',
    });
    expect(
      (
        await call('secretariat-1', 'PATCH', path, {
          body: { status: 'closed' },
          headers: { 'if-match': '0' },
        })
      ).status,
    ).toBe(412);
    const matched = await call('secretariat-1', 'PATCH', path, {
      body: { status: 'matched', provider: 'UNODC Global Programme', note: 'Provider found.' },
      headers: { 'if-match': '1' },
    });
    expect(matched.json).toMatchObject({ status: 'matched', provider: 'UNODC Global Programme', version: 2 });
    expect(matched.json.notes.map((n: { text: string }) => n.text)).toEqual([
      'Raised at the working group.',
      'Provider found.',
    ]);
    const bad = await call('secretariat-1', 'PATCH', path, { body: { status: 'finished' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('status');
  });

  it('filters by status, State and article, and exports CSV', async () => {
    const matched = await call('secretariat-1', 'GET', `${needsPath}?status=matched`);
    expect(matched.json.needs).toHaveLength(1);
    expect(matched.json.byStatus).toMatchObject({ matched: 1, open: 0 });
    expect(
      (await call('secretariat-1', 'GET', `${needsPath}?state=CIV&article=TIP.6`)).json.needs,
    ).toHaveLength(1);
    expect((await call('secretariat-1', 'GET', `${needsPath}?state=GHA`)).json.needs).toHaveLength(0);
    const csv = await call('secretariat-1', 'GET', `${needsPath}?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('TIP.10'))).toContain(
      'matched,Training of labour inspectors,UNODC Global Programme',
    );
  });

  it('counts the needs by status in the gap report', async () => {
    const gap = await call('secretariat-1', 'GET', `/gap-report?cycleId=${review.cycleId}`);
    const byStatus = JSON.parse(gap.text).taNeedsByStatus as { status: string; count: number }[];
    expect(Object.fromEntries(byStatus.map((s) => [s.status, s.count]))).toEqual({ matched: 1, open: 1 });
    const csv = await call('secretariat-1', 'GET', `/gap-report?cycleId=${review.cycleId}&format=csv`);
    expect(csv.text).toContain('ta-need-status,matched,,,,,,1,');
  });

  it('keeps every change in the review audit log', async () => {
    const audit = await call('secretariat-1', 'GET', `/reviews/${review.reviewId}/audit`);
    const ta = (audit.json.entries as { action: string; object: string }[]).filter(
      (e) => e.action === 'ta-need.update',
    );
    expect(ta).toHaveLength(2);
    expect(ta.every((e) => e.object === `ta-need/${inspectorsId}`)).toBe(true);
  });
});
