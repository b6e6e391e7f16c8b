/**
 * "A reply is never shown to more people than the comment it answers", over HTTP, for every
 * visibility edit in both directions, and under a race between a new reply and a narrowing.
 * What the reviewed State sees is read through its own API calls (lists, by id, dashboard,
 * export), so a leak anywhere fails the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Comment } from '#shared/domain/dialogue.ts';
import { loadAllComments } from '#shared/repos/comments.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const REVIEW = 'C2026.CIV';
const R = `/reviews/${REVIEW}`;

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(REVIEW, 'TIP');
});
afterAll(() => platform.stop());
const call = apiClient(platform);

const anchor = { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 };
const post = async (visibility: 'all' | 'reviewers', parentId?: string, author = 'tur-expert') => {
  const res = await call(author, 'POST', `${R}/comments`, {
    body: {
      ...(parentId ? { parentId } : { anchor }),
      type: 'clarification-request',
      visibility,
      text: parentId ? 'a reply' : 'a comment',
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as Comment;
};
const setVisibility = (
  c: Pick<Comment, 'commentId' | 'version'>,
  visibility: string,
  author = 'tur-expert',
) =>
  call(author, 'PATCH', `${R}/comments/${c.commentId}`, {
    body: { visibility },
    headers: { 'if-match': String(c.version) },
  });

/** Everything the reviewed State can learn about these comments through the API. */
const seenByReviewed = async (ids: readonly string[]) => {
  const byId = await Promise.all(ids.map((id) => call('civ-expert', 'GET', `${R}/comments/${id}`)));
  const listed = await call('civ-expert', 'GET', `${R}/comments?includeDeleted=true&limit=100`);
  const exported = await call('civ-focal', 'GET', `${R}/export`);
  const text = JSON.stringify({ listed: listed.json, exported: exported.json });
  return {
    readable: ids.filter((_, i) => byId[i]?.status === 200),
    mentioned: ids.filter((id) => text.includes(id)),
  };
};

describe('reply visibility under edits', () => {
  it('narrowing a comment narrows its replies: the reviewed State sees neither them nor the parent id', async () => {
    const parent = await post('all');
    const reply = await post('all', parent.commentId);
    const nested = await post('all', reply.commentId, 'gha-expert');
    const hidden = await post('reviewers', parent.commentId);
    expect(
      (await seenByReviewed([parent.commentId, reply.commentId, nested.commentId])).readable,
    ).toHaveLength(3);

    const narrowed = await setVisibility(parent, 'reviewers');
    expect(narrowed.status, narrowed.text).toBe(200);

    const seen = await seenByReviewed([
      parent.commentId,
      reply.commentId,
      nested.commentId,
      hidden.commentId,
    ]);
    expect(seen).toEqual({ readable: [], mentioned: [] });
    // The replies moved with it, each with its own history entry; the reviewers still see them.
    const { comments, versions } = await loadAllComments(REVIEW);
    for (const r of [reply, nested]) {
      expect(comments.find((c) => c.commentId === r.commentId)?.visibility).toBe('reviewers');
      expect(versions.find((v) => v.commentId === r.commentId && v.version === 2)?.change).toBe('narrowed');
      expect((await call('gha-expert', 'GET', `${R}/comments/${r.commentId}`)).status).toBe(200);
    }
    const counts = (await call('civ-expert', 'GET', `${R}/dialogue`)).json.counts;
    const visible = (await call('civ-expert', 'GET', `${R}/comments?limit=100`)).json.comments;
    expect(counts.total).toBe(visible.length);
  });

  it('narrowing a reply narrows the replies below it, and leaves its parent as it is', async () => {
    const parent = await post('all');
    const reply = await post('all', parent.commentId);
    const nested = await post('all', reply.commentId);
    expect((await setVisibility(reply, 'reviewers')).status).toBe(200);
    const seen = await seenByReviewed([parent.commentId, reply.commentId, nested.commentId]);
    expect(seen.readable).toEqual([parent.commentId]);
  });

  it('refuses to widen a reply beyond its reviewers-only parent (409 naming visibility), and nothing changes', async () => {
    const parent = await post('reviewers');
    const reply = await post('reviewers', parent.commentId);
    const widened = await setVisibility(reply, 'all');
    expect(widened.status).toBe(409);
    expect(widened.json.error.message).toMatch(/^visibility: /);
    expect((await call('tur-expert', 'GET', `${R}/comments/${reply.commentId}`)).json.comment).toMatchObject({
      visibility: 'reviewers',
      version: 1,
    });
    expect((await seenByReviewed([reply.commentId])).readable).toEqual([]);
  });

  it('widening a comment leaves its reviewers-only replies hidden; a reply under it may then be widened', async () => {
    const parent = await post('reviewers');
    const reply = await post('reviewers', parent.commentId);
    expect((await setVisibility(parent, 'all')).status).toBe(200);
    expect((await seenByReviewed([parent.commentId, reply.commentId])).readable).toEqual([parent.commentId]);
    expect((await setVisibility(reply, 'all')).status).toBe(200);
    expect((await seenByReviewed([reply.commentId])).readable).toEqual([reply.commentId]);
  });

  it('refuses to narrow a comment whose reply the reviewed State answered, and changes nothing', async () => {
    const parent = await post('all');
    const reply = await post('all', parent.commentId);
    const answered = await call('civ-expert', 'POST', `${R}/comments/${reply.commentId}/responses`, {
      body: { text: 'Here is the provision.' },
    });
    expect(answered.status).toBe(201);
    const refused = await setVisibility(parent, 'reviewers');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/^visibility: /);
    expect((await seenByReviewed([parent.commentId, reply.commentId])).readable).toHaveLength(2);
  });

  it('keeps the rule when replies are posted while the comment is being narrowed', async () => {
    for (let round = 0; round < 6; round++) {
      const parent = await post('all');
      await post('all', parent.commentId);
      const results = await Promise.all([
        setVisibility(parent, 'reviewers'),
        ...Array.from({ length: 4 }, () =>
          call('gha-expert', 'POST', `${R}/comments`, {
            body: {
              parentId: parent.commentId,
              type: 'observation',
              visibility: 'all',
              text: 'racing reply',
            },
          }),
        ),
      ]);
      for (const r of results) expect([200, 201, 400, 409, 412], r.text).toContain(r.status);
      const { comments } = await loadAllComments(REVIEW);
      const byId = new Map(comments.map((c) => [c.commentId, c]));
      for (const c of comments) {
        const up = c.parentId ? byId.get(c.parentId) : undefined;
        if (up) expect(c.visibility === 'all' && up.visibility === 'reviewers', c.commentId).toBe(false);
      }
    }
  });
});
