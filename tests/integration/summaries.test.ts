import { PutObjectCommand } from '@aws-sdk/client-s3';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dynamo, s3Client } from '#shared/aws/clients.ts';
import { config } from '#shared/config.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { cycleKeys } from '#shared/repos/keys.ts';
import { listKeys } from '#shared/repos/self-assessments.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const review = await seedReview({ state: 'dialogue' });
const base = `/reviews/${review.reviewId}`;

const call = apiClient(platform);
const as =
  async (sub: string | null) =>
  (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(sub, method, path, { body, headers });
const turExpert = await as('tur-expert');
const civFocal = await as('civ-focal');
const secretariat = await as('secretariat-1');
const braExpert = await as('bra-expert');
const anyone = await as(null);

interface Head {
  lifecycle: string;
  documentVersion: number;
  agreedDocumentVersion?: number;
  files: { lang: string; format: string }[];
  unavailable: { lang: string; format: string }[];
}

const OBSERVATIONS = [
  {
    article: 'TIP.5',
    kind: 'good-practice',
    text: 'Trafficking is criminalized in the Penal Code of Côte d’Ivoire (Loi n° 2016-1111).',
  },
  { article: 'TIP.6', kind: 'challenge', text: 'Shelters for victims outside Abidjan and Bouaké are few.' },
  { article: 'TIP.6', kind: 'ta-need', text: 'Training of labour inspectors in victim identification.' },
];

describe('country review summaries: draft → agreed → published, and the public view', () => {
  it('refuses to draft a summary before the list of observations is agreed (409)', async () => {
    const res = await turExpert('POST', `${base}/summaries/combined`);
    expect(res.status).toBe(409);
  });

  it('drafts a summary from the agreed list, in every language, with PDF where it can be made', async () => {
    for (const o of OBSERVATIONS) {
      const created = await turExpert('POST', `${base}/observations`, o);
      expect(created.status).toBe(201);
      const entry = created.json as { id: string; version: number };
      const agreed = await civFocal(
        'POST',
        `${base}/observations/${entry.id}/responses`,
        { action: 'agree' },
        { 'if-match': String(entry.version) },
      );
      expect(agreed.status).toBe(200);
    }
    const confirmed = await secretariat('POST', `${base}/observations/confirmations`, {
      offPlatformNote: 'Agreed at the country visit, minutes on file.',
    });
    expect(confirmed.status).toBe(200);

    const res = await turExpert('POST', `${base}/summaries/combined`);
    expect(res.status).toBe(201);
    const head = res.json as Head;
    expect(head.lifecycle).toBe('draft');
    const formats = head.files.map((f) => `${f.lang}.${f.format}`);
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      expect(formats).toContain(`${lang}.md`);
      expect(formats).toContain(`${lang}.html`);
    }
    // Every language in every format, Arabic and Chinese PDFs included.
    expect(formats).toHaveLength(6 * 4);
    for (const lang of ['ar', 'zh'])
      expect(formats).toEqual(expect.arrayContaining([`${lang}.pdf`, `${lang}.docx`]));
    expect(head.unavailable).toEqual([]);
  });

  it('leaves no files behind when a regeneration loses the race for the summary head', async () => {
    const prefix = `cycles/${review.cycleId}/states/${review.reviewedState}/summaries/combined/`;
    const before = ((await secretariat('GET', `${base}/summaries`)).json as { summaries: Head[] })
      .summaries[0];
    const ddb = dynamo();
    const realSend = ddb.send.bind(ddb);
    let raced = 0;
    const spy = vi.spyOn(ddb, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      const items = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [];
      if (raced === 0 && items.some((i) => i.Put?.Item?.sk === 'SUMMARY#combined')) {
        raced++;
        // Another regeneration commits its head between this one's read and its write.
        await realSend(
          new UpdateCommand({
            TableName: tableName(),
            Key: { pk: `REVIEW#${review.reviewId}`, sk: 'SUMMARY#combined' },
            UpdateExpression: 'SET version = version + :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      }
      return (realSend as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof ddb.send);
    const res = await turExpert('POST', `${base}/summaries/combined`);
    spy.mockRestore();
    expect(raced).toBe(1);
    expect(res.status).toBe(409);
    const after = (
      (await secretariat('GET', `${base}/summaries`)).json as {
        summaries: { documentVersion: number; files: { key: string }[] }[];
      }
    ).summaries[0];
    expect(after?.documentVersion).toBe(before?.documentVersion);
    // Every object under the summary's prefix is a file the head names.
    const named = new Set(after?.files.map((f) => f.key));
    const stored = await listKeys(prefix);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((k) => !named.has(k))).toEqual([]);
  });

  it('serves the draft to the review parties with each statement and its source, and hides it from others', async () => {
    const md = await civFocal('GET', `${base}/summaries/combined/document?lang=en&format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const text = md.text;
    expect(text).toContain("Côte d'Ivoire");
    for (const o of OBSERVATIONS) expect(text).toContain(o.text);
    const html = await civFocal('GET', `${base}/summaries/combined/document?lang=ar&format=html`);
    expect(html.text).toContain('dir="rtl"');
    const pdf = await civFocal('GET', `${base}/summaries/combined/document?lang=fr&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(pdf.text).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await braExpert('GET', `${base}/summaries`)).status).toBe(404);
  });

  it('shows nothing publicly until the secretariat publishes the agreed summary', async () => {
    const list = (await anyone('GET', '/public/summaries')).json as { summaries: unknown[] };
    expect(list.summaries).toEqual([]);
    expect((await anyone('GET', `/public/summaries/${review.reviewId}/combined`)).status).toBe(404);
    expect((await anyone('GET', `${base}/summaries`)).status).toBe(401);
    expect((await anyone('GET', `${base}/observations`)).status).toBe(401);
  });

  it('lets only the reviewed focal point agree, and only the secretariat publish', async () => {
    const draft = (await civFocal('GET', `${base}/summaries`)).json as { summaries: Head[] };
    const v = draft.summaries[0]?.documentVersion ?? 0;
    expect(
      (await turExpert('POST', `${base}/summaries/combined/agreement`, { documentVersion: v })).status,
    ).toBe(403);
    expect(
      (await secretariat('POST', `${base}/summaries/combined/publication`, { documentVersion: v })).status,
    ).toBe(409);
    // The documents name the cycle as readers know it (the fixture's cycle is named by its id).
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: cycleKeys.meta(review.cycleId),
        UpdateExpression: 'SET #n = :n',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':n': 'UNTOC 2026, first group' },
      }),
    );
    const agreed = await civFocal('POST', `${base}/summaries/combined/agreement`, { documentVersion: v });
    expect(agreed.status).toBe(200);
    const a = agreed.json as Head;
    expect(a.lifecycle).toBe('agreed');
    expect(
      (
        await civFocal('POST', `${base}/summaries/combined/publication`, {
          documentVersion: a.documentVersion,
        })
      ).status,
    ).toBe(403);
    const published = await secretariat('POST', `${base}/summaries/combined/publication`, {
      documentVersion: a.documentVersion,
    });
    expect(published.status).toBe(200);
    const after = (await secretariat('GET', base)).json as { state: string };
    expect(after.state).toBe('published');
    // The reader sees that the published text is the one agreed: both re-issues name the draft
    // version the State agreed to, in the head and in the document, and the cycle by its name.
    expect(a.agreedDocumentVersion).toBe(v);
    expect(published.json.agreedDocumentVersion).toBe(v);
    const doc = await secretariat('GET', `${base}/summaries/combined/document?lang=en&format=md`);
    expect(doc.text).toContain(`Published by the secretariat — the text agreed as version ${v} on `);
    expect(doc.text).toContain('UNTOC 2026, first group');
    expect(doc.text).not.toContain(review.cycleId);
  });

  it('lists and serves the published summary publicly, without sign-in', async () => {
    const list = (await anyone('GET', '/public/summaries')).json as {
      summaries: { reviewId: string; stateName: string; available: unknown[] }[];
    };
    expect(list.summaries).toHaveLength(1);
    expect(list.summaries[0]).toMatchObject({ reviewId: review.reviewId, stateName: "Côte d'Ivoire" });
    const res = await anyone('GET', `/public/summaries/${review.reviewId}/combined?lang=fr&format=html`);
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain('lang="fr"');
    expect(html).toContain(OBSERVATIONS[1]?.text);
    expect((await anyone('GET', `/public/summaries/${review.reviewId}/TIP`)).status).toBe(404);
  });

  it('serves every summary document with a restrictive CSP and nosniff, draft route and public route alike', async () => {
    const urls = [
      [secretariat, `${base}/summaries/combined/document?lang=en&format=html`],
      [secretariat, `${base}/summaries/combined/document?lang=en&format=md`],
      [anyone, `/public/summaries/${review.reviewId}/combined?lang=fr&format=html`],
      [anyone, `/public/summaries/${review.reviewId}/combined?lang=fr&format=pdf`],
    ] as const;
    for (const [who, url] of urls) {
      const res = await who('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toMatch(/script-src|unsafe-eval/);
    }
    const html = await anyone('GET', `/public/summaries/${review.reviewId}/combined?lang=en&format=html`);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('refuses to serve a summary file whose stored bytes no longer match the recorded SHA-256', async () => {
    const heads = (await secretariat('GET', `${base}/summaries`)).json as {
      summaries: { files: { lang: string; format: string; key: string }[] }[];
    };
    const file = heads.summaries[0]?.files.find((f) => f.lang === 'es' && f.format === 'html');
    if (!file) throw new Error('no es.html file');
    await s3Client().send(
      new PutObjectCommand({
        Bucket: config().BUCKET_NAME,
        Key: file.key,
        Body: '<html><body>swapped summary</body></html>',
        ContentType: 'text/html; charset=utf-8',
      }),
    );
    for (const [who, url] of [
      [secretariat, `${base}/summaries/combined/document?lang=es&format=html`],
      [anyone, `/public/summaries/${review.reviewId}/combined?lang=es&format=html`],
    ] as const) {
      const res = await who('GET', url);
      expect(res.status, url).toBe(500);
      expect(res.json.error.code).toBe('INTEGRITY_CHECK_FAILED');
      expect(res.text).not.toContain('swapped summary');
    }
    // Other files of the same summary are intact and still served.
    expect(
      (await anyone('GET', `/public/summaries/${review.reviewId}/combined?lang=fr&format=html`)).status,
    ).toBe(200);
  });

  it('counts the agreed observations in the gap report without naming the country, as JSON, CSV and SVG', async () => {
    const denied = await civFocal('GET', `/gap-report?cycleId=${review.cycleId}`);
    expect(denied.status).toBe(403);
    const res = await secretariat('GET', `/gap-report?cycleId=${review.cycleId}&instrument=TIP`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const report = JSON.parse(res.text) as { totals: Record<string, number> };
    expect(report.totals).toMatchObject({
      'good-practice': 1,
      challenge: 1,
      'ta-need': 1,
      recommendation: 0,
    });
    expect(res.text).not.toContain('Ivoire');
    const csv = await secretariat('GET', `/gap-report?cycleId=${review.cycleId}&instrument=TIP&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.startsWith('"')).toBe(false);
    expect(csv.text).toContain('TIP.6');
    const svg = await secretariat('GET', '/gap-report?format=svg&chart=by-four-p');
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.text.startsWith('<svg')).toBe(true);
  });
});
