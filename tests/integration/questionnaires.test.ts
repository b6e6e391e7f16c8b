/**
 * Questionnaires as managed data, end to end on the embedded stack: a spreadsheet with
 * deliberate errors refused row by row (nothing stored), a valid one previewed in two languages
 * and published as version 2 of the TIP questionnaire; a review that had started keeps version 1,
 * a review starting afterwards gets version 2.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { s3Client } from '#shared/aws/clients.ts';
import { config } from '#shared/config.ts';
import { QUESTION_COLUMNS, sheetsOf } from '#shared/domain/questionnaire/index.ts';
import { workbookBytes } from '#shared/domain/questionnaire/workbook.ts';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { revisedCluster1 } from '../support/questionnaires.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview(); // C2026.CIV: starts its self-assessment before the new version
  await seedReview({ reviewedState: 'BRA' }); // C2026.BRA: starts after it
});
afterAll(() => platform.stop());
const call = apiClient(platform);
const draftOf = (state: string) => `/reviews/C2026.${state}/self-assessments/TIP/draft`;

const upload = (sub: string, fileName: string, bytes: Uint8Array) =>
  call(sub, 'POST', '/questionnaires/uploads', {
    body: { fileName, contentBase64: Buffer.from(bytes).toString('base64') },
  });

const storedKeys = async (prefix: string) =>
  (await s3Client().send(new ListObjectsV2Command({ Bucket: config().BUCKET_NAME, Prefix: prefix })))
    .Contents ?? [];

describe('questionnaire versions managed by the secretariat', () => {
  let uploadId = '';

  it('keeps the version a review started with: CIV saves a draft on the shipped version 1', async () => {
    const res = await call('civ-expert', 'PATCH', draftOf('CIV'), {
      body: { answers: { 'TIP.5.q1': 'yes' } },
      headers: { 'if-match': '0' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ questionnaireId: 'untoc-tip', questionnaireVersion: 1 });
  });

  it('refuses a spreadsheet with deliberate errors, each reported with its row, and stores nothing', async () => {
    const sheets = sheetsOf(revisedCluster1());
    const col = (name: string) => sheets.questions[0]?.indexOf(name) ?? -1;
    const broken = sheets.questions.map((r) => [...r]);
    const set = (row: number, name: string, value: string) => {
      const cells = broken[row - 1];
      if (cells) cells[col(name)] = value;
    };
    set(3, 'id', broken[1]?.[col('id')] ?? ''); // row 3 repeats row 2's id
    set(4, 'required_if', 'TIP.5.q77 = yes'); // a condition on a question that does not exist
    set(5, 'article', 'TIP.42'); // an article the Protocol does not have
    set(6, 'sdg', '16.99'); // a tag outside the SDG targets
    expect(QUESTION_COLUMNS).toContain('sdg');
    const res = await upload(
      'secretariat-1',
      'tip-cluster-1.xlsx',
      await workbookBytes({ meta: sheets.meta, questions: broken }),
    );
    expect(res.status).toBe(400);
    const issues: { row: string; field: string; message: string }[] = res.json.error.details.issues;
    const rows = issues.map((i) => `${i.row} ${i.field}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        'Questions!3 id',
        'Questions!4 required_if',
        'Questions!5 article',
        'Questions!6 sdg',
      ]),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        row: 'Questions!4',
        field: 'required_if',
        message: expect.stringContaining('TIP.5.q77'),
      }),
    );
    expect(res.json.error.message).toMatch(/problem\(s\), nothing was loaded/);
    expect((await call('secretariat-1', 'GET', '/questionnaires/uploads')).json.uploads).toEqual([]);
    expect(await storedKeys('questionnaires/')).toEqual([]);
  });

  it('lets only the secretariat upload', async () => {
    const bytes = await workbookBytes(sheetsOf(revisedCluster1()));
    expect((await upload('civ-focal', 'x.xlsx', bytes)).status).toBe(403);
    expect((await upload('observer-1', 'x.xlsx', bytes)).status).toBe(403);
  });

  it('stores a valid spreadsheet as an upload and says what publishing it would change', async () => {
    const res = await upload(
      'secretariat-1',
      'tip-cluster-1.xlsx',
      await workbookBytes(sheetsOf(revisedCluster1())),
    );
    expect(res.status, res.text).toBe(201);
    uploadId = res.json.uploadId;
    expect(res.json).toMatchObject({
      status: 'uploaded',
      format: 'xlsx',
      clusters: [1],
      questionnaireId: 'untoc-tip',
    });
    expect(res.json.next).toMatchObject({ version: 2, replaces: [1], keeps: [2], issues: [] });
    expect(res.json.next.diff.added).toEqual(['TIP.5.q90']);
    expect(res.json.next.diff.removed).toContain('TIP.5.q3');
    expect(res.json.next.diff.reworded).toContainEqual({
      id: 'TIP.5.q1',
      texts: ['prompt', 'prompt.fr', 'options.fr'],
    });
  });

  it('previews the upload as a State would see it, in English and in French with English as the visible fallback', async () => {
    const en = await call('secretariat-1', 'GET', `/questionnaires/uploads/${uploadId}/form`);
    const fr = await call('secretariat-1', 'GET', `/questionnaires/uploads/${uploadId}/form?lang=fr`);
    expect([en.status, fr.status]).toEqual([200, 200]);
    const field = (form: typeof en, id: string) =>
      form.json.sections[0].articles
        .flatMap((a: { fields: { id: string }[] }) => a.fields)
        .find((f: { id: string }) => f.id === id);
    expect(field(en, 'TIP.5.q1').label).toMatch(/\(adopted text\)$/);
    expect(field(fr, 'TIP.5.q1')).toMatchObject({ label: 'Votre pays a-t-il incriminé la traite ?' });
    expect(field(fr, 'TIP.5.q1').options.map((o: { label: string }) => o.label)).toEqual([
      'Oui',
      'Non',
      'En partie',
    ]);
    expect(field(fr, 'TIP.5.q1').fallback).toBeUndefined();
    expect(field(fr, 'TIP.5.q2')).toMatchObject({ fallback: 'en', label: field(en, 'TIP.5.q2').label });
    expect(fr.json).toMatchObject({ lang: 'fr', wording: 'adopted' });
    expect(fr.json.sections[0].title).toBe('Incrimination et compétence');
    expect((await call('civ-focal', 'GET', `/questionnaires/uploads/${uploadId}/form`)).status).toBe(403);
  });

  it('publishes it as version 2, once: a second publication is a 409 that changes nothing', async () => {
    const res = await call('secretariat-1', 'POST', `/questionnaires/uploads/${uploadId}/publish`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      questionnaireId: 'untoc-tip',
      version: 2,
      publishedBy: 'secretariat-1',
    });
    const again = await call('secretariat-1', 'POST', `/questionnaires/uploads/${uploadId}/publish`);
    expect(again.status).toBe(409);
    const list = await call('tur-expert', 'GET', '/questionnaires');
    const tip = list.json.questionnaires.find((q: { instrument: string }) => q.instrument === 'TIP');
    expect(tip.latest).toBe(2);
    expect(
      tip.versions.map((v: { version: number; shipped: boolean; wording: string }) => [
        v.version,
        v.shipped,
        v.wording,
      ]),
    ).toEqual([
      [1, true, 'platform'],
      [2, false, 'platform'],
    ]);
    // Clusters 2-4 are the platform's own wording still, and their unconfirmed placements stay flagged.
    expect(tip.versions[1].unconfirmedPlacements).toEqual(tip.versions[0].unconfirmedPlacements);
    const actions = (await listAudit('questionnaires')).entries.map((e) => `${e.action} ${e.object}`);
    expect(actions).toEqual([
      `questionnaire.upload questionnaire-upload/${uploadId}`,
      'questionnaire.publish questionnaire/untoc-tip',
    ]);
  });

  it('gives version 2 to a review starting now while the review that had started keeps version 1', async () => {
    const fresh = await call('bra-expert', 'GET', draftOf('BRA'));
    expect(fresh.json).toMatchObject({ questionnaireVersion: 2, version: 0 });
    const saved = await call('bra-expert', 'PATCH', draftOf('BRA'), {
      body: { answers: { 'TIP.5.q90': 'A bill is before parliament.' } },
      headers: { 'if-match': '0' },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.questionnaireVersion).toBe(2);

    const older = await call('civ-expert', 'GET', draftOf('CIV'));
    expect(older.json).toMatchObject({ questionnaireVersion: 1, answers: { 'TIP.5.q1': 'yes' } });
    const refused = await call('civ-expert', 'PATCH', draftOf('CIV'), {
      body: { answers: { 'TIP.5.q90': 'not in version 1' } },
      headers: { 'if-match': '1' },
    });
    expect(refused.status).toBe(400);
    const form = await call('civ-expert', 'GET', '/reviews/C2026.CIV/self-assessments/TIP/questionnaire');
    expect(form.json.version).toBe(1);
  });

  it("renders the State's own form in the chosen language from its version's texts (English marked where untranslated)", async () => {
    const form = (iso3: string, q = '') =>
      call(
        `${iso3.toLowerCase()}-expert`,
        'GET',
        `/reviews/C2026.${iso3}/self-assessments/TIP/questionnaire${q}`,
      );
    const field = (res: Awaited<ReturnType<typeof form>>, id: string) =>
      res.json.sections[0].articles
        .flatMap((a: { fields: { id: string }[] }) => a.fields)
        .find((f: { id: string }) => f.id === id);
    const braFr = await form('BRA', '?lang=fr');
    expect(braFr.status).toBe(200);
    expect(braFr.json).toMatchObject({ lang: 'fr', version: 2 });
    expect(field(braFr, 'TIP.5.q1')).toMatchObject({ label: 'Votre pays a-t-il incriminé la traite ?' });
    expect(field(braFr, 'TIP.5.q90')).toMatchObject({ label: 'Décrivez toute réforme en cours.' });
    expect(braFr.json.sections[0].title).toBe('Incrimination et compétence');
    // CIV keeps version 1, which has no French prompt for TIP.5.q1: English, marked as such.
    const civFr = await form('CIV', '?lang=fr');
    expect(civFr.json.version).toBe(1);
    const civEn = await form('CIV');
    expect(field(civFr, 'TIP.5.q1')).toMatchObject({ fallback: 'en', label: field(civEn, 'TIP.5.q1').label });
    const bad = await form('BRA', '?lang=xx');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('lang');
  });

  it('shows the diff of two versions and the published version in French', async () => {
    const diff = await call('civ-expert', 'GET', '/questionnaires/untoc-tip/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.json).toMatchObject({ from: 1, to: 2, added: ['TIP.5.q90'] });
    const fr = await call('civ-expert', 'GET', '/questionnaires/untoc-tip/versions/2/form?lang=fr');
    expect(fr.json.sections.map((s: { wording: string }) => s.wording)).toEqual(['adopted', 'platform']);
    expect((await call('civ-expert', 'GET', '/questionnaires/untoc-tip/versions/9/form')).status).toBe(404);
  });

  it('anchors comments on the questions of the version the submission answered, not the shipped one', async () => {
    // KEN submitted on version 2 (with TIP.5.q90), NGA on version 1 (without it).
    for (const [iso3, version] of [
      ['KEN', 2],
      ['NGA', 1],
    ] as const) {
      await seedReview({ reviewedState: iso3, state: 'dialogue' });
      await seedSubmittedVersion(`C2026.${iso3}`, 'TIP', 1, version);
    }
    const comment = (iso3: string) =>
      call('tur-expert', 'POST', `/reviews/C2026.${iso3}/comments`, {
        body: {
          anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q90', submissionVersion: 1 },
          type: 'clarification-request',
          visibility: 'all',
          text: 'Which reform is under way?',
        },
      });
    const onV2 = await comment('KEN');
    expect(onV2.status, onV2.text).toBe(201);
    const onV1 = await comment('NGA');
    expect(onV1.status).toBe(400);
    expect(onV1.json.error.message).toContain('anchor.questionId');
    // A removed question of version 1 cannot be anchored on a version-2 submission.
    const removed = await call('tur-expert', 'POST', '/reviews/C2026.KEN/comments', {
      body: {
        anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q3', submissionVersion: 1 },
        type: 'clarification-request',
        visibility: 'all',
        text: 'About attempt.',
      },
    });
    expect(removed.status).toBe(400);
  });

  it('places observations, and counts them in the gap report, by the version the review uses', async () => {
    // Version 3 tags TIP.5 with "protection" (the shipped file and version 2 say "prosecution").
    const v3 = revisedCluster1();
    const tip5 = v3.clusters[0]?.articles.find((a) => a.id === 'TIP.5');
    if (!tip5) throw new Error('no TIP.5');
    tip5.fourP = ['protection'];
    const up = await upload('secretariat-1', 'tip-v3.json', Buffer.from(JSON.stringify(v3)));
    expect(up.status, up.text).toBe(201);
    const pub = await call('secretariat-1', 'POST', `/questionnaires/uploads/${up.json.uploadId}/publish`);
    expect(pub.json.version).toBe(3);

    // SEN's review has no draft yet: it uses the newest version, 3.
    await seedReview({ reviewedState: 'SEN', state: 'dialogue' });
    const created = await call('tur-expert', 'POST', '/reviews/C2026.SEN/observations', {
      body: { article: 'TIP.5', kind: 'challenge', text: 'Attempt is not criminalized.' },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.fourP).toEqual(['protection']);
    const agreed = await call(
      'expert@SEN',
      'POST',
      `/reviews/C2026.SEN/observations/${created.json.id}/responses`,
      {
        body: { action: 'agree' },
        headers: { 'if-match': String(created.json.version) },
      },
    );
    expect(agreed.status, agreed.text).toBe(200);
    const gap = JSON.parse(
      (await call('secretariat-1', 'GET', '/gap-report?cycleId=C2026&format=json')).text,
    );
    const byP = Object.fromEntries(
      gap.byFourP.map((r: { fourP: string; total: number }) => [r.fourP, r.total]),
    );
    expect(byP.protection).toBe(1);
    expect(byP.prosecution ?? 0).toBe(0);
  });

  it('upgrades a started draft to the newest version on the version read: answers carried over and dropped are named, audited', async () => {
    const path = '/reviews/C2026.CIV/self-assessments/TIP/draft/upgrade';
    // CIV's draft (version 1 of the questionnaire) also answers TIP.5.q3, which version 2 removed.
    const saved = await call('civ-expert', 'PATCH', draftOf('CIV'), {
      body: { answers: { 'TIP.5.q3': 'no' } },
      headers: { 'if-match': '1' },
    });
    expect(saved.status, saved.text).toBe(200);
    const v = String(saved.json.version);
    const up = (sub: string, body: unknown = {}, ifMatch: string | null = v) =>
      call(sub, 'POST', path, { body, ...(ifMatch === null ? {} : { headers: { 'if-match': ifMatch } }) });

    expect((await up('civ-expert', {}, null)).status).toBe(428);
    expect((await up('civ-expert', {}, '1')).status).toBe(412);
    expect((await up('tur-expert')).status).toBe(403);
    expect((await up('bra-expert')).status).toBe(404);
    const older = await up('civ-expert', { toVersion: 1 });
    expect(older.status).toBe(409);
    expect(older.json.error.message).toContain('toVersion');
    expect((await up('civ-expert', { toVersion: 9 })).status).toBe(404);
    // Nothing changed by the refusals.
    expect((await call('civ-expert', 'GET', draftOf('CIV'))).json).toMatchObject({
      version: saved.json.version,
      questionnaireVersion: 1,
    });

    const done = await up('civ-expert');
    expect(done.status, done.text).toBe(200);
    expect(done.headers.get('etag')).toBe(`"${saved.json.version + 1}"`);
    expect(done.json).toMatchObject({
      from: { questionnaireId: 'untoc-tip', version: 1 },
      to: { questionnaireId: 'untoc-tip', version: 3 },
      carried: ['TIP.5.q1'],
      dropped: [{ id: 'TIP.5.q3', reason: 'removed' }],
      draft: { questionnaireVersion: 3, answers: { 'TIP.5.q1': 'yes' } },
    });
    const form = await call('civ-expert', 'GET', '/reviews/C2026.CIV/self-assessments/TIP/questionnaire');
    expect(form.json.version).toBe(3);
    const entry = (await listAudit(auditScope.review('C2026.CIV'))).entries.find(
      (e) => e.action === 'self-assessment.upgrade',
    );
    expect(entry).toMatchObject({ actor: 'civ-expert', details: { from: 1, to: 3, carried: 1 } });
    // On the newest version already: nothing to upgrade to.
    expect((await up('civ-expert', {}, String(done.json.version))).status).toBe(409);
  });
});
