/**
 * Response reports end to end on the embedded stack: self-assessments submitted through the API
 * are indexed with the submission, the report for the RCM set counts them, each kind of reader
 * sees what the authorization rules allow (named answers for the secretariat, the State itself
 * and consenting States; aggregates with suppression for everyone else), consent withdrawal
 * counts at once, country sets are kept by the secretariat (audited, versioned), the exports
 * carry the same figures, and the backfill command rebuilds a missing index.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { config } from '#shared/config.ts';
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import { queryAnswerShard, shardOf } from '#shared/repos/answer-index.ts';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { backfillAnswerIndex } from '#shared/use-cases/answer-index.ts';
import { loadDocument } from '#shared/use-cases/self-assessments/versions.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { pdfText, renderPages } from '../support/pdf-tools.ts';
import { seedReview } from '../support/reviews.ts';

/** Submitting RCM States and the answer each gives to every yes/no/partly question. */
const ANSWER: Record<string, 'yes' | 'no' | 'partly'> = {
  BLZ: 'yes',
  CAN: 'yes',
  CRI: 'no',
  DOM: 'partly',
  MEX: 'yes',
};
const CYCLE = 'C2026';

const answersFor = (iso3: string, choice: 'yes' | 'no' | 'partly'): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const { question } of questionsOf(questionnaireForInstrument('TIP'))) {
    if (question.type === 'yes-no-partly') out[question.id] = choice;
    else if (question.type === 'text') out[question.id] = `Answer of ${iso3}.`;
    else if (question.type === 'legislation')
      out[question.id] = [
        { title: `${iso3} Trafficking Act`, url: `https://sherloc.unodc.org/cld/${iso3.toLowerCase()}.html` },
      ];
    else if (question.type === 'statistics') out[question.id] = [{ value: 10, year: 2024 }];
  }
  return out;
};

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  for (const iso3 of Object.keys(ANSWER)) await seedReview({ cycleId: CYCLE, reviewedState: iso3 });
});
afterAll(() => platform.stop());
const call = apiClient(platform);

const submit = async (iso3: string, answers: Record<string, unknown>) => {
  const base = `/reviews/${CYCLE}.${iso3}/self-assessments/TIP`;
  const draft = await call(`expert@${iso3}`, 'GET', `${base}/draft`);
  const saved = await call(`expert@${iso3}`, 'PATCH', `${base}/draft`, {
    body: { answers },
    headers: { 'if-match': String(draft.json.version) },
  });
  expect(saved.status, saved.text).toBe(200);
  const res = await call(`focal-point@${iso3}`, 'POST', `${base}/submissions`, {
    headers: { 'idempotency-key': `submit-${iso3}-${saved.json.version}` },
  });
  expect(res.status, res.text).toBe(201);
};

const REPORT = `/reports/responses?instrument=TIP&set=rcm&cycleId=${CYCLE}`;
// biome-ignore lint/suspicious/noExplicitAny: report bodies are checked field by field
const q1 = (json: { questions: any[] }) => json.questions.find((q) => q.questionId === 'TIP.5.q1');

