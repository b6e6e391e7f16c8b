import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogueRoutes } from '#shared/http/routes/dialogue.ts';
import { callAs, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  // A second review of the same parties, for the confirmation row (the secretariat's
  // off-platform agreement finalises its list).
  await seedReview({ cycleId: 'C2027', state: 'dialogue' });
  await seedSubmittedVersion('C2026.CIV', 'TIP');
});
afterAll(() => platform.stop());

const call = callAs(platform);

/** The callers, in the order each row runs them (the secretariat last: its confirmation finalises). */
const CALLERS = {
  observer: 'observer-1',
  reviewedFocal: 'civ-focal',
  reviewedExpert: 'civ-expert',
  reviewingExpert: 'tur-expert',
  unrelatedExpert: 'bra-expert',
  secretariat: 'secretariat-1',
} as const;
type Caller = keyof typeof CALLERS;

const R = '/reviews/C2026.CIV';
const anchor = { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 };

const newComment = async (author = 'tur-expert', visibility = 'all'): Promise<string> => {
  const res = await call(author, 'POST', `${R}/comments`, {
    anchor,
    type: 'clarification-request',
    visibility,
    text: 'Matrix fixture',
  });
  expect(res.status).toBe(201);
  return res.json.commentId;
};
const newEntry = async (review = R): Promise<string> => {
  const res = await call('gha-expert', 'POST', `${review}/observations`, {
    article: 'TIP.5',
    kind: 'challenge',
    text: 'Matrix fixture',
  });
  expect(res.status).toBe(201);
  return res.json.id;
};

interface Row {
  operationId: string;
  label: string;
  /** Runs the request as `who`, on objects it creates first; returns the status. */
  run: (who: string, caller: Caller) => Promise<number>;
  expected: Record<Caller, number>;
}

const row = (
  operationId: (typeof dialogueRoutes)[number]['operationId'],
  label: string,
  run: Row['run'],
  expected: Record<Caller, number>,
): Row => ({ operationId, label, run, expected });

// Shorthands for the common shapes of a row.
const readers = (ok: number): Record<Caller, number> => ({
  observer: 403,
  reviewedFocal: ok,
  reviewedExpert: ok,
  reviewingExpert: ok,
  unrelatedExpert: 404,
  secretariat: ok,
});
const reviewingExpertOnly = (ok: number): Record<Caller, number> => ({
  observer: 403,
  reviewedFocal: 403,
  reviewedExpert: 403,
  reviewingExpert: ok,
  unrelatedExpert: 404,
  secretariat: 403,
});

