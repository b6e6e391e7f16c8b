import { afterAll, describe, expect, it } from 'vitest';
import { writeAnswerIndex } from '#shared/repos/answer-index.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { agreeObservations, publishSummary, seedEarlierReview } from '../support/follow-ups.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);

const CYCLE_1 = [
  { article: 'TIP.6', kind: 'challenge', text: 'Shelters for victims outside Abidjan and Bouaké are few.' },
  { article: 'TIP.9', kind: 'recommendation', text: 'Run a national awareness campaign on forced labour.' },
  { article: 'TIP.5', kind: 'good-practice', text: 'Trafficking is criminalized in the Penal Code.' },
];

const first = await seedEarlierReview();
const firstIds = await agreeObservations(call, first, CYCLE_1);
await publishSummary(call, first.reviewId);
const second = await seedReview({ cycleId: 'C2027', state: 'dialogue' });
const base = `/reviews/${second.reviewId}/follow-ups`;

interface Item {
  followUpId: string;
  version: number;
  stage: string;
  root: { reviewId: string; observationId: string };
  observation: { article: string; kind: string; text: string };
  agreed: { status: string } | null;
  confirmers: string[];
}
const items = async (sub: string): Promise<Item[]> => (await call(sub, 'GET', base)).json.items;
const shelters = async (sub = 'civ-expert'): Promise<Item> => {
  const found = (await items(sub)).find((i) => i.observation.article === 'TIP.6');
  if (!found) throw new Error('no follow-up of the TIP.6 challenge');
  return found;
};
const report = (sub: string, item: Item, status: string, explanation: string) =>
  call(sub, 'POST', `${base}/${item.followUpId}/reports`, {
    body: {
      status,
      explanation,
      evidence: [{ url: 'https://sherloc.unodc.org/cld/legislation/civ/x', label: 'Decree' }],
    },
    headers: { 'if-match': String(item.version) },
  });
const judge = (sub: string, item: Item, verdict: 'confirm' | 'dispute', comment?: string) =>
  call(sub, 'POST', `${base}/${item.followUpId}/verdicts`, {
    body: { verdict, ...(comment ? { comment } : {}) },
    headers: { 'if-match': String(item.version) },
  });

