/**
 * Integrity at the edges of the workflow (issue 13, finding 16): a lost race answers in plain
 * language (no storage-engine codes), a published review's self-assessment no longer changes,
 * and a submission after its deadline is accepted but recorded and shown as late.
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { DEADLINE_PRESETS, initialDeadlines } from '#shared/domain/workflow.ts';
import { auditScope, listAudit } from '#shared/repos/audit.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { getReview } from '#shared/repos/reviews.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { completeAnswers, seedReview } from '../support/reviews.ts';

const ON_TIME_START = new Date(Date.now() - 10 * 86_400_000).toISOString();

const platform = await useLocalPlatform(async () => {
  // Started 2026-01-15: its self-assessment was due on 2026-07-16.
  await seedReview({ cycleId: 'C2026', state: 'contacts-named' });
  // Started ten days ago: well within its six months.
  await seedReview({
    cycleId: 'C2028',
    createdAt: ON_TIME_START,
    deadlines: initialDeadlines(ON_TIME_START, DEADLINE_PRESETS.untoc),
  });
  await seedReview({ cycleId: 'C2029', state: 'published' });
  await seedReview({ cycleId: 'C2030', state: 'assigned' });
  // Late as well, in a cycle whose policy refuses late submissions.
  await seedReview({ cycleId: 'C2031', state: 'contacts-named' });
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: 'CYCLE#C2031', sk: 'META' },
      UpdateExpression: 'SET deadlines.lateSubmissions = :refuse',
      ExpressionAttributeValues: { ':refuse': 'refuse' },
    }),
  );
});
afterAll(() => platform.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const call = apiClient(platform);

/** Storage engines' words that must never reach a client. */
const ENGINE_WORDS =
  /ConditionalCheckFailed|TransactionConflict|TransactionCanceled|CancellationReason|"None"/;

describe('a lost race answers in plain language', () => {
  it('answers 409 without DynamoDB cancellation codes when another change wins, and changes nothing', async () => {
    const reviewId = 'C2030.CIV';
    const ddb = dynamo();
    const realSend = ddb.send.bind(ddb);
    let raced = 0;
    vi.spyOn(ddb, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && raced === 0) {
        raced++;
        // Another request changes the review between this request's read and its write.
        await realSend(
          new UpdateCommand({
            TableName: tableName(),
            Key: { pk: `REVIEW#${reviewId}`, sk: 'META' },
            UpdateExpression: 'SET version = version + :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      }
      return (realSend as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof ddb.send);

    const res = await call('tur-focal', 'POST', `/reviews/${reviewId}/acknowledgements`);
    expect(raced).toBe(1);
    expect(res.status).toBe(409);
    expect(res.text).not.toMatch(ENGINE_WORDS);
    expect(res.json.error.message).toMatch(/changed meanwhile/);
    expect(JSON.stringify(res.json.error.details)).toMatch(/another request/);
    expect((await getReview(reviewId)).acknowledgements.TUR).toBeUndefined();
  });
});

describe('a published review’s self-assessment is closed', () => {
  const base = '/reviews/C2029.CIV/self-assessments/TIP';

  it('refuses a draft edit with 409 naming the rule, and saves nothing', async () => {
    const res = await call('civ-expert', 'PATCH', `${base}/draft`, {
      body: { answers: { 'TIP.3.q1': 'no' } },
      headers: { 'if-match': '0' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('published');
    expect(res.json.error.details).toMatchObject({
      rule: 'self-assessment-open',
      current: { state: 'published' },
    });
    expect((await call('civ-expert', 'GET', `${base}/draft`)).json.version).toBe(0);
  });

  it('refuses a draft import and an upload request the same way', async () => {
    const imported = await call('civ-expert', 'POST', `${base}/import`, {
      body: { questionnaireId: 'untoc-tip', questionnaireVersion: 1, answers: { 'TIP.3.q1': 'no' } },
      headers: { 'if-match': '0' },
    });
    expect(imported.status).toBe(409);
    expect(imported.json.error.details).toMatchObject({ rule: 'self-assessment-open' });
    const upload = await call('civ-expert', 'POST', `${base}/attachments`, {
      body: { name: 'late-evidence.pdf', contentType: 'application/pdf', size: 100 },
    });
    expect(upload.status).toBe(409);
    expect(upload.json.error.details).toMatchObject({ rule: 'self-assessment-open' });
    expect((await call('civ-expert', 'GET', `${base}/attachments`)).json.attachments).toEqual([]);
  });

  it('still accepts both on a review in progress (the control)', async () => {
    const res = await call('civ-expert', 'POST', '/reviews/C2030.CIV/self-assessments/TIP/attachments', {
      body: { name: 'evidence.pdf', contentType: 'application/pdf', size: 100 },
    });
    expect(res.status).toBe(201);
  });
});

describe('late submissions are accepted and shown as late', () => {
  const submit = async (reviewId: string) => {
    const base = `/reviews/${reviewId}/self-assessments/UNTOC`;
    const saved = await call('civ-expert', 'PATCH', `${base}/draft`, {
      body: { answers: completeAnswers('UNTOC') },
      headers: { 'if-match': '0' },
    });
    expect(saved.status).toBe(200);
    return call('civ-focal', 'POST', `${base}/submissions`);
  };

  it('records a submission after the self-assessment deadline as late, in the version, the list and the audit log', async () => {
    const res = await submit('C2026.CIV');
    expect(res.status).toBe(201);
    expect(res.json.late).toEqual({ due: '2026-07-16T09:00:00.000Z', daysLate: expect.any(Number) });
    expect(res.json.late.daysLate).toBeGreaterThan(0);
    const list = await call('gha-expert', 'GET', '/reviews/C2026.CIV/self-assessments/UNTOC/submissions');
    expect(list.json.submissions[0].late).toEqual(res.json.late);
    const one = await call('tur-expert', 'GET', '/reviews/C2026.CIV/self-assessments/UNTOC/submissions/1');
    expect(one.json.late).toEqual(res.json.late);
    const { entries } = await listAudit(auditScope.review('C2026.CIV'));
    const entry = entries.find((e) => e.action === 'self-assessment.submit');
    expect(entry?.details).toMatchObject({ late: res.json.late });
  });

  it('refuses a late submission with 409 naming the rule where the cycle’s policy says so, and stores no version', async () => {
    const res = await submit('C2031.CIV');
    expect(res.status).toBe(409);
    expect(res.json.error.details).toMatchObject({
      rule: 'late-submissions',
      late: { due: '2026-07-16T09:00:00.000Z' },
    });
    const list = await call('gha-expert', 'GET', '/reviews/C2031.CIV/self-assessments/UNTOC/submissions');
    expect(list.json.submissions).toEqual([]);
  });

  it('records a submission before its deadline as on time', async () => {
    const res = await submit('C2028.CIV');
    expect(res.status).toBe(201);
    expect(res.json.late).toBeNull();
  });
});
