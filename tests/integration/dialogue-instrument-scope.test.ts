/**
 * The instrument scope of the dialogue, as a matrix: a reviewing State whose seat covers only
 * UNTOC (Türkiye here) comments and drafts observations on UNTOC only; on TIP, which only Ghana
 * reviews, every write is a 403, while Ghana may do the same on both. Rows: each reviewer write
 * of the dialogue; columns: caller × instrument of the object. Every cell acts on fresh objects.
 * Reading stays open to the whole team of reviewers (they deliberate together).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const REVIEW = 'C2026.CIV';
const R = `/reviews/${REVIEW}`;

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(REVIEW, 'UNTOC');
  await seedSubmittedVersion(REVIEW, 'TIP');
});
afterAll(() => platform.stop());
const call = apiClient(platform);

/** Türkiye's seat narrowed to UNTOC (as a redraw of one instrument leaves it), Ghana's both. */
const narrowTurkey = (instruments: Instrument[]) =>
  dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `REVIEW#${REVIEW}`, sk: 'META' },
      UpdateExpression: 'SET seats = :s',
      ExpressionAttributeValues: {
        ':s': [
          { reviewer: 'GHA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
          { reviewer: 'TUR', instruments, reason: 'other-group' },
        ],
      },
    }),
  );

const ARTICLE: Record<'UNTOC' | 'TIP', { article: string; questionId: string }> = {
  UNTOC: { article: 'UNTOC.5', questionId: 'UNTOC.5.q1' },
  TIP: { article: 'TIP.5', questionId: 'TIP.5.q1' },
};
type Inst = keyof typeof ARTICLE;
const anchorOf = (i: Inst) => ({ instrument: i, ...ARTICLE[i], submissionVersion: 1 });

/** Fixtures are made while Türkiye's seat still covers both instruments (its own old comments). */
const newComment = async (author: string, i: Inst): Promise<string> => {
  const res = await call(author, 'POST', `${R}/comments`, {
    body: { anchor: anchorOf(i), type: 'clarification-request', visibility: 'all', text: 'fixture' },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.commentId;
};
const newEntry = async (author: string, i: Inst): Promise<string> => {
  const res = await call(author, 'POST', `${R}/observations`, {
    body: { article: ARTICLE[i].article, kind: 'challenge', text: 'fixture' },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
};

interface Row {
  name: string;
  /** Objects the row needs, made before the seat is narrowed (`author` writes them). */
  prepare: (author: string, i: Inst) => Promise<string>;
  run: (sub: string, i: Inst, id: string) => Promise<{ status: number }>;
  allowed: number;
}

const ROWS: Row[] = [
  {
    name: 'post a comment',
    prepare: async () => '',
    run: (sub, i) =>
      call(sub, 'POST', `${R}/comments`, {
        body: { anchor: anchorOf(i), type: 'observation', visibility: 'all', text: 'new' },
      }),
    allowed: 201,
  },
  {
    name: 'reply to a comment',
    prepare: (_a, i) => newComment('gha-expert', i),
    run: (sub, _i, id) =>
      call(sub, 'POST', `${R}/comments`, {
        body: { parentId: id, type: 'observation', visibility: 'all', text: 'reply' },
      }),
    allowed: 201,
  },
  {
    name: 'edit an own comment',
    prepare: (author, i) => newComment(author, i),
    run: (sub, _i, id) =>
      call(sub, 'PATCH', `${R}/comments/${id}`, { body: { text: 'edited' }, headers: { 'if-match': '1' } }),
    allowed: 200,
  },
  {
    name: 'delete an own comment',
    prepare: (author, i) => newComment(author, i),
    run: (sub, _i, id) => call(sub, 'DELETE', `${R}/comments/${id}`),
    allowed: 200,
  },
  {
    name: 'resolve a comment',
    prepare: (_a, i) => newComment('gha-expert', i),
    run: (sub, _i, id) => call(sub, 'POST', `${R}/comments/${id}/status`, { body: { action: 'resolve' } }),
    allowed: 200,
  },
  {
    name: 'draft an observation',
    prepare: async () => '',
    run: (sub, i) =>
      call(sub, 'POST', `${R}/observations`, {
        body: { article: ARTICLE[i].article, kind: 'recommendation', text: 'new' },
      }),
    allowed: 201,
  },
  {
    name: 'revise an observation',
    prepare: (author, i) => newEntry(author, i),
    run: (sub, _i, id) =>
      call(sub, 'PATCH', `${R}/observations/${id}`, {
        body: { action: 'revise', text: 'revised' },
        headers: { 'if-match': '1' },
      }),
    allowed: 200,
  },
  {
    name: 'withdraw an observation',
    prepare: (author, i) => newEntry(author, i),
    run: (sub, _i, id) =>
      call(sub, 'PATCH', `${R}/observations/${id}`, {
        body: { action: 'withdraw', reason: 'no longer relevant' },
        headers: { 'if-match': '1' },
      }),
    allowed: 200,
  },
  {
    name: 'move an observation to an article of the instrument',
    // From an article of the other instrument: the target decides the cell.
    prepare: (author, i) => newEntry(author, i === 'TIP' ? 'UNTOC' : 'TIP'),
    run: (sub, i, id) =>
      call(sub, 'PATCH', `${R}/observations/${id}`, {
        body: { action: 'revise', article: ARTICLE[i].article },
        headers: { 'if-match': '1' },
      }),
    allowed: 200,
  },
];

/** Caller → instruments its State reviews once Türkiye's seat is narrowed to UNTOC. */
const CALLERS: Record<string, readonly Inst[]> = {
  'tur-expert': ['UNTOC'],
  'tur-focal': ['UNTOC'],
  'gha-expert': ['UNTOC', 'TIP'],
};

describe('the instrument scope of the dialogue (reviewer writes × caller × instrument)', () => {
  it('lets a reviewing State write only on the instruments its seat covers', async () => {
    await narrowTurkey(['UNTOC', 'TIP']);
    const cells: { row: Row; sub: string; i: Inst; id: string; expected: number }[] = [];
    for (const row of ROWS)
      for (const [sub, covers] of Object.entries(CALLERS))
        for (const i of ['UNTOC', 'TIP'] as const) {
          // The move row's fixture lies on the other instrument: only a State reviewing both
          // may move it at all, so for Türkiye the UNTOC target is refused too.
          const reachable = row.name.startsWith('move') ? covers.length === 2 : covers.includes(i);
          cells.push({ row, sub, i, id: await row.prepare(sub, i), expected: reachable ? row.allowed : 403 });
        }
    await narrowTurkey(['UNTOC']);

    const got: string[] = [];
    const want: string[] = [];
    for (const c of cells) {
      const res = await c.row.run(c.sub, c.i, c.id);
      got.push(`${c.row.name} | ${c.sub} | ${c.i} → ${res.status}`);
      want.push(`${c.row.name} | ${c.sub} | ${c.i} → ${c.expected}`);
    }
    expect(got).toEqual(want);
  });

  it('keeps reading open to every reviewing State, and names the instrument when it refuses', async () => {
    await narrowTurkey(['UNTOC']);
    const tip = await newComment('gha-expert', 'TIP');
    expect((await call('tur-expert', 'GET', `${R}/comments/${tip}`)).status).toBe(200);
    const refused = await call('tur-expert', 'POST', `${R}/comments`, {
      body: { anchor: anchorOf('TIP'), type: 'observation', visibility: 'all', text: 'x' },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain('anchor.instrument');
    expect(refused.json.error.message).toContain('TIP');
  });
});
