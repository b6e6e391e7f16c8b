/**
 * Hardening: load. 100 concurrent writers on one self-assessment draft (If-Match) and 100
 * concurrent comment creations and edits on one review. No update is lost: every accepted write
 * is in the final state, every refusal is a clean 409/412, and histories are gap-free.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import type { VersionRecord } from '#shared/domain/self-assessment/records.ts';
import { loadAllComments } from '#shared/repos/comments.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { SA_KEYS } from '#shared/repos/keys.ts';
import { callAs, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const DRAFT_REVIEW = 'C2026.CIV';
const DIALOGUE_REVIEW = 'C2026.GHA';

const platform = await useLocalPlatform(async () => {
  await seedReview();
  await seedReview({
    reviewedState: 'GHA',
    state: 'dialogue',
    seats: [
      { reviewer: 'CIV', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'TUR', instruments: ['UNTOC', 'TIP'], reason: 'other-group' },
    ],
    reviewerStates: ['CIV', 'TUR'],
  });
  const record: VersionRecord = {
    reviewId: DIALOGUE_REVIEW,
    instrument: 'TIP',
    n: 1,
    status: 'submitted',
    contentDigest: 'd'.repeat(64),
    questionnaireId: 'untoc-tip',
    questionnaireVersion: 1,
    draftVersion: 1,
    submittedAt: '2026-02-01T09:00:00.000Z',
    submittedBy: 'gha-focal',
    submittedByName: 'Ghana focal point',
    reservedAt: '2026-02-01T09:00:00.000Z',
    attachmentIds: [],
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...SA_KEYS.version(DIALOGUE_REVIEW, 'TIP', 1), ...record },
    }),
  );
});
afterAll(() => platform.stop());

const call = callAs(platform);

const TEXT_QUESTIONS = questionsOf(questionnaireForInstrument('TIP'))
  .map((q) => q.question)
  .filter((q) => q.type === 'text')
  .map((q) => q.id)
  .slice(0, 5);

describe('100 concurrent writers on one draft', () => {
  it('accept exactly one write per version step, refuse the rest with 409/412, and lose no accepted answer', async () => {
    expect(TEXT_QUESTIONS.length).toBeGreaterThan(1);
    const draft = `/reviews/${DRAFT_REVIEW}/self-assessments/TIP/draft`;
    // Writer i names version i mod 10 and writes one answer of its own.
    const writers = Array.from({ length: 100 }, (_, i) => ({
      i,
      ifMatch: i % 10,
      patch: { [TEXT_QUESTIONS[i % TEXT_QUESTIONS.length] ?? '']: `written by writer ${i}` },
    }));
    const results = await Promise.all(
      writers.map(async (w) => ({
        ...w,
        ...(await call(
          w.i % 2 ? 'civ-expert' : 'civ-focal',
          'PATCH',
          draft,
          { answers: w.patch },
          { 'if-match': `"${w.ifMatch}"` },
        )),
      })),
    );

    for (const r of results) expect([200, 409, 412], JSON.stringify(r.json)).toContain(r.status);
    const winners = results.filter((r) => r.status === 200).sort((a, b) => a.json.version - b.json.version);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    // One winner per step: versions 1..m, each won by a writer that named the version before it.
    expect(winners.map((w) => w.json.version)).toEqual(winners.map((_, k) => k + 1));
    for (const w of winners) expect(w.json.version).toBe(w.ifMatch + 1);

    // The final draft is the winners' patches applied in version order: no accepted answer lost.
    const expected: Record<string, unknown> = {};
    for (const w of winners) Object.assign(expected, w.patch);
    const final = await call('civ-expert', 'GET', draft);
    expect(final.json.version).toBe(winners.length);
    expect(final.json.answers).toEqual(expected);
    expect(final.json.answers).toEqual(winners.at(-1)?.json.answers);
  }, 120_000);
});

describe('100 concurrent comment creations and edits on one review', () => {
  it('are each accepted or cleanly refused; the count equals what was accepted and every history is gap-free', async () => {
    const path = `/reviews/${DIALOGUE_REVIEW}/comments`;
    const body = (text: string) => ({
      anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
      type: 'clarification-request',
      visibility: 'all',
      text,
    });
    const seeded: { commentId: string }[] = [];
    for (let i = 0; i < 10; i++)
      seeded.push((await call('civ-expert', 'POST', path, body(`seed ${i}`))).json);

    // 60 creations by two reviewing States, 40 edits (4 per seeded comment, all naming version 1).
    const ops = [
      ...Array.from({ length: 60 }, (_, i) => ({
        kind: 'create',
        run: () => call(i % 2 ? 'civ-expert' : 'tur-expert', 'POST', path, body(`load ${i}`)),
      })),
      ...seeded.flatMap((c, i) =>
        Array.from({ length: 4 }, (_, k) => ({
          kind: 'edit',
          run: () =>
            call(
              'civ-expert',
              'PATCH',
              `${path}/${c.commentId}`,
              { text: `seed ${i} edit ${k}` },
              { 'if-match': '1' },
            ),
        })),
      ),
    ];
    expect(ops).toHaveLength(100);
    const results = await Promise.all(ops.map(async (op) => ({ kind: op.kind, ...(await op.run()) })));

    for (const r of results)
      expect([200, 201, 409, 412], `${r.kind}: ${JSON.stringify(r.json)}`).toContain(r.status);
    const accepted = (kind: string) => results.filter((r) => r.kind === kind && r.status < 300).length;
    const { comments, versions } = await loadAllComments(DIALOGUE_REVIEW);
    expect(comments).toHaveLength(10 + accepted('create'));
    expect(versions.filter((v) => v.change === 'edited')).toHaveLength(accepted('edit'));
    // Exactly one of the four edits naming version 1 wins on each comment.
    for (const c of seeded)
      expect(versions.filter((v) => v.commentId === c.commentId && v.change === 'edited')).toHaveLength(1);
    for (const c of comments) {
      const own = versions.filter((v) => v.commentId === c.commentId).sort((a, b) => a.version - b.version);
      expect(own.map((v) => v.version)).toEqual(Array.from({ length: c.version }, (_, k) => k + 1));
      expect(own.at(-1)).toMatchObject({ text: c.text, status: c.status });
    }
    const summary = await call('secretariat-1', 'GET', `/reviews/${DIALOGUE_REVIEW}/dialogue`);
    expect(summary.json.counts.total).toBe(comments.length);
  }, 120_000);
});
