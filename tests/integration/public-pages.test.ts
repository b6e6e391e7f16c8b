/**
 * The public pages (no sign-in): review status and findings. What anonymous may read is
 * `public.read` alone in the authorization matrix; everything behind `observations.read`,
 * `summary.read-draft` or `follow-up.read` must stay out until a summary is published.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { can } from '#shared/domain/authz.ts';
import { DEFAULT_PUBLIC_STATUS_POLICY } from '#shared/domain/public/review-status.ts';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { agreeObservations, publishSummary, seedEarlierReview } from '../support/follow-ups.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);

const PUBLISHED = {
  article: 'TIP.6',
  kind: 'challenge',
  text: 'Shelters for victims outside Abidjan and Bouaké are few.',
};
const PUBLISHED_TA = {
  article: 'TIP.10',
  kind: 'ta-need',
  text: 'Training of labour inspectors in victim identification.',
};
const SECRET_AGREED = {
  article: 'TIP.9',
  kind: 'challenge',
  text: 'SECRET-AGREED: prevention budget was cut in half.',
};
const SECRET_LATER = {
  article: 'TIP.11',
  kind: 'challenge',
  text: 'SECRET-LATER: border posts lack document scanners.',
};
const SECRET_EXPLANATION = 'SECRET-EXPLANATION: one shelter opened in Korhogo.';

const publish = (reviewId: string) => publishSummary(call, reviewId);

// Cycle 1 (UNTOC, 2025): published. An UNCAC review of the same State: agreed, never published.
const first = await seedEarlierReview();
const [sheltersId] = await agreeObservations(call, first, [PUBLISHED, PUBLISHED_TA]);
await publish(first.reviewId);
const uncac = await seedReview({
  cycleId: 'UNCAC2026',
  mechanism: 'uncac',
  state: 'dialogue',
  createdAt: '2026-02-01T09:00:00.000Z',
});
await agreeObservations(call, uncac, [SECRET_AGREED]);
const uncacDraft = await call('tur-expert', 'POST', `/reviews/${uncac.reviewId}/summaries/combined`);
await call('civ-focal', 'POST', `/reviews/${uncac.reviewId}/summaries/combined/agreement`, {
  body: { documentVersion: uncacDraft.json.documentVersion },
});

// Cycle 2 (UNTOC, 2027): the shelters challenge followed up and agreed; not published yet.
const second = await seedReview({ cycleId: 'C2027', state: 'dialogue' });
const fuBase = `/reviews/${second.reviewId}/follow-ups`;
const shelters = (await call('civ-expert', 'GET', fuBase)).json.items.find(
  (i: { root: { observationId: string } }) => i.root.observationId === sheltersId,
);
const reported = await call('civ-expert', 'POST', `${fuBase}/${shelters.followUpId}/reports`, {
  body: { status: 'partly-implemented', explanation: SECRET_EXPLANATION },
  headers: { 'if-match': '0' },
});
const tur = await call('tur-expert', 'POST', `${fuBase}/${shelters.followUpId}/verdicts`, {
  body: { verdict: 'confirm' },
  headers: { 'if-match': String(reported.json.version) },
});
await call('gha-expert', 'POST', `${fuBase}/${shelters.followUpId}/verdicts`, {
  body: { verdict: 'confirm' },
  headers: { 'if-match': String(tur.json.version) },
});
await agreeObservations(call, second, [SECRET_LATER]);

const findings = async (query = '') => {
  const res = await call(null, 'GET', `/public/findings${query}`);
  expect(res.status).toBe(200);
  return res;
};

describe('public pages without sign-in: nothing unpublished appears', () => {
  it('grants anonymous callers public.read and none of the reads behind the public pages', () => {
    const anon = { kind: 'anonymous' } as const;
    const scope = { reviewedState: 'CIV', reviewerStates: ['GHA', 'TUR'] };
    expect(can(anon, 'public.read')).toBe(true);
    for (const action of [
      'observations.read',
      'summary.read-draft',
      'follow-up.read',
      'review.read',
    ] as const)
      expect(can(anon, action, scope)).toBe(false);
  });

  it('lists only observations of published summaries, each linked to its summary', async () => {
    const res = await findings();
    expect(res.json.findings.map((f: { text: string }) => f.text).sort()).toEqual(
      [PUBLISHED.text, PUBLISHED_TA.text].sort(),
    );
    for (const secret of ['SECRET-AGREED', 'SECRET-LATER', 'SECRET-EXPLANATION'])
      expect(res.text).not.toContain(secret);
    const f = res.json.findings.find((x: { article: string }) => x.article === 'TIP.6');
    expect(f).toMatchObject({ state: 'CIV', year: 2026, kind: 'challenge', followUp: null });
    const summary = await call(null, 'GET', `${f.summary.path}?lang=en&format=html`);
    expect(summary.status).toBe(200);
    expect(summary.text).toContain(PUBLISHED.text);
  });

  it('shows no follow-up status while the later summary is unpublished, and shows it once published', async () => {
    const before = await findings('?followUpStatus=partly-implemented');
    expect(before.json.total).toBe(0);
    await publish(second.reviewId);
    const after = await findings('?followUpStatus=partly-implemented');
    expect(after.json.findings).toHaveLength(1);
    expect(after.json.findings[0]).toMatchObject({
      text: PUBLISHED.text,
      followUp: { status: 'partly-implemented', label: 'Partly implemented', reviewId: second.reviewId },
    });
    // The later review's own observation is public now too; the UNCAC one is still not.
    const all = await findings('?pageSize=100');
    expect(all.text).toContain('SECRET-LATER');
    expect(all.text).not.toContain('SECRET-AGREED');
  });

  it('searches by words without accents, by filters, pages the results and exports every match as CSV', async () => {
    expect((await findings('?q=bouake%20shelters')).json.total).toBe(1);
    expect((await findings('?kind=ta-need&instrument=TIP&group=African')).json.findings[0].article).toBe(
      'TIP.10',
    );
    const all = (await findings('?pageSize=100')).json;
    for (const [param, field] of [
      ['fourP', 'fourP'],
      ['sdg', 'sdgTargets'],
    ] as const) {
      const value = all.findings.find((f: Record<string, string[]>) => (f[field] ?? []).length > 0)?.[
        field
      ][0];
      expect(value, `a finding with ${field}`).toBeTruthy();
      const hits = (await findings(`?${param}=${value}&pageSize=100`)).json;
      expect(hits.total).toBeGreaterThan(0);
      expect(hits.findings.every((f: Record<string, string[]>) => f[field]?.includes(value))).toBe(true);
    }
    // Every finding but the followed-up one has no published follow-up; the fixture cycles are all of 2026.
    expect((await findings('?followUpStatus=none&year=2026')).json.total).toBe(all.total - 1);
    expect((await findings('?year=2025')).json.total).toBe(0);
    const page = await findings('?pageSize=1&page=2');
    expect(page.json).toMatchObject({ pageSize: 1, page: 2, pages: page.json.total });
    expect(page.json.findings).toHaveLength(1);
    const csv = await findings('?format=csv&pageSize=1');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + page.json.total);
    const bad = await call(null, 'GET', '/public/findings?kind=suggestion');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('kind');
  });

  it('shows every State party with its status per cycle, counts, and the institution only where the State agreed', async () => {
    expect(
      (await call('tur-focal', 'PUT', '/states/CIV/public-contact', { body: { institution: 'X' } })).status,
    ).toBe(403);
    expect(
      (
        await call('civ-focal', 'PUT', '/states/CIV/public-contact', {
          body: { institution: 'Ministry of Justice' },
        })
      ).status,
    ).toBe(200);
    const res = await call(null, 'GET', '/public/review-status');
    expect(res.status).toBe(200);
    const civ = res.json.states.find((s: { iso3: string }) => s.iso3 === 'CIV');
    const byCycle = Object.fromEntries(civ.reviews.map((r: { cycleId: string }) => [r.cycleId, r]));
    expect(byCycle.C2025).toMatchObject({
      status: 'summary-published',
      stage: 'published',
      focalPointInstitution: 'Ministry of Justice',
    });
    expect(byCycle.UNCAC2026).toMatchObject({ status: 'completed', stage: 'summary-agreed' });
    expect(res.json.counts).toMatchObject({ 'summary-published': 2, completed: 1, total: 3 });
    const gha = res.json.states.find((s: { iso3: string }) => s.iso3 === 'GHA');
    expect(gha).toMatchObject({ reviews: [] });
    expect(res.json.states.length).toBeGreaterThan(150);
    for (const secret of ['SECRET', 'seats', 'reviewerStates', 'contacts', 'civ-focal'])
      expect(res.text).not.toContain(secret);

    await call('civ-focal', 'PUT', '/states/CIV/public-contact', { body: { institution: null } });
    const withdrawn = (await call(null, 'GET', '/public/review-status')).json.states.find(
      (s: { iso3: string }) => s.iso3 === 'CIV',
    );
    expect(withdrawn.reviews[0].focalPointInstitution).toBeNull();
  });

  it('maps stages to public statuses by the cycle setting the secretariat edits (If-Match, audited), the default otherwise', async () => {
    const path = '/cycles/UNCAC2026/public-status-policy';
    const version = (await call('secretariat-1', 'GET', '/cycles/UNCAC2026')).json.version as number;
    const slower = { ...DEFAULT_PUBLIC_STATUS_POLICY, 'summary-agreed': 'in-progress' };
    const put = (who: string, publicStatus: unknown, v: number | null = version) =>
      call(who, 'PUT', path, {
        body: { publicStatus },
        ...(v === null ? {} : { headers: { 'if-match': String(v) } }),
      });
    const civStatus = async (cycleId: string) =>
      (await call(null, 'GET', '/public/review-status')).json.states
        .find((s: { iso3: string }) => s.iso3 === 'CIV')
        .reviews.find((r: { cycleId: string }) => r.cycleId === cycleId).status;

    expect((await put('civ-focal', slower)).status).toBe(403);
    expect((await put('secretariat-1', slower, null)).status).toBe(428);
    expect((await put('secretariat-1', slower, version + 7)).status).toBe(412);
    const backwards = await put('secretariat-1', { ...slower, published: 'not-started' });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toContain('published');
    const { dialogue: _d, ...incomplete } = slower;
    const missing = await put('secretariat-1', incomplete);
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain('dialogue');
    // Nothing was written by the refusals: the version and the public status are unchanged.
    expect((await call('secretariat-1', 'GET', '/cycles/UNCAC2026')).json.version).toBe(version);
    expect(await civStatus('UNCAC2026')).toBe('completed');

    const set = await put('secretariat-1', slower);
    expect(set.status).toBe(200);
    expect(set.headers.get('etag')).toBe(`"${version + 1}"`);
    expect(set.json.publicStatus['summary-agreed']).toBe('in-progress');
    expect(await civStatus('UNCAC2026')).toBe('in-progress');
    // Another cycle keeps the default.
    expect(await civStatus('C2025')).toBe('summary-published');
    const restored = await put('secretariat-1', null, version + 1);
    expect(restored.status).toBe(200);
    expect(restored.json.publicStatus).toBeUndefined();
    expect(await civStatus('UNCAC2026')).toBe('completed');
    const audit = (await listAudit(auditScope.cycle('UNCAC2026'))).entries.filter(
      (e) => e.action === 'cycle.public-status-policy',
    );
    expect(audit.map((e) => [e.actor, e.version])).toEqual([
      ['secretariat-1', version + 1],
      ['secretariat-1', version + 2],
    ]);
    expect(audit[0]?.details).toMatchObject({ publicStatus: { 'summary-agreed': 'in-progress' } });
  });
});
