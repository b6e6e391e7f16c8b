/**
 * Self-assessments end to end on the embedded stack (local gateway → real handler → DynamoDB
 * Local + s3rver): draft, concurrent edits, attachment upload through a pre-signed URL,
 * submission, a second version, exports, diff, and retries after a crash mid-submission.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo, s3Client } from '#shared/aws/clients.ts';
import { config } from '#shared/config.ts';
import { BUCKET_LAYOUT } from '#shared/data-model.ts';
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { SA_KEYS } from '#shared/repos/keys.ts';
import { getReview } from '#shared/repos/reviews.ts';
import { listVersions } from '#shared/repos/self-assessments.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { completeAnswers, seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview();
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const REVIEW = 'C2026.CIV';
const base = (instrument: Instrument) => `/reviews/${REVIEW}/self-assessments/${instrument}`;

const call = apiClient(platform);

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A required yes/no/partly question no other answer depends on (safe to change to `yes`). */
const independentQuestion = (instrument: Instrument): string => {
  const questions = questionsOf(questionnaireForInstrument(instrument)).map((q) => q.question);
  const controlling = new Set(questions.flatMap((q) => (q.requiredIf ? [q.requiredIf.question] : [])));
  const found = questions.find((q) => q.required && q.type === 'yes-no-partly' && !controlling.has(q.id));
  if (!found) throw new Error(`no independent question in ${instrument}`);
  return found.id;
};

/** A small but real PDF header, enough for the content check. */
const PDF = Buffer.from('%PDF-1.7\n% Loi n° 2016-1111 relative à la lutte contre la traite\n%%EOF\n', 'utf8');

