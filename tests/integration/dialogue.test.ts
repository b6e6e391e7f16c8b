import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';
import type { Comment, Entry } from '#shared/domain/dialogue.ts';
import { canonicalJson, sha256Hex } from '#shared/domain/draw/canonical.ts';
import { ObservationSchema } from '#shared/domain/summary/input.ts';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { listAudit } from '#shared/repos/audit.ts';
import { tableName } from '#shared/repos/dynamo.ts';
import { agreedObservations } from '#shared/repos/observations.ts';
import { findReview } from '#shared/repos/reviews.ts';
import { callAs, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  await seedReview({ reviewedState: 'BRA', state: 'dialogue' });
  // Not yet submitted: the dialogue is closed.
  await seedReview({ cycleId: 'C2028', state: 'contacts-named' });
  for (const id of ['C2026.CIV', 'C2026.BRA']) {
    await seedSubmittedVersion(id, 'TIP', 1);
    await seedSubmittedVersion(id, 'UNTOC', 1);
  }
});
afterAll(() => platform.stop());

const api = callAs(platform);

const R = '/reviews/C2026.CIV';
const anchor = { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 };
const newComment = (over: Record<string, unknown> = {}) => ({
  anchor,
  type: 'clarification-request',
  visibility: 'all',
  text: 'Please cite the provision that criminalizes attempt.',
  ...over,
});
const post = async (over: Record<string, unknown> = {}, who = 'tur-expert'): Promise<Comment> => {
  const res = await api(who, 'POST', `${R}/comments`, newComment(over));
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
};
const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe('comments on the submitted self-assessment', () => {
  it('are posted by a reviewing expert, anchored to a question, open, at version 1, and notified via the outbox', async () => {
    const c = await post();
    expect(c).toMatchObject({
      status: 'open',
      version: 1,
      authorSub: 'tur-expert',
      authorState: 'TUR',
      anchor,
    });
    const outbox = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `OUTBOX#comment-${c.commentId}` },
      }),
    );
    const recipients = (outbox.Items ?? []).map((i) => i.recipient);
    expect(recipients).toEqual(expect.arrayContaining(['state:CIV', 'state:GHA']));
    expect(recipients).not.toContain('tur-expert');
  });

  it('must say who may see them: a missing visibility is a 400 naming the field', async () => {
    const { visibility: _v, ...body } = newComment();
    const res = await api('tur-expert', 'POST', `${R}/comments`, body);
    expect(res.status).toBe(400);
    expect(errorOf(res.json).message).toContain('body.visibility');
  });

  it('refuse texts over 10,000 characters, questions of another article and versions never submitted', async () => {
    const long = await api('tur-expert', 'POST', `${R}/comments`, newComment({ text: 'x'.repeat(10_001) }));
    expect(long.status).toBe(400);
    expect(errorOf(long.json).message).toContain('body.text');
    const wrong = await api(
      'tur-expert',
      'POST',
      `${R}/comments`,
      newComment({ anchor: { ...anchor, article: 'TIP.6' } }),
    );
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.json).message).toContain('anchor.questionId');
    const unsubmitted = await api(
      'tur-expert',
      'POST',
      `${R}/comments`,
      newComment({ anchor: { ...anchor, submissionVersion: 2 } }),
    );
    expect(unsubmitted.status).toBe(400);
    expect(errorOf(unsubmitted.json).message).toContain('submissionVersion');
  });

  it('cannot be posted before the self-assessment is submitted (409 naming the review state)', async () => {
    const res = await api('tur-expert', 'POST', '/reviews/C2028.CIV/comments', newComment());
    expect(res.status).toBe(409);
    expect(errorOf(res.json).message).toContain('contacts-named');
  });

  it('that are reviewers-only stay hidden from the reviewed State, in lists and by id', async () => {
    const hidden = await post({ visibility: 'reviewers', text: 'Internal: compare with GHA practice.' });
    const list = await api('civ-expert', 'GET', `${R}/comments?limit=100`);
    expect(list.status).toBe(200);
    expect(list.json.comments.map((c: Comment) => c.commentId)).not.toContain(hidden.commentId);
    expect((await api('civ-expert', 'GET', `${R}/comments/${hidden.commentId}`)).status).toBe(404);
    expect((await api('gha-expert', 'GET', `${R}/comments/${hidden.commentId}`)).status).toBe(200);
    expect((await api('bra-expert', 'GET', `${R}/comments/${hidden.commentId}`)).status).toBe(404);
  });

  it('are edited by their author with If-Match; a stale version is a 412 and every version stays in the history', async () => {
    const c = await post();
    const edited = await api(
      'tur-expert',
      'PATCH',
      `${R}/comments/${c.commentId}`,
      { text: 'Please cite the provisions on attempt and complicity.' },
      { 'if-match': '"1"' },
    );
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      version: 2,
      text: 'Please cite the provisions on attempt and complicity.',
    });
    expect(edited.headers.get('etag')).toBe('"2"');
    const stale = await api(
      'tur-expert',
      'PATCH',
      `${R}/comments/${c.commentId}`,
      { text: 'x' },
      { 'if-match': '1' },
    );
    expect(stale.status).toBe(412);
    expect(errorOf(stale.json).details).toMatchObject({ current: { version: 2 } });
    const noIfMatch = await api('tur-expert', 'PATCH', `${R}/comments/${c.commentId}`, { text: 'x' });
    expect(noIfMatch.status).toBe(428);
    const other = await api(
      'tur-focal',
      'PATCH',
      `${R}/comments/${c.commentId}`,
      { text: 'x' },
      { 'if-match': '2' },
    );
    expect(other.status).toBe(403);
    const history = await api('gha-expert', 'GET', `${R}/comments/${c.commentId}/history`);
    expect(
      history.json.versions.map((v: { version: number; change: string; text: string }) => [
        v.version,
        v.change,
      ]),
    ).toEqual([
      [1, 'created'],
      [2, 'edited'],
    ]);
    expect(history.json.versions[0].text).toBe(c.text);
  });

  it('are soft-deleted: gone from the list, shown with includeDeleted, the deletion in the history', async () => {
    const c = await post({ text: 'A comment posted by mistake.' });
    const del = await api('tur-expert', 'DELETE', `${R}/comments/${c.commentId}`, undefined, {
      'if-match': '1',
    });
    expect(del.status).toBe(200);
    expect(del.json.deletedBy).toBe('tur-expert');
    const ids = async (q: string) =>
      (await api('secretariat-1', 'GET', `${R}/comments?limit=100${q}`)).json.comments.map(
        (x: Comment) => x.commentId,
      );
    expect(await ids('')).not.toContain(c.commentId);
    expect(await ids('&includeDeleted=true')).toContain(c.commentId);
    const history = await api('secretariat-1', 'GET', `${R}/comments/${c.commentId}/history`);
    expect(
      history.json.versions.map((v: { change: string; deleted: boolean }) => [v.change, v.deleted]),
    ).toEqual([
      ['created', false],
      ['deleted', true],
    ]);
    expect(history.json.versions[1].text).toBe('A comment posted by mistake.');
    const again = await api(
      'tur-expert',
      'PATCH',
      `${R}/comments/${c.commentId}`,
      { text: 'x' },
      { 'if-match': '2' },
    );
    expect(again.status).toBe(409);
  });

  it('thread replies under the comment they answer, keeping its anchor, never wider than it', async () => {
    const parent = await post({ visibility: 'reviewers', text: 'Do we ask about article 5(2)?' });
    const reply = await api('gha-expert', 'POST', `${R}/comments`, {
      parentId: parent.commentId,
      type: 'observation',
      visibility: 'reviewers',
      text: 'Yes, and about attempt.',
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ parentId: parent.commentId, anchor: parent.anchor });
    const wider = await api('gha-expert', 'POST', `${R}/comments`, {
      parentId: parent.commentId,
      type: 'observation',
      visibility: 'all',
      text: 'Public reply',
    });
    expect(wider.status).toBe(400);
    const thread = await api('tur-expert', 'GET', `${R}/comments?parentId=${parent.commentId}`);
    expect(thread.json.comments.map((x: Comment) => x.commentId)).toEqual([reply.json.commentId]);
  });
});