const ROWS: Row[] = [
  row(
    'listComments',
    'list comments',
    async (who) => (await call(who, 'GET', `${R}/comments`)).status,
    readers(200),
  ),
  row(
    'createComment',
    'post a comment',
    async (who) =>
      (
        await call(who, 'POST', `${R}/comments`, {
          anchor,
          type: 'observation',
          visibility: 'all',
          text: 'Matrix',
        })
      ).status,
    reviewingExpertOnly(201),
  ),
  row(
    'getComment',
    'read a comment visible to all',
    async (who) => (await call(who, 'GET', `${R}/comments/${await newComment()}`)).status,
    readers(200),
  ),
  row(
    'getComment',
    'read a reviewers-only comment',
    async (who) =>
      (await call(who, 'GET', `${R}/comments/${await newComment('tur-expert', 'reviewers')}`)).status,
    { ...readers(200), reviewedFocal: 404, reviewedExpert: 404 },
  ),
  row(
    'getCommentHistory',
    'read the history of a comment',
    async (who) => (await call(who, 'GET', `${R}/comments/${await newComment()}/history`)).status,
    readers(200),
  ),
  row(
    'editComment',
    "edit the reviewing expert's own comment",
    async (who) =>
      (
        await call(
          who,
          'PATCH',
          `${R}/comments/${await newComment('tur-expert')}`,
          { text: 'edited' },
          { 'if-match': '1' },
        )
      ).status,
    reviewingExpertOnly(200),
  ),
  row(
    'editComment',
    "edit another reviewer's comment",
    async (who) =>
      (
        await call(
          who,
          'PATCH',
          `${R}/comments/${await newComment('gha-expert')}`,
          { text: 'edited' },
          { 'if-match': '1' },
        )
      ).status,
    reviewingExpertOnly(403),
  ),
  row(
    'deleteComment',
    "delete the reviewing expert's own comment",
    async (who) => (await call(who, 'DELETE', `${R}/comments/${await newComment('tur-expert')}`)).status,
    { ...reviewingExpertOnly(200), secretariat: 200 },
  ),
  row(
    'deleteComment',
    "delete another reviewer's comment",
    async (who) => (await call(who, 'DELETE', `${R}/comments/${await newComment('gha-expert')}`)).status,
    { ...reviewingExpertOnly(403), secretariat: 200 },
  ),
  row(
    'createResponse',
    'respond to a comment',
    async (who) =>
      (await call(who, 'POST', `${R}/comments/${await newComment()}/responses`, { text: 'Our answer' }))
        .status,
    { ...reviewingExpertOnly(403), reviewedFocal: 201, reviewedExpert: 201 },
  ),
  row(
    'changeCommentStatus',
    'resolve a comment',
    async (who) =>
      (
        await call(who, 'POST', `${R}/comments/${await newComment('gha-expert')}/status`, {
          action: 'resolve',
        })
      ).status,
    reviewingExpertOnly(200),
  ),
  row(
    'getDialogueSummary',
    'read the dashboard',
    async (who) => (await call(who, 'GET', `${R}/dialogue`)).status,
    readers(200),
  ),
  row(
    'markCommentsSeen',
    'mark comments seen',
    async (who) => (await call(who, 'PUT', `${R}/seen`, { commentIds: [await newComment()] })).status,
    readers(200),
  ),
  row(
    'listObservations',
    'read the list of observations',
    async (who) => (await call(who, 'GET', `${R}/observations`)).status,
    readers(200),
  ),
  row(
    'createObservation',
    'draft an entry',
    async (who) =>
      (await call(who, 'POST', `${R}/observations`, { article: 'TIP.5', kind: 'challenge', text: 'Matrix' }))
        .status,
    reviewingExpertOnly(201),
  ),
  row(
    'reviseObservation',
    'revise an entry',
    async (who) =>
      (
        await call(
          who,
          'PATCH',
          `${R}/observations/${await newEntry()}`,
          { action: 'revise', text: 'Revised' },
          { 'if-match': '1' },
        )
      ).status,
    reviewingExpertOnly(200),
  ),
  row(
    'respondToObservation',
    'agree to an entry',
    async (who) =>
      (
        await call(
          who,
          'POST',
          `${R}/observations/${await newEntry()}/responses`,
          { action: 'agree' },
          { 'if-match': '1' },
        )
      ).status,
    { ...reviewingExpertOnly(403), reviewedFocal: 200, reviewedExpert: 200 },
  ),
  row(
    'confirmObservations',
    'confirm the agreed list (secretariat: off-platform agreement)',
    async (who, caller) =>
      (
        await call(
          who,
          'POST',
          '/reviews/C2027.CIV/observations/confirmations',
          caller === 'secretariat' ? { offPlatformNote: 'Agreed in Vienna.' } : {},
        )
      ).status,
    { ...reviewingExpertOnly(403), reviewedFocal: 200, secretariat: 200 },
  ),
  row('exportReview', 'export the review', async (who) => (await call(who, 'GET', `${R}/export`)).status, {
    ...reviewingExpertOnly(403),
    reviewedFocal: 200,
    secretariat: 200,
  }),
];

describe('the dialogue authorization matrix', () => {
  it('covers every dialogue route', () => {
    expect(new Set(ROWS.map((r) => r.operationId))).toEqual(
      new Set(dialogueRoutes.map((r) => r.operationId)),
    );
  });

  // The confirmation row starts from a list whose only entry is agreed.
  beforeAll(async () => {
    const id = await newEntry('/reviews/C2027.CIV');
    const agreed = await call(
      'civ-focal',
      'POST',
      `/reviews/C2027.CIV/observations/${id}/responses`,
      { action: 'agree' },
      {
        'if-match': '1',
      },
    );
    expect(agreed.status).toBe(200);
  });

  for (const r of ROWS) {
    it(`${r.operationId}: ${r.label}`, async () => {
      const actual = {} as Record<Caller, number>;
      for (const [caller, who] of Object.entries(CALLERS) as [Caller, string][])
        actual[caller] = await r.run(who, caller);
      expect(actual).toEqual(r.expected);
    }, 120_000);
  }
});