describe('a self-assessment from draft to two submitted versions', () => {
  let attachmentId = '';
  let v1Sha = '';

  it('starts with an empty draft at version 0 that lists what is missing', async () => {
    const res = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.json).toMatchObject({ version: 0, answers: {}, questionnaireId: 'untoc-tip' });
    expect(res.json.completeness.missing).toContain('answers.TIP.5.q1');
  });

  it('refuses a draft write without If-Match with 428', async () => {
    const res = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: { 'TIP.3.q1': 'no' } },
    });
    expect(res.status).toBe(428);
    expect(ErrorBodySchema.parse(res.json).error.message).toContain('if-match');
  });

  it('saves partial answers and bumps the version', async () => {
    const res = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: { 'TIP.3.q1': 'no' } },
      headers: { 'if-match': '"0"' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.json).toMatchObject({ version: 1, answers: { 'TIP.3.q1': 'no' }, updatedBy: 'civ-expert' });
  });

  it('lets one of two concurrent edits of the same version win and answers the other 412 with the current draft', async () => {
    const [a, b] = await Promise.all([
      call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
        body: { answers: { 'TIP.3.q3': 'yes' } },
        headers: { 'if-match': '1' },
      }),
      call('civ-focal', 'PATCH', `${base('TIP')}/draft`, {
        body: { answers: { 'TIP.3.q4': 'partly' } },
        headers: { 'if-match': '1' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    const winner = a.status === 200 ? a : b;
    const details = ErrorBodySchema.parse(loser.json).error.details as {
      current: { version: number; answers: Record<string, unknown> };
    };
    expect(details.current.version).toBe(2);
    expect(details.current.answers).toEqual(winner.json.answers);

    // The loser merges onto the current version: nothing is lost.
    const lostAnswer = a.status === 412 ? { 'TIP.3.q3': 'yes' } : { 'TIP.3.q4': 'partly' };
    const retry = await call('civ-focal', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers: lostAnswer },
      headers: { 'if-match': '"2"' },
    });
    expect(retry.status).toBe(200);
    expect(retry.json.answers).toMatchObject({ 'TIP.3.q1': 'no', 'TIP.3.q3': 'yes', 'TIP.3.q4': 'partly' });
    expect(retry.json.version).toBe(3);
  });

  it('uploads an attachment through a pre-signed PUT and records its size and SHA-256 on confirm', async () => {
    const request = {
      name: 'Loi 2016-1111 (traite).pdf',
      contentType: 'application/pdf',
      size: PDF.byteLength,
      sha256: sha256(PDF),
    };
    const headers = { 'idempotency-key': 'attach-loi-2016-1111' };
    const ticket = await call('civ-expert', 'POST', `${base('TIP')}/attachments`, { body: request, headers });
    expect(ticket.status).toBe(201);
    attachmentId = ticket.json.attachment.attachmentId;
    expect(ticket.json.attachment.status).toBe('pending');
    // The file name is metadata only: the upload URL holds our id, not the user's text.
    expect(ticket.json.upload.url).toContain(`/uploads/C2026/CIV/${attachmentId}`);
    expect(ticket.json.upload.url).not.toContain('traite');

    const replay = await call('civ-expert', 'POST', `${base('TIP')}/attachments`, { body: request, headers });
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(replay.json.attachment.attachmentId).toBe(attachmentId);

    const put = await fetch(ticket.json.upload.url, {
      method: 'PUT',
      headers: ticket.json.upload.headers,
      body: PDF,
    });
    expect(put.status).toBe(200);

    const confirmed = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${attachmentId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'ready', size: PDF.byteLength, sha256: sha256(PDF) });

    const list = await call('civ-expert', 'GET', `${base('TIP')}/attachments`);
    expect(list.json.attachments).toEqual([
      expect.objectContaining({
        attachmentId,
        name: 'Loi 2016-1111 (traite).pdf',
        size: PDF.byteLength,
        sha256: sha256(PDF),
      }),
    ]);
  });

  it('submits the complete draft as version 1: frozen in S3 at the documented key and the review moves on', async () => {
    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const answers = {
      ...completeAnswers('TIP'),
      'TIP.5.q11': [attachmentId],
      'TIP.5.q10': 'Texte <b>libre</b> & «citations»',
    };
    const saved = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: { answers },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.completeness).toEqual({ complete: true, missing: [] });

    const res = await call('civ-focal', 'POST', `${base('TIP')}/submissions`, {
      headers: { 'idempotency-key': 'submit-tip-v1', 'if-match': String(saved.json.version) },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: 1,
      submittedBy: 'civ-focal',
      objectKey: 'cycles/C2026/states/CIV/TIP/self-assessment/v1.json',
      attachmentIds: [attachmentId],
    });
    v1Sha = res.json.sha256;

    const stored = await s3Client().send(
      new GetObjectCommand({
        Bucket: config().BUCKET_NAME,
        Key: BUCKET_LAYOUT.selfAssessmentVersion('C2026', 'CIV', 'TIP', 1),
      }),
    );
    const bytes = await stored.Body?.transformToByteArray();
    expect(bytes && sha256(bytes)).toBe(v1Sha);

    const review = await getReview(REVIEW);
    expect(review.state).toBe('self-assessment-submitted');
    expect(review.deadlines.find((d) => d.kind === 'self-assessment')?.metAt).toBeDefined();
    expect(review.deadlines.find((d) => d.kind === 'feedback')).toBeDefined();

    const replay = await call('civ-focal', 'POST', `${base('TIP')}/submissions`, {
      headers: { 'idempotency-key': 'submit-tip-v1', 'if-match': String(saved.json.version) },
    });
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(replay.json.version).toBe(1);
  });

  it('exports version 1 as the exact stored JSON bytes, which import back as a draft', async () => {
    const res = await call('civ-expert', 'GET', `${base('TIP')}/submissions/1/export?format=json`);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(res.text, 'utf8'))).toBe(v1Sha);
    const doc = JSON.parse(res.text);
    expect(doc).toMatchObject({
      questionnaireId: 'untoc-tip',
      questionnaireVersion: 1,
      meta: { version: 1 },
    });
    expect(doc.answers['TIP.5.q11']).toEqual([attachmentId]);

    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const imported = await call('civ-expert', 'POST', `${base('TIP')}/import`, {
      body: doc,
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(imported.status).toBe(200);
    expect(imported.json.answers).toEqual(doc.answers);
    expect(imported.json.version).toBe(draft.json.version + 1);
  });

  it('renders version 1 as Markdown and as HTML with user text escaped', async () => {
    const md = await call('gha-expert', 'GET', `${base('TIP')}/submissions/1/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.text).toContain('Submission version: 1');

    const html = await call('tur-expert', 'GET', `${base('TIP')}/submissions/1/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('Texte &lt;b&gt;libre&lt;/b&gt; &amp; «citations»');
    expect(html.text).not.toContain('<b>libre</b>');
  });

  it('submits changed answers as version 2, keeps both readable and diffs them', async () => {
    const draft = await call('civ-expert', 'GET', `${base('TIP')}/draft`);
    const changed = await call('civ-expert', 'PATCH', `${base('TIP')}/draft`, {
      body: {
        answers: {
          'TIP.5.q1': 'partly',
          'TIP.5.q2': [{ title: 'Loi n° 2016-1111', article: '4' }],
          'TIP.5.q10': null,
        },
      },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(changed.status).toBe(200);
    const before = await getReview(REVIEW);

    const res = await call('civ-focal', 'POST', `${base('TIP')}/submissions`, {
      headers: { 'idempotency-key': 'submit-tip-v2' },
    });
    expect(res.status).toBe(201);
    expect(res.json.version).toBe(2);

    const list = await call('tur-expert', 'GET', `${base('TIP')}/submissions`);
    expect(
      list.json.submissions.map((s: { version: number; sha256: string }) => [s.version, s.sha256]),
    ).toEqual([
      [1, v1Sha],
      [2, res.json.sha256],
    ]);

    const v1 = await call('secretariat-1', 'GET', `${base('TIP')}/submissions/1`);
    const v2 = await call('gha-focal', 'GET', `${base('TIP')}/submissions/2`);
    expect(v1.json.answers['TIP.5.q1']).toBe('no');
    expect(v1.json.answers['TIP.5.q10']).toBe('Texte <b>libre</b> & «citations»');
    expect(v2.json.answers).toEqual(changed.json.answers);

    const diff = await call('gha-expert', 'GET', `${base('TIP')}/submissions/2/diff`);
    expect(diff.status).toBe(200);
    expect(diff.json).toMatchObject({ from: 1, to: 2 });
    expect(diff.json.changes).toEqual([
      { questionId: 'TIP.5.q1', kind: 'changed', before: 'no', after: 'partly' },
      { questionId: 'TIP.5.q2', kind: 'added', after: [{ title: 'Loi n° 2016-1111', article: '4' }] },
      { questionId: 'TIP.5.q10', kind: 'removed', before: 'Texte <b>libre</b> & «citations»' },
    ]);

    // A later submission keeps the review's step and its feedback deadline.
    const after = await getReview(REVIEW);
    expect(after.state).toBe('self-assessment-submitted');
    expect(after.deadlines).toEqual(before.deadlines);
  });

  it('answers a re-submission of unchanged answers with the latest version instead of a duplicate', async () => {
    const res = await call('civ-focal', 'POST', `${base('TIP')}/submissions`);
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(2);
    expect((await listVersions(REVIEW, 'TIP')).map((v) => v.n)).toEqual([1, 2]);
  });

  it('lets an assigned reviewer download an attachment once a submission includes it, bytes unchanged', async () => {
    const res = await call('gha-expert', 'GET', `${base('TIP')}/attachments/${attachmentId}`);
    expect(res.status).toBe(200);
    expect(res.json.submittedIn).toEqual([1, 2]);
    const file = await fetch(res.json.download.url);
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(PDF));
  });
});

