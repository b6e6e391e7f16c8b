/**
 * Self-assessments: what is refused and why. Validation answers a 4xx naming the field; access
 * follows the authorization module (drafts only for the reviewed State, submissions also for the
 * reviewing States of that instrument and the secretariat; strangers get 404).
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '#shared/aws/clients.ts';
import { config } from '#shared/config.ts';
import { BUCKET_LAYOUT } from '#shared/data-model.ts';
import { completeness, questionnaireForInstrument } from '#shared/domain/questionnaire/index.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { completeAnswers, seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview();
  // A second review where Türkiye covers only the Convention, not the TIP Protocol.
  await seedReview({
    cycleId: 'C2027',
    reviewId: 'C2027.CIV',
    seats: [
      { reviewer: 'GHA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'TUR', instruments: ['UNTOC'], reason: 'other-group' },
    ],
  });
});
afterAll(() => platform.stop());

const base = (instrument: Instrument, reviewId = 'C2026.CIV') =>
  `/reviews/${reviewId}/self-assessments/${instrument}`;

const call = apiClient(platform);

const errorOf = (res: { json: unknown }) => ErrorBodySchema.parse(res.json).error;
const issuesOf = (res: { json: unknown }) =>
  (errorOf(res).details as { issues: { path: string; code: string; message: string }[] }).issues;

const patch = async (instrument: Instrument, answers: Record<string, unknown>, reviewId = 'C2026.CIV') => {
  const draft = await call('civ-expert', 'GET', `${base(instrument, reviewId)}/draft`);
  return call('civ-expert', 'PATCH', `${base(instrument, reviewId)}/draft`, {
    body: { answers },
    headers: { 'if-match': draft.headers.get('etag') ?? '' },
  });
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('answers that do not fit the questionnaire', () => {
  it('rejects an unknown question id with 400 naming it', async () => {
    const res = await patch('TIP', { 'TIP.99.q1': 'yes', 'TIP.3.q1': 'no' });
    expect(res.status).toBe(400);
    expect(issuesOf(res)).toEqual([
      expect.objectContaining({ path: 'answers.TIP.99.q1', code: 'unknown_question' }),
    ]);
  });

  it('rejects clearing an unknown question id too', async () => {
    const res = await patch('TIP', { 'UNTOC.5.q1': null });
    expect(res.status).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual(['answers.UNTOC.5.q1']);
  });

  it('rejects answers of the wrong type, naming every field down to the list item', async () => {
    const res = await patch('TIP', {
      'TIP.3.q1': 42,
      'TIP.5.q7': 'many',
      'TIP.3.q2': [{ title: 'Code pénal', url: 'javascript:alert(1)' }],
    });
    expect(res.status).toBe(400);
    const paths = issuesOf(res).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['answers.TIP.3.q1', 'answers.TIP.5.q7', 'answers.TIP.3.q2[0].url']),
    );
    expect(errorOf(res).message).toContain('answers.TIP.3.q1');
  });

  it('rejects a body whose answers are not an object, naming body.answers', async () => {
    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const res = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: ['no'] },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('body.answers');
  });

  it('rejects a malformed If-Match with 400 naming the header', async () => {
    const res = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: { 'TIP.3.q1': 'no' } },
      headers: { 'if-match': 'yesterday' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('header.if-match');
  });

  it('rejects an import file for another questionnaire, naming questionnaireId', async () => {
    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const res = await call('civ-expert', 'POST', `${base('TIP')}/import`, {
      body: { questionnaireId: 'untoc-som', questionnaireVersion: 1, answers: {} },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual(['questionnaireId']);
  });

  it('validates imported answers the same way as edits', async () => {
    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const res = await call('civ-expert', 'POST', `${base('TIP')}/import`, {
      body: {
        questionnaireId: 'untoc-tip',
        questionnaireVersion: 1,
        answers: { 'TIP.3.q1': 'maybe', 'TIP.0.q1': 'no' },
      },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(400);
    expect(
      issuesOf(res)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['answers.TIP.0.q1', 'answers.TIP.3.q1']);
  });

  it('refuses to submit an incomplete self-assessment, listing every missing required answer', async () => {
    const partial = { 'TIP.3.q1': 'yes', 'TIP.5.q1': 'no' };
    const res0 = await patch('TIP', partial);
    expect(res0.status).toBe(200);
    const res = await call('civ-focal', 'POST', `${base('TIP')}/submissions`);
    expect(res.status).toBe(400);
    const { missing } = errorOf(res).details as { missing: string[] };
    const expected = completeness(questionnaireForInstrument('TIP'), res0.json.answers).missing;
    expect(expected.length).toBeGreaterThan(5);
    // Every one, conditional ones included (TIP.3.q2 is required because TIP.3.q1 is "yes").
    expect(missing).toEqual(expected);
    expect(missing).toContain('answers.TIP.3.q2');
  });

  it('refuses to submit answers that reference an attachment that was never confirmed', async () => {
    const ticket = await call('civ-expert', 'POST', `${base('TIP')}/attachments`, {
      body: { name: 'notes.txt', contentType: 'text/plain', size: 5 },
    });
    const id = ticket.json.attachment.attachmentId as string;
    await patch('TIP', { ...completeAnswers('TIP'), 'TIP.3.q2': null, 'TIP.9.q7': [id] });
    const res = await call('civ-focal', 'POST', `${base('TIP')}/submissions`);
    expect(res.status).toBe(400);
    expect(issuesOf(res)).toEqual([
      expect.objectContaining({ path: 'answers.TIP.9.q7[0]', code: 'attachment_not_confirmed' }),
    ]);
    expect((await patch('TIP', { 'TIP.9.q7': null })).status).toBe(200);
  });
});

describe('attachments that are refused', () => {
  const request = (body: Record<string, unknown>) =>
    call('civ-expert', 'POST', `${base('TIP')}/attachments`, {
      body: { name: 'file.pdf', contentType: 'application/pdf', size: 10, ...body },
    });

  it('refuses a type outside the allow-list with 415 naming contentType', async () => {
    const res = await request({ name: 'setup.exe', contentType: 'application/x-msdownload' });
    expect(res.status).toBe(415);
    expect(errorOf(res).message).toContain('body.contentType');
    expect(errorOf(res).details).toMatchObject({ field: 'body.contentType' });
  });

  it('refuses more than 20 MiB with 413 naming size', async () => {
    const res = await request({ size: 20 * 1024 * 1024 + 1 });
    expect(res.status).toBe(413);
    expect(errorOf(res).message).toContain('body.size');
  });

  it('refuses a file name with a path in it, naming name', async () => {
    const res = await request({ name: '../../etc/passwd' });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('body.name');
  });

  it.each([
    ['an executable extension', 'law.exe', 'application/pdf'],
    ['another type’s extension', 'law.txt', 'application/pdf'],
    ['no extension', 'law', 'application/pdf'],
    ['a trailing dot', 'law.pdf.', 'application/pdf'],
    ['a PDF extension on a text file', 'notes.pdf', 'text/plain'],
  ])(
    'refuses a name with %s for its content type (400 naming body.name)',
    async (_what, name, contentType) => {
      const res = await request({ name, contentType });
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toContain('body.name');
      expect(errorOf(res).message).toContain('extension');
    },
  );

  it.each([
    ['LAW.PDF', 'application/pdf'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['loi.odt', 'application/vnd.oasis.opendocument.text'],
  ])('accepts %s as %s', async (name, contentType) => {
    expect((await request({ name, contentType })).status).toBe(201);
  });

  it('refuses on confirm a file declared as text whose bytes are a PDF (the detected type decides)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const ticket = await request({ name: 'notes.txt', contentType: 'text/plain', size: pdf.byteLength });
    expect(ticket.status).toBe(201);
    const put = await fetch(ticket.json.upload.url, {
      method: 'PUT',
      headers: ticket.json.upload.headers,
      body: pdf,
    });
    expect(put.status).toBe(200);
    const id = ticket.json.attachment.attachmentId;
    const res = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(res.status).toBe(415);
    expect(errorOf(res).details).toMatchObject({
      field: 'file',
      declared: 'text/plain',
      detected: 'application/pdf',
    });
  });

  it('refuses on confirm a file whose bytes are not the declared type, and removes it', async () => {
    const fake = Buffer.from('MZ not a pdf');
    const ticket = await request({ size: fake.byteLength });
    const put = await fetch(ticket.json.upload.url, {
      method: 'PUT',
      headers: ticket.json.upload.headers,
      body: fake,
    });
    expect(put.status).toBe(200);
    const id = ticket.json.attachment.attachmentId;
    const res = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(res.status).toBe(415);
    expect(errorOf(res).details).toMatchObject({ field: 'file' });
    // Removed: confirming again finds nothing uploaded.
    const again = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(again.status).toBe(409);
  });

  it('refuses on confirm a file whose size or checksum differs from what was declared', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const ticket = await request({ size: pdf.byteLength + 3, sha256: sha256(pdf) });
    const id = ticket.json.attachment.attachmentId as string;
    // A client that ignores the signed length (S3 itself would refuse it).
    await s3Client().send(
      new PutObjectCommand({
        Bucket: config().BUCKET_NAME,
        Key: BUCKET_LAYOUT.attachmentUpload('C2026', 'CIV', id),
        Body: pdf,
        ContentType: 'application/pdf',
      }),
    );
    const res = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('file');
    expect(errorOf(res).details).toMatchObject({ declared: pdf.byteLength + 3, actual: pdf.byteLength });
  });
});

describe('who sees what', () => {
  let draftOnlyAttachment = '';

  beforeAll(async () => {
    for (const reviewId of ['C2026.CIV', 'C2027.CIV']) {
      for (const instrument of ['UNTOC', 'TIP'] as const) {
        expect((await patch(instrument, completeAnswers(instrument), reviewId)).status).toBe(200);
        const res = await call('civ-focal', 'POST', `${base(instrument, reviewId)}/submissions`);
        expect(res.status, res.text).toBe(201);
      }
    }
    const ticket = await call('civ-expert', 'POST', `${base('UNTOC')}/attachments`, {
      body: { name: 'draft-notes.txt', contentType: 'text/plain', size: 4 },
    });
    draftOnlyAttachment = ticket.json.attachment.attachmentId;
  });

  const statusOf = async (sub: string, path: string) => (await call(sub, 'GET', path)).status;

  it('answers 404 to a State with no part in the review, for drafts and submissions alike', async () => {
    expect(await statusOf('bra-expert', `${base('TIP')}/draft`)).toBe(404);
    expect(await statusOf('bra-expert', `${base('TIP')}/submissions`)).toBe(404);
    expect(await statusOf('bra-expert', `${base('TIP')}/submissions/1`)).toBe(404);
    expect(await statusOf('bra-expert', `${base('TIP')}/submissions/1/export?format=md`)).toBe(404);
    const write = await call('bra-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: { 'TIP.3.q1': 'yes' } },
      headers: { 'if-match': '1' },
    });
    expect(write.status).toBe(404);
  });

  it('keeps drafts and draft attachments from the reviewing States, the secretariat and observers (403)', async () => {
    for (const sub of ['tur-expert', 'gha-focal', 'secretariat-1', 'observer-1']) {
      expect(await statusOf(sub, `${base('TIP')}/draft`), sub).toBe(403);
      expect(await statusOf(sub, `${base('UNTOC')}/attachments`), sub).toBe(403);
      expect(await statusOf(sub, `${base('UNTOC')}/attachments/${draftOnlyAttachment}`), sub).toBe(403);
    }
    const write = await call('gha-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: { 'TIP.3.q1': 'yes' } },
      headers: { 'if-match': '1' },
    });
    expect(write.status).toBe(403);
  });

  it('shows submitted versions to the assigned reviewing States and the secretariat, not to observers', async () => {
    for (const sub of ['tur-expert', 'tur-focal', 'gha-expert', 'secretariat-1', 'civ-expert']) {
      expect(await statusOf(sub, `${base('TIP')}/submissions/1`), sub).toBe(200);
    }
    expect(await statusOf('observer-1', `${base('TIP')}/submissions/1`)).toBe(403);
  });

  it('refuses submission to anyone but the reviewed State’s focal point', async () => {
    for (const sub of ['civ-expert', 'tur-focal', 'secretariat-1']) {
      expect((await call(sub, 'POST', `${base('TIP')}/submissions`)).status, sub).toBe(403);
    }
  });

  it('refuses a reviewing State the submissions of an instrument its seat does not cover', async () => {
    expect(await statusOf('tur-expert', `${base('TIP', 'C2027.CIV')}/submissions/1`)).toBe(403);
    expect(await statusOf('tur-expert', `${base('TIP', 'C2027.CIV')}/submissions`)).toBe(403);
    expect(await statusOf('tur-expert', `${base('UNTOC', 'C2027.CIV')}/submissions/1`)).toBe(200);
    expect(await statusOf('gha-expert', `${base('TIP', 'C2027.CIV')}/submissions/1`)).toBe(200);
  });

  it('answers 404 for an instrument the State is not reviewed for', async () => {
    expect(await statusOf('civ-expert', `${base('SOM')}/draft`)).toBe(404);
    expect(await statusOf('secretariat-1', `${base('FIREARMS')}/submissions`)).toBe(404);
  });
});