describe('responses of the reviewed State', () => {
  it('answer a comment; a reviewer resolves it; a resolved comment takes no response until reopened', async () => {
    const c = await post();
    const res = await api('civ-expert', 'POST', `${R}/comments/${c.commentId}/responses`, {
      text: 'Article 4 of the Penal Code covers attempt for all offences.',
    });
    expect(res.status).toBe(201);
    expect(res.json.comment).toMatchObject({ status: 'answered', responseCount: 1, version: 2 });
    const resolved = await api('gha-expert', 'POST', `${R}/comments/${c.commentId}/status`, {
      action: 'resolve',
    });
    expect(resolved.json).toMatchObject({ status: 'resolved', version: 3 });
    const late = await api('civ-focal', 'POST', `${R}/comments/${c.commentId}/responses`, { text: 'More.' });
    expect(late.status).toBe(409);
    const reopened = await api('tur-expert', 'POST', `${R}/comments/${c.commentId}/status`, {
      action: 'reopen',
    });
    expect(reopened.json.status).toBe('answered');
    const one = await api('civ-expert', 'GET', `${R}/comments/${c.commentId}`);
    expect(one.json.responses.map((r: { text: string }) => r.text)).toEqual([
      'Article 4 of the Penal Code covers attempt for all offences.',
    ]);
  });

  it('may not be given by the reviewers, nor to a comment the reviewed State cannot see', async () => {
    const c = await post();
    expect(
      (await api('tur-expert', 'POST', `${R}/comments/${c.commentId}/responses`, { text: 'x' })).status,
    ).toBe(403);
    const hidden = await post({ visibility: 'reviewers' });
    expect(
      (await api('civ-expert', 'POST', `${R}/comments/${hidden.commentId}/responses`, { text: 'x' })).status,
    ).toBe(404);
  });

  it('refuse an attachment that was never uploaded', async () => {
    const c = await post();
    const res = await api('civ-expert', 'POST', `${R}/comments/${c.commentId}/responses`, {
      text: 'See the attached law.',
      attachment: { attachmentId: 'no-such-file' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res.json).message).toContain('attachment');
  });
});

describe('idempotent POSTs', () => {
  it('return the first result for a retry with the same Idempotency-Key, never a second comment', async () => {
    const key = { 'idempotency-key': 'retry-comment-0001' };
    const body = newComment({ text: 'Sent twice over a flaky network.' });
    const first = await api('tur-expert', 'POST', `${R}/comments`, body, key);
    const second = await api('tur-expert', 'POST', `${R}/comments`, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json.commentId).toBe(first.json.commentId);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    const all = await api('secretariat-1', 'GET', `${R}/comments?limit=100`);
    expect(
      all.json.comments.filter((c: Comment) => c.text === 'Sent twice over a flaky network.'),
    ).toHaveLength(1);
  });
});

describe('listing comments', () => {
  it('pages through them oldest first with an opaque cursor, without gaps or repeats, and filters', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        (
          await post({
            anchor: { instrument: 'UNTOC', article: 'UNTOC.5', submissionVersion: 1 },
            text: `p${i}`,
          })
        ).commentId,
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api(
        'gha-expert',
        'GET',
        `${R}/comments?article=UNTOC.5&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.json.comments.length).toBeLessThanOrEqual(3);
      seen.push(...res.json.comments.map((c: Comment) => c.commentId));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(made);
    expect(pages).toBe(3);
    const bad = await api('gha-expert', 'GET', `${R}/comments?cursor=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    const byStatus = await api('gha-expert', 'GET', `${R}/comments?status=resolved&limit=100`);
    expect(byStatus.json.comments.every((c: Comment) => c.status === 'resolved')).toBe(true);
  });
});

describe('seen markers and the dashboard', () => {
  it('count comments not yet seen by the caller, and count them again once they change', async () => {
    const c = await post({ text: 'New for everyone.' });
    const before = await api('civ-focal', 'GET', `${R}/dialogue`);
    expect(before.status).toBe(200);
    expect(before.json.unseen).toBeGreaterThan(0);
    const all = await api('civ-focal', 'GET', `${R}/comments?limit=100`);
    const ids = all.json.comments.map((x: Comment) => x.commentId);
    const marked = await api('civ-focal', 'PUT', `${R}/seen`, { commentIds: ids });
    expect(marked.json.marked).toBe(ids.length);
    expect((await api('civ-focal', 'GET', `${R}/dialogue`)).json.unseen).toBe(0);
    await api(
      'tur-expert',
      'PATCH',
      `${R}/comments/${c.commentId}`,
      { text: 'Changed.' },
      { 'if-match': '1' },
    );
    expect((await api('civ-focal', 'GET', `${R}/dialogue`)).json.unseen).toBe(1);
    const listed = await api('civ-focal', 'GET', `${R}/comments/${c.commentId}`);
    expect(listed.json.comment.seen).toBe(false);
  });

  it('show the reviewed State counts of the comments visible to it only', async () => {
    const reviewers = (await api('tur-expert', 'GET', `${R}/dialogue`)).json.counts;
    const reviewed = (await api('civ-expert', 'GET', `${R}/dialogue`)).json.counts;
    const visibleToReviewed = (await api('civ-expert', 'GET', `${R}/comments?limit=100`)).json.comments
      .length;
    expect(reviewed.total).toBe(visibleToReviewed);
    expect(reviewers.total).toBeGreaterThan(reviewed.total);
  });
});

describe('the list of observations', () => {
  const O = `${R}/observations`;
  const draft = async (article: string, kind: string, text: string): Promise<Entry> => {
    const res = await api('tur-expert', 'POST', O, { article, kind, text });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };

  it('is drafted by the reviewers, agreed or amended by the reviewed State, confirmed by all focal points, then final', async () => {
    const a = await draft('TIP.5', 'challenge', 'Attempt to traffic is not criminalized.');
    const b = await draft('TIP.6', 'good-practice', 'Shelters are run with NGOs.');
    expect(a).toMatchObject({
      status: 'draft',
      articleTitle: expect.any(String),
      cluster: expect.any(Number),
    });

    const stale = await api(
      'civ-focal',
      'POST',
      `${O}/${a.id}/responses`,
      { action: 'agree' },
      { 'if-match': '7' },
    );
    expect(stale.status).toBe(412);
    const disputed = await api(
      'civ-focal',
      'POST',
      `${O}/${a.id}/responses`,
      { action: 'dispute', reason: 'Article 4 of the Penal Code covers attempt.' },
      { 'if-match': '1' },
    );
    expect(disputed.json.status).toBe('disputed');
    const revised = await api(
      'gha-expert',
      'PATCH',
      `${O}/${a.id}`,
      { action: 'revise', text: 'Attempt is covered only by the general part of the Penal Code.' },
      { 'if-match': '2' },
    );
    expect(revised.json).toMatchObject({ status: 'draft', version: 3 });
    const agreed = await api(
      'civ-expert',
      'POST',
      `${O}/${a.id}/responses`,
      { action: 'agree' },
      { 'if-match': '3' },
    );
    expect(agreed.json.status).toBe('agreed');
    const amended = await api(
      'civ-expert',
      'POST',
      `${O}/${b.id}/responses`,
      { action: 'amend', text: 'Shelters are run with NGOs in all regions.' },
      { 'if-match': '1' },
    );
    expect(amended.json.status).toBe('amended');

    const early = await api('civ-focal', 'POST', `${O}/confirmations`, {});
    expect(early.status).toBe(409);
    const accepted = await api(
      'tur-expert',
      'PATCH',
      `${O}/${b.id}`,
      { action: 'accept-amendment' },
      { 'if-match': '2' },
    );
    expect(accepted.json).toMatchObject({
      status: 'agreed',
      text: 'Shelters are run with NGOs in all regions.',
    });

    const civ = await api('civ-focal', 'POST', `${O}/confirmations`, {});
    expect(civ.status).toBe(200);
    expect(civ.json.finalisation).toMatchObject({ complete: false, awaiting: ['GHA', 'TUR'] });
    expect((await api('civ-expert', 'POST', `${O}/confirmations`, {})).status).toBe(403);
    await api('gha-focal', 'POST', `${O}/confirmations`, {});
    const last = await api('tur-focal', 'POST', `${O}/confirmations`, {});
    expect(last.status).toBe(200);
    expect(last.json).toMatchObject({ reviewState: 'observations-agreed', finalisation: { complete: true } });
    expect((await findReview('C2026.CIV'))?.state).toBe('observations-agreed');

    const after = await api(
      'tur-expert',
      'PATCH',
      `${O}/${a.id}`,
      { action: 'revise', text: 'x' },
      { 'if-match': '4' },
    );
    expect(after.status).toBe(409);
    const summary = await agreedObservations('C2026.CIV');
    expect(summary.map((o) => o.text).sort()).toEqual([
      'Attempt is covered only by the general part of the Penal Code.',
      'Shelters are run with NGOs in all regions.',
    ]);
    for (const o of summary) expect(ObservationSchema.parse(o)).toEqual(o);
    const audit = await listAudit('review#C2026.CIV', { limit: 1000 });
    expect(audit.entries.some((e) => e.action === 'observations.finalise')).toBe(true);
  });

  it('needs a fresh confirmation after any change, and the secretariat may record an off-platform agreement', async () => {
    const B = '/reviews/C2026.BRA/observations';
    const e = await api('gha-expert', 'POST', B, {
      article: 'UNTOC.5',
      kind: 'recommendation',
      text: 'Adopt a plan.',
    });
    const noNote = await api('secretariat-1', 'POST', `${B}/confirmations`, {});
    expect(noNote.status).toBe(400);
    const notAgreed = await api('secretariat-1', 'POST', `${B}/confirmations`, {
      offPlatformNote: 'Agreed by email.',
    });
    // An open entry needs the outcome agreed off the platform (dialogue-off-platform.test.ts).
    expect(notAgreed.status).toBe(400);
    expect(errorOf(notAgreed.json).message).toContain(`body.outcomes.${e.json.id}`);
    const focalNote = await api('gha-focal', 'POST', `${B}/confirmations`, { offPlatformNote: 'x' });
    expect(focalNote.status).toBe(400);
    // The agreement itself is recorded by the secretariat after the entry was agreed off-platform.
    await api('bra-expert', 'POST', `${B}/${e.json.id}/responses`, { action: 'agree' }, { 'if-match': '1' });
    const gha = await api('gha-focal', 'POST', `${B}/confirmations`, {});
    expect(gha.json.list.confirmations.GHA.listVersion).toBe(gha.json.list.version);
    const later = await api('tur-expert', 'POST', B, {
      article: 'UNTOC.6',
      kind: 'ta-need',
      text: 'Training.',
    });
    const view = await api('gha-focal', 'GET', B);
    expect(view.json.finalisation.awaiting).toContain('GHA');
    await api(
      'bra-expert',
      'POST',
      `${B}/${later.json.id}/responses`,
      { action: 'agree' },
      { 'if-match': '1' },
    );
    const done = await api('secretariat-1', 'POST', `${B}/confirmations`, {
      offPlatformNote: 'Agreed at the meeting in Vienna on 3 March 2026.',
    });
    expect(done.status).toBe(200);
    expect(done.json.list).toMatchObject({
      offPlatformNote: 'Agreed at the meeting in Vienna on 3 March 2026.',
    });
    expect((await findReview('C2026.BRA'))?.state).toBe('observations-agreed');
  });
});

describe('the export of a review', () => {
  it('is one JSON document whose SHA-256 anyone can recompute, with comments, history, observations and audit', async () => {
    const res = await api('secretariat-1', 'GET', `${R}/export`);
    expect(res.status).toBe(200);
    const { document, sha256 } = res.json;
    expect(sha256Hex(canonicalJson(document))).toBe(sha256);
    expect(document).toMatchObject({ reviewId: 'C2026.CIV', scope: 'full' });
    expect(document.comments.length).toBeGreaterThan(5);
    expect(document.comments.every((c: { history: unknown[] }) => c.history.length >= 1)).toBe(true);
    expect(document.observations.entries.length).toBe(2);
    expect(
      document.selfAssessmentVersions
        .map((v: { instrument: string; n: number }) => `${v.instrument}@${v.n}`)
        .sort(),
    ).toEqual(['TIP@1', 'UNTOC@1']);
    expect(document.audit.length).toBeGreaterThan(10);
    const tampered = { ...document, comments: document.comments.slice(1) };
    expect(sha256Hex(canonicalJson(tampered))).not.toBe(sha256);
  });

  it('for the reviewed focal point leaves out what only the reviewers may see', async () => {
    const res = await api('civ-focal', 'GET', `${R}/export`);
    expect(res.status).toBe(200);
    const { document } = res.json;
    expect(document.scope).toBe('reviewed-state');
    expect(document.comments.every((c: Comment) => c.visibility === 'all')).toBe(true);
    expect(
      document.audit.every(
        (a: { details?: { visibility?: string } }) => a.details?.visibility !== 'reviewers',
      ),
    ).toBe(true);
    expect((await api('civ-expert', 'GET', `${R}/export`)).status).toBe(403);
  });
});