describe('response reports', () => {
  it('indexes each submission and counts it in the RCM report (hand-counted: 3 yes, 1 no, 1 partly)', async () => {
    for (const [iso3, choice] of Object.entries(ANSWER)) await submit(iso3, answersFor(iso3, choice));
    const res = await call('secretariat-1', 'GET', REPORT);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      instrument: 'TIP',
      named: 'all',
      submitted: 5,
      members: 11,
      cycleId: CYCLE,
    });
    expect(q1(res.json)).toMatchObject({ answered: 5, counts: { yes: 3, no: 1, partly: 1 }, gapShare: 0.4 });
    expect(q1(res.json).byState).toEqual({ BLZ: 'yes', CAN: 'yes', CRI: 'no', DOM: 'partly', MEX: 'yes' });
    const states = Object.fromEntries(
      res.json.states.map((s: { iso3: string; submitted: boolean }) => [s.iso3, s.submitted]),
    );
    expect(states).toMatchObject({ BLZ: true, CRI: true, GTM: false, USA: false });
    const laws = res.json.laws.find((l: { article: string }) => l.article === 'TIP.5');
    expect(laws.citations.flatMap((c: { states: string[] }) => c.states).sort()).toEqual([
      'BLZ',
      'CAN',
      'CRI',
      'DOM',
      'MEX',
    ]);
  });

  it('gives an expert of a State that did not consent aggregates only, small cells as "fewer than 3"', async () => {
    const res = await call('expert@PAN', 'GET', REPORT);
    expect(res.status, res.text).toBe(200);
    expect(res.json.named).toBe('none');
    expect(q1(res.json)).toMatchObject({
      answered: 5,
      counts: { yes: 3, no: { suppressed: 'small', below: 3 }, partly: { suppressed: 'small', below: 3 } },
      gapShare: null,
      byState: {},
    });
    expect(res.json.laws.every((l: { citations: unknown[] }) => l.citations.length === 0)).toBe(true);
    const html = await call('expert@PAN', 'GET', `${REPORT}&format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('fewer than 3');
    expect(html.text).not.toContain('BLZ Trafficking Act');
    // The same page in Spanish (`lang`): its own words translated, the protection unchanged.
    const es = await call('expert@PAN', 'GET', `${REPORT}&format=html&lang=es`);
    expect(es.text).toContain('<html lang="es" dir="ltr">');
    expect(es.text).toContain('menos de 3');
    expect(es.text).not.toContain('BLZ Trafficking Act');
    expect((await call('expert@PAN', 'GET', `${REPORT}&format=html&lang=de`)).status).toBe(400);
  });

  it('shows a State its own answers by name and the observer aggregates only', async () => {
    const own = await call('expert@CRI', 'GET', REPORT);
    expect(own.json.named).toBe('some');
    expect(q1(own.json).byState).toEqual({ CRI: 'no' });
    const observer = await call('observer-1', 'GET', REPORT);
    expect(observer.json.named).toBe('none');
  });

  it('refuses an ad-hoc list of States to a reader who may not see each by name (subtraction attack)', async () => {
    const adHoc = await call('expert@PAN', 'GET', '/reports/responses?instrument=TIP&states=BLZ,CAN,CRI,DOM');
    expect(adHoc.status).toBe(403);
    expect(adHoc.json.error.message).toContain('query.states');
    const secretariat = await call(
      'secretariat-1',
      'GET',
      `/reports/responses?instrument=TIP&states=BLZ,CRI&cycleId=${CYCLE}`,
    );
    expect(secretariat.status).toBe(200);
    expect(q1(secretariat.json).counts).toEqual({ yes: 1, no: 1, partly: 0 });
  });

  it('names a consenting State to the other members of the set, and stops at once when consent is withdrawn', async () => {
    const notMine = await call('focal-point@CAN', 'PUT', '/country-sets/rcm/consents/BLZ', {
      body: { share: true },
    });
    expect(notMine.status).toBe(403);
    const expertTries = await call('expert@BLZ', 'PUT', '/country-sets/rcm/consents/BLZ', {
      body: { share: true },
    });
    expect(expertTries.status).toBe(403);
    const grant = await call('focal-point@BLZ', 'PUT', '/country-sets/rcm/consents/BLZ', {
      body: { share: true },
    });
    expect(grant.status, grant.text).toBe(200);
    expect(grant.json).toMatchObject({ setId: 'rcm', iso3: 'BLZ', share: true, version: 1 });

    const member = await call('expert@PAN', 'GET', REPORT);
    expect(member.json.named).toBe('some');
    expect(q1(member.json).byState).toEqual({ BLZ: 'yes' });
    // The hidden part (CAN yes, CRI no, DOM partly, MEX yes) is protected; BLZ's yes is added to the bound.
    expect(q1(member.json).counts.no).toEqual({ suppressed: 'small', below: 3 });
    // Not a member of the set: consent to share with RCM does not reach a Ghanaian expert.
    const outsider = await call('expert@GHA', 'GET', REPORT);
    expect(outsider.json.named).toBe('none');

    const withdraw = await call('focal-point@BLZ', 'PUT', '/country-sets/rcm/consents/BLZ', {
      body: { share: false },
    });
    expect(withdraw.json).toMatchObject({ share: false, version: 2 });
    const after = await call('expert@PAN', 'GET', REPORT);
    expect(after.json.named).toBe('none');
    expect(q1(after.json).byState).toEqual({});

    const audit = await listAudit(auditScope.countrySets());
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['consent.grant', 'consent.withdraw']),
    );
  });

  it('lists the regional groups (members from the registry) and the RCM with names and source', async () => {
    const res = await call('expert@PAN', 'GET', '/country-sets');
    expect(res.status).toBe(200);
    const ids = res.json.sets.map((s: { id: string }) => s.id);
    expect(ids).toEqual([
      'un-african',
      'un-asia-pacific',
      'un-eastern-european',
      'un-grulac',
      'un-weog',
      'rcm',
    ]);
    const rcm = res.json.sets.find((s: { id: string }) => s.id === 'rcm');
    expect(rcm.members).toHaveLength(11);
    expect(rcm.names.es).toContain('Conferencia Regional sobre Migración');
    expect(rcm.source.title).toBeTruthy();
    const grulac = res.json.sets.find((s: { id: string }) => s.id === 'un-grulac');
    expect(grulac.members).toContain('MEX');
    expect(grulac.names.zh).toBeTruthy();
    expect(res.json.sets.find((s: { id: string }) => s.id === 'un-weog').members).not.toContain('USA');
  });

  it('lets only the secretariat keep sets, refuses one that differs from another by fewer than 3 States', async () => {
    const body = {
      id: 'central-america',
      names: { en: 'Central America', es: 'Centroamérica' },
      kind: 'regional-process',
      members: ['BLZ', 'CRI', 'SLV', 'GTM', 'HND', 'NIC', 'PAN'],
      source: { title: 'Test' },
    };
    expect((await call('expert@PAN', 'POST', '/country-sets', { body })).status).toBe(403);
    const created = await call('secretariat-1', 'POST', '/country-sets', { body });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ id: 'central-america', version: 1, origin: 'secretariat' });
    expect((await call('secretariat-1', 'POST', '/country-sets', { body })).status).toBe(409);

    const nearRcm = await call('secretariat-1', 'POST', '/country-sets', {
      body: {
        ...body,
        id: 'rcm-minus-one',
        members: ['BLZ', 'CAN', 'CRI', 'DOM', 'SLV', 'GTM', 'HND', 'MEX', 'NIC', 'PAN'],
      },
    });
    expect(nearRcm.status).toBe(400);
    expect(nearRcm.json.error.message).toMatch(/^body\.members: differs from set rcm by only 1 State/);
    const unknown = await call('secretariat-1', 'POST', '/country-sets', {
      body: { ...body, id: 'x', members: ['BLZ', 'XXX'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('XXX');

    const stale = await call('secretariat-1', 'PUT', '/country-sets/central-america', {
      body: { ...body, id: undefined, members: [...body.members, 'MEX'] },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    const { id: _id, ...input } = body;
    const edited = await call('secretariat-1', 'PUT', '/country-sets/central-america', {
      body: { ...input, members: [...body.members, 'MEX'] },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.version).toBe(2);
    const group = await call('secretariat-1', 'PUT', '/country-sets/un-grulac', {
      body: input,
      headers: { 'if-match': '"1"' },
    });
    expect(group.status).toBe(409);

    const retired = await call('secretariat-1', 'POST', '/country-sets/central-america/retirement', {
      headers: { 'if-match': '"2"' },
    });
    expect(retired.json.retiredAt).toBeTruthy();
    const list = await call('secretariat-1', 'GET', '/country-sets');
    expect(list.json.sets.map((s: { id: string }) => s.id)).not.toContain('central-america');
    const audit = await listAudit(auditScope.countrySets());
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['country-set.create', 'country-set.update', 'country-set.retire']),
    );
  });

  it('shows which answers moved against the previous version', async () => {
    await submit('CRI', { ...answersFor('CRI', 'no'), 'TIP.5.q1': 'yes' });
    const res = await call('secretariat-1', 'GET', `${REPORT}&compareTo=previous-version`);
    expect(res.status, res.text).toBe(200);
    expect(q1(res.json).change.moves).toEqual([{ iso3: 'CRI', from: 'no', to: 'yes' }]);
    expect(q1(res.json).counts).toEqual({ yes: 4, no: 0, partly: 1 });
  });

  it('exports the same figures as CSV, XLSX and SVG', async () => {
    const csv = await call('secretariat-1', 'GET', `${REPORT}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toMatch(/^question_id,article,cluster,type,answered,yes,no,partly,gap_share/);
    expect(lines.find((l) => l.startsWith('TIP.5.q1,'))).toMatch(
      /^TIP\.5\.q1,TIP\.5,1,yes-no-partly,5,4,0,1,0\.2,/,
    );
    const xlsx = await fetch(`${platform.url}${REPORT}&format=xlsx`, {
      headers: { authorization: `Bearer ${await platform.tokenFor('secretariat-1')}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a ZIP package
    const svg = await call('expert@PAN', 'GET', `${REPORT}&format=svg`);
    expect(svg.text).toContain('<svg');
    expect(svg.text).toContain('fewer than 3');
  });

  it('renders the printable report as a PDF with the same sections, aggregates only for a non-consenting expert', async () => {
    const pdfOf = async (sub: string) => {
      const res = await fetch(`${platform.url}${REPORT}&format=pdf`, {
        headers: { authorization: `Bearer ${await platform.tokenFor(sub)}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain('.pdf');
      return new Uint8Array(await res.arrayBuffer());
    };
    const full = await pdfOf('secretariat-1');
    const text = pdfText(full);
    for (const h of [
      'Completion',
      'Gaps',
      'By the four Ps',
      'Answers per question',
      'Per article',
      'Laws cited',
    ])
      expect(text).toContain(h);
    expect(text).toContain('TIP.5.q1');
    expect(text).toContain('Answers are shown by State.');
    expect(renderPages(full).length).toBeGreaterThanOrEqual(1);

    const aggregates = pdfText(await pdfOf('expert@PAN'));
    expect(aggregates).toContain('fewer than 3');
    expect(aggregates).not.toContain('BLZ Trafficking Act');
  });

  it('answers 400 naming the field, and 404 for an unknown set', async () => {
    const neither = await call('secretariat-1', 'GET', '/reports/responses?instrument=TIP');
    expect(neither.status).toBe(400);
    expect(neither.json.error.message).toContain('query.set');
    const bad = await call('secretariat-1', 'GET', '/reports/responses?instrument=TIP&states=BLZ,XX1');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('query.states');
    expect((await call('secretariat-1', 'GET', '/reports/responses?instrument=TIP&set=nope')).status).toBe(
      404,
    );
    expect((await call(null, 'GET', REPORT)).status).toBe(401);
  });

  it('rebuilds a missing index from the frozen documents with the backfill command', async () => {
    // Lose DOM's index items (as for a version submitted before the index existed).
    const shard = shardOf('DOM');
    const items = (await queryAnswerShard(CYCLE, 'TIP', shard)).filter((i) =>
      String(i.sk).startsWith('DOM#'),
    );
    expect(items.length).toBeGreaterThan(10);
    for (const i of items)
      await dynamo().send(new DeleteCommand({ TableName: config().TABLE_NAME, Key: { pk: i.pk, sk: i.sk } }));
    const before = await call('secretariat-1', 'GET', REPORT);
    expect(before.json.states.find((s: { iso3: string }) => s.iso3 === 'DOM').submitted).toBe(false);

    const progress = await backfillAnswerIndex(async (v) => (await loadDocument(v)).answers, {
      cycleId: CYCLE,
    });
    expect(progress.versions).toBe(6); // five States, CRI twice
    const after = await call('secretariat-1', 'GET', REPORT);
    expect(after.json.states.find((s: { iso3: string }) => s.iso3 === 'DOM').submitted).toBe(true);
    expect(q1(after.json).counts).toEqual({ yes: 4, no: 0, partly: 1 });
  });
});