describe('follow-up of observations over two cycles', () => {
  it("lists the earlier review's agreed challenges and suggestions as follow-up items of the next review, not its good practices", async () => {
    const list = (await call('civ-focal', 'GET', base)).json;
    expect(list.items.map((i: Item) => i.observation.article).sort()).toEqual(['TIP.6', 'TIP.9']);
    expect(list.items.every((i: Item) => i.stage === 'awaiting-report' && i.version === 0)).toBe(true);
    expect(list.items.map((i: Item) => i.root.observationId).sort()).toEqual(
      [firstIds[0], firstIds[1]].sort(),
    );
    expect(list.scale.map((s: { id: string }) => s.id)).toEqual([
      'implemented',
      'partly-implemented',
      'not-implemented',
      'no-longer-applicable',
    ]);
    // UNTOC words: suggestions, not recommendations.
    expect(list.kindLabels.recommendation).toBe('Suggestion');
  });

  it('shows the items to the reviewing States and the secretariat, and to nobody unrelated', async () => {
    expect((await call('tur-expert', 'GET', base)).status).toBe(200);
    expect((await call('secretariat-1', 'GET', base)).status).toBe(200);
    expect((await call('bra-expert', 'GET', base)).status).toBe(404);
    expect((await call(null, 'GET', base)).status).toBe(401);
  });

  it('refuses a status off the scale (400 naming the field) and a report by a reviewing State (403)', async () => {
    const item = await shelters();
    const bad = await report('civ-expert', item, 'done', 'We built shelters.');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('status');
    expect((await report('tur-expert', item, 'implemented', 'x')).status).toBe(403);
    expect((await shelters()).version).toBe(0);
  });

  it('takes the State report, a dispute, a revised report, and agrees the status once both reviewing States confirm', async () => {
    let item = await shelters();
    const reported = await report(
      'civ-expert',
      item,
      'implemented',
      'Two shelters opened in Korhogo and San-Pédro.',
    );
    expect(reported.status).toBe(200);
    expect(reported.json).toMatchObject({
      stage: 'reported',
      version: 1,
      report: { n: 1, status: 'implemented' },
    });

    // A stale version is refused before anything is written.
    expect((await judge('tur-expert', item, 'confirm')).status).toBe(412);
    item = await shelters();
    expect((await judge('tur-expert', item, 'dispute')).status).toBe(400);
    const disputed = await judge(
      'tur-expert',
      item,
      'dispute',
      'Only one shelter is open; the second is planned.',
    );
    expect(disputed.status).toBe(200);
    expect(disputed.json.stage).toBe('disputed');

    item = await shelters();
    const revised = await report(
      'civ-focal',
      item,
      'partly-implemented',
      'One shelter opened in Korhogo; San-Pédro in 2028.',
    );
    expect(revised.json).toMatchObject({ stage: 'reported', report: { n: 2, status: 'partly-implemented' } });

    item = await shelters();
    const one = await judge('tur-expert', item, 'confirm');
    expect(one.json).toMatchObject({ stage: 'reported', agreed: null });
    item = await shelters();
    const both = await judge('gha-focal', item, 'confirm');
    expect(both.json).toMatchObject({
      stage: 'agreed',
      agreed: { status: 'partly-implemented', reportN: 2 },
    });

    item = await shelters();
    expect((await report('civ-expert', item, 'implemented', 'Now both.')).status).toBe(409);
  });

  it('keeps the chain with its history: the observation of cycle 1 and its follow-up in cycle 2', async () => {
    const item = await shelters();
    const res = await call('tur-expert', 'GET', `${base}/${item.followUpId}`);
    expect(res.status).toBe(200);
    expect(res.json.root).toMatchObject({ reviewId: first.reviewId, observationId: firstIds[0] });
    expect(res.json.chain).toHaveLength(1);
    expect(res.json.chain[0].history.map((h: { event: string }) => h.event)).toEqual([
      'reported',
      'disputed',
      'reported',
      'confirmed',
      'confirmed',
      'agreed',
    ]);
    const audit = await call('secretariat-1', 'GET', `/reviews/${second.reviewId}/audit`);
    expect(audit.status).toBe(200);
    // Every change in the audit log, and none of the refused attempts.
    const actions = (audit.json.entries as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('follow-up.'))).toEqual([
      'follow-up.report',
      'follow-up.dispute',
      'follow-up.report',
      'follow-up.confirm',
      'follow-up.confirm',
    ]);
  });

  it('puts the agreed status in the cycle-2 summary and the gap report, and once published on the public findings page', async () => {
    const review = `/reviews/${second.reviewId}`;
    await agreeObservations(call, second, [
      { article: 'TIP.10', kind: 'challenge', text: 'Training of border officials is irregular.' },
    ]);
    // Once the list is agreed, statuses are no longer taken.
    const late = (await items('civ-expert')).find((i) => i.observation.article === 'TIP.9');
    expect(late && (await report('civ-expert', late, 'implemented', 'Campaign ran in 2026.')).status).toBe(
      409,
    );

    const draft = await call('tur-expert', 'POST', `${review}/summaries/combined`);
    expect(draft.status).toBe(201);
    const md = await call('civ-focal', 'GET', `${review}/summaries/combined/document?lang=en&format=md`);
    expect(md.text).toContain('## Follow-up of earlier observations');
    expect(md.text).toContain('Partly implemented');
    expect(md.text).toContain(CYCLE_1[0]?.text.replace('.', ''));
    // Only agreed statuses: the unreported suggestion is not in the section.
    expect(md.text.split('## Follow-up of earlier observations')[1]).not.toContain('awareness campaign');

    const gap = await call('secretariat-1', 'GET', `/gap-report?cycleId=${second.cycleId}`);
    expect(JSON.parse(gap.text).followUpByStatus).toEqual([{ status: 'partly-implemented', count: 1 }]);
    const gapCsv = await call('secretariat-1', 'GET', `/gap-report?cycleId=${second.cycleId}&format=csv`);
    expect(gapCsv.text).toContain('follow-up-status,partly-implemented,,,,,,1,');

    const agreed = await call('civ-focal', 'POST', `${review}/summaries/combined/agreement`, {
      body: { documentVersion: draft.json.documentVersion },
    });
    const published = await call('secretariat-1', 'POST', `${review}/summaries/combined/publication`, {
      body: { documentVersion: agreed.json.documentVersion },
    });
    expect(published.status).toBe(200);
    const fr = await call(null, 'GET', `/public/summaries/${second.reviewId}/combined?lang=fr&format=html`);
    expect(fr.status).toBe(200);
    expect(fr.text).toContain('Suivi des observations antérieures');
    expect(fr.text).toContain('data-follow-up-status="partly-implemented"');
    expect(fr.text).toContain('Partiellement mise en œuvre');
    // On the public findings page: the cycle-1 observation with its agreed cycle-2 status.
    const found = await call(null, 'GET', '/public/findings?followUpStatus=partly-implemented');
    expect(found.json.findings).toHaveLength(1);
    expect(found.json.findings[0]).toMatchObject({
      reviewId: first.reviewId,
      text: CYCLE_1[0]?.text,
      followUp: { status: 'partly-implemented', label: 'Partly implemented', reviewId: second.reviewId },
      summary: { path: `/public/summaries/${first.reviewId}/combined` },
    });
  });

  it('counts the agreed statuses in the response report: by State and observation where the reader sees the State, suppressed aggregates otherwise', async () => {
    // CIV's cycle-2 self-assessment as the answer index holds it once submitted.
    await writeAnswerIndex(
      {
        iso3: 'CIV',
        cycleId: second.cycleId,
        reviewId: second.reviewId,
        version: 1,
        submittedAt: '2027-02-01T09:00:00.000Z',
        questionnaireId: 'untoc-tip',
        questionnaireVersion: 1,
        answers: { 'TIP.5.q1': 'yes' },
      },
      'TIP',
    );
    const q = `/reports/responses?instrument=TIP&cycleId=${second.cycleId}`;
    const named = (await call('secretariat-1', 'GET', `${q}&states=CIV`)).json.followUps;
    expect(named.statuses.map((s: { id: string }) => s.id)).toEqual([
      'implemented',
      'partly-implemented',
      'not-implemented',
      'no-longer-applicable',
    ]);
    expect(named).toMatchObject({
      total: 1,
      counts: { implemented: 0, 'partly-implemented': 1, 'not-implemented': 0, 'no-longer-applicable': 0 },
      byArticle: [{ article: 'TIP.6', total: 1, counts: { 'partly-implemented': 1 } }],
      items: [{ iso3: 'CIV', article: 'TIP.6', kind: 'challenge', status: 'partly-implemented' }],
    });
    // Only the report's instrument: UNTOC has no follow-up of a TIP observation.
    const untoc = await call(
      'secretariat-1',
      'GET',
      `/reports/responses?instrument=UNTOC&cycleId=${second.cycleId}&states=CIV`,
    );
    expect(untoc.json.followUps).toMatchObject({ total: 0, items: [] });

    // A reader who may not see CIV by name (Brazil, outside the African group): counted, not shown.
    const agg = await call('bra-expert', 'GET', `${q}&set=un-african`);
    expect(agg.status).toBe(200);
    expect(agg.json.followUps.total).toBe(1);
    expect(agg.json.followUps.items).toEqual([]);
    expect(agg.json.followUps.counts['partly-implemented']).toEqual({ suppressed: 'small', below: 3 });
    expect(agg.json.followUps.byArticle[0].counts['partly-implemented']).toEqual({
      suppressed: 'small',
      below: 3,
    });
    expect(agg.text).not.toContain(CYCLE_1[0]?.text);
  });
});