describe('a submission interrupted by a crash', () => {
  const untoc = completeAnswers('UNTOC');

  const saveDraft = async (answers: Record<string, unknown>) => {
    const draft = await call('civ-expert', 'GET', `${base('UNTOC')}/draft`);
    const res = await call('civ-expert', 'PATCH', `${base('UNTOC')}/draft`, {
      body: { answers },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(200);
  };

  it('shows nothing when S3 fails, and a retry with the same Idempotency-Key finishes it exactly once', async () => {
    await saveDraft(untoc);
    const s3 = s3Client();
    const realSend = s3.send.bind(s3);
    let failures = 0;
    vi.spyOn(s3, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
      if (
        command instanceof PutObjectCommand &&
        failures === 0 &&
        command.input.Key?.endsWith('/UNTOC/self-assessment/v1.json')
      ) {
        failures++;
        return Promise.reject(new Error('injected: S3 unavailable'));
      }
      return (realSend as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof s3.send);

    const headers = { 'idempotency-key': 'submit-untoc-crash-1' };
    const crashed = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`, { headers });
    expect(crashed.status).toBe(500);
    expect(failures).toBe(1);
    expect((await call('tur-expert', 'GET', `${base('UNTOC')}/submissions`)).json.submissions).toEqual([]);
    expect((await call('tur-expert', 'GET', `${base('UNTOC')}/submissions/1`)).status).toBe(404);

    const retried = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`, { headers });
    expect(retried.status).toBe(201);
    expect(retried.json.version).toBe(1);
    const versions = await listVersions(REVIEW, 'UNTOC');
    expect(versions.map((v) => [v.n, v.status])).toEqual([[1, 'submitted']]);
    const exported = await call('tur-expert', 'GET', `${base('UNTOC')}/submissions/1/export?format=json`);
    expect(sha256(Buffer.from(exported.text, 'utf8'))).toBe(retried.json.sha256);
  });

  it('shows nothing when the final transaction fails after the S3 write, and a retry publishes those bytes', async () => {
    await saveDraft({ [independentQuestion('UNTOC')]: 'yes' });
    const ddb = dynamo();
    const realSend = ddb.send.bind(ddb);
    let failures = 0;
    vi.spyOn(ddb, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && failures === 0) {
        failures++;
        return Promise.reject(new Error('injected: DynamoDB unavailable'));
      }
      return (realSend as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof ddb.send);

    const headers = { 'idempotency-key': 'submit-untoc-crash-2' };
    const crashed = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`, { headers });
    expect(crashed.status).toBe(500);
    expect(failures).toBe(1);
    // The object is written at the reserved key but nothing lists or serves it.
    const orphan = await s3Client().send(
      new GetObjectCommand({
        Bucket: config().BUCKET_NAME,
        Key: BUCKET_LAYOUT.selfAssessmentVersion('C2026', 'CIV', 'UNTOC', 2),
      }),
    );
    const orphanSha = sha256((await orphan.Body?.transformToByteArray()) ?? new Uint8Array());
    expect((await call('gha-expert', 'GET', `${base('UNTOC')}/submissions`)).json.submissions).toHaveLength(
      1,
    );
    expect((await call('gha-expert', 'GET', `${base('UNTOC')}/submissions/2`)).status).toBe(404);

    const retried = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`, { headers });
    expect(retried.status).toBe(201);
    expect(retried.json).toMatchObject({ version: 2, sha256: orphanSha });
    expect((await listVersions(REVIEW, 'UNTOC')).map((v) => [v.n, v.status])).toEqual([
      [1, 'submitted'],
      [2, 'submitted'],
    ]);
  });
});

describe('no orphan objects after a crashed submission', () => {
  it('removes the document of a reservation abandoned after its request died', async () => {
    const key = BUCKET_LAYOUT.selfAssessmentVersion('C2026', 'CIV', 'UNTOC', 3);
    const q = independentQuestion('UNTOC');
    const draft = await call('civ-expert', 'GET', `${base('UNTOC')}/draft`);
    const saved = await call('civ-expert', 'PATCH', `${base('UNTOC')}/draft`, {
      body: { answers: { [q]: 'partly' } },
      headers: { 'if-match': draft.headers.get('etag') ?? '' },
    });
    expect(saved.status).toBe(200);
    const ddb = dynamo();
    const realSend = ddb.send.bind(ddb);
    let failures = 0;
    vi.spyOn(ddb, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && failures === 0) {
        failures++;
        return Promise.reject(new Error('injected: the process dies after the S3 write'));
      }
      return (realSend as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof ddb.send);
    const crashed = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`, {
      headers: { 'idempotency-key': 'submit-untoc-orphan' },
    });
    expect(crashed.status).toBe(500);
    vi.restoreAllMocks();
    const exists = async () =>
      s3Client()
        .send(new HeadObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }))
        .then(() => true)
        .catch(() => false);
    expect(await exists()).toBe(true);

    // Nobody retries; ten minutes later the draft has changed and is submitted afresh.
    await ddb.send(
      new UpdateCommand({
        TableName: config().TABLE_NAME,
        Key: SA_KEYS.version(REVIEW, 'UNTOC', 3),
        UpdateExpression: 'SET reservedAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 10 * 60_000).toISOString() },
      }),
    );
    const again = await call('civ-expert', 'GET', `${base('UNTOC')}/draft`);
    await call('civ-expert', 'PATCH', `${base('UNTOC')}/draft`, {
      body: { answers: { [q]: 'no' } },
      headers: { 'if-match': again.headers.get('etag') ?? '' },
    });
    const fresh = await call('civ-focal', 'POST', `${base('UNTOC')}/submissions`);
    expect(fresh.status).toBe(201);
    expect(fresh.json.version).toBe(4);
    expect((await listVersions(REVIEW, 'UNTOC')).map((v) => [v.n, v.status])).toEqual([
      [1, 'submitted'],
      [2, 'submitted'],
      [3, 'abandoned'],
      [4, 'submitted'],
    ]);
    expect(await exists()).toBe(false);
  });
});

describe('a confirmed attachment cannot be swapped', () => {
  /** A valid PDF of the same size as PDF, different bytes (what an attacker would upload). */
  const SWAPPED = Buffer.from(PDF.toString('latin1').replace('traite', 'TRAITE'), 'latin1');

  const upload = async (bytes: Buffer<ArrayBuffer>, name: string) => {
    const ticket = await call('civ-expert', 'POST', `${base('TIP')}/attachments`, {
      body: { name, contentType: 'application/pdf', size: bytes.byteLength },
    });
    expect(ticket.status).toBe(201);
    const put = await fetch(ticket.json.upload.url, {
      method: 'PUT',
      headers: ticket.json.upload.headers,
      body: bytes,
    });
    expect(put.status).toBe(200);
    const id: string = ticket.json.attachment.attachmentId;
    const confirmed = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    return { id, ticket: ticket.json, confirmed: confirmed.json };
  };

  const download = async (id: string) => {
    const res = await call('civ-expert', 'GET', `${base('TIP')}/attachments/${id}`);
    if (res.status !== 200) return { status: res.status, json: res.json, sha: null };
    const file = await fetch(res.json.download.url);
    return { status: res.status, json: res.json, sha: sha256(new Uint8Array(await file.arrayBuffer())) };
  };

  it('issues upload URLs that live at most 5 minutes', async () => {
    const { ticket } = await upload(PDF, 'loi-courte.pdf');
    const lifetime = Date.parse(ticket.upload.expiresAt) - Date.parse(ticket.attachment.createdAt);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000);
    expect(new URL(ticket.upload.url).searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('keeps serving the confirmed bytes after new bytes are PUT through the old upload URL', async () => {
    expect(sha256(SWAPPED)).not.toBe(sha256(PDF));
    expect(SWAPPED.byteLength).toBe(PDF.byteLength);
    const { id, ticket, confirmed } = await upload(PDF, 'loi-originale.pdf');
    expect(confirmed.sha256).toBe(sha256(PDF));

    const replaced = await fetch(ticket.upload.url, {
      method: 'PUT',
      headers: ticket.upload.headers,
      body: SWAPPED,
    });
    // Whether or not the storage accepts the PUT, the confirmed file must not change.
    expect([200, 403, 412]).toContain(replaced.status);
    const after = await download(id);
    expect(after.status).toBe(200);
    expect(after.json.sha256).toBe(sha256(PDF));
    expect(after.sha).toBe(sha256(PDF));
    // Confirming again changes nothing either.
    const again = await call('civ-expert', 'POST', `${base('TIP')}/attachments/${id}/confirm`);
    expect(again.json.sha256).toBe(sha256(PDF));
    expect((await download(id)).sha).toBe(sha256(PDF));
  });

  it('refuses a download whose stored bytes no longer match the recorded SHA-256', async () => {
    const { id } = await upload(PDF, 'loi-alteree.pdf');
    const { findAttachment } = await import('#shared/repos/self-assessments.ts');
    const record = await findAttachment(REVIEW, 'TIP', id);
    if (!record) throw new Error('no attachment record');
    // Bytes changed behind the API's back (storage corruption or an operator with bucket access).
    await s3Client().send(
      new PutObjectCommand({
        Bucket: config().BUCKET_NAME,
        Key: record.objectKey,
        Body: SWAPPED,
        ContentType: 'application/pdf',
      }),
    );
    const res = await download(id);
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe('INTEGRITY_CHECK_FAILED');
  });
});
