/**
 * Who may download an attachment, as a matrix: callers (secretariat, observer, focal point and
 * expert of the reviewed State, experts of the reviewing States, an expert of an unrelated State)
 * × the attachment (given with a response in this review; given with a response on an instrument
 * the caller's seat does not cover; still only part of the draft). 200 = download URL issued (and
 * it serves the confirmed bytes); 403 = may see the review, not this file; 404 = no part in it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'dialogue' });
  // The same parties, but Türkiye's seat covers only the Convention.
  await seedReview({
    cycleId: 'C2027',
    state: 'dialogue',
    seats: [
      { reviewer: 'GHA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'TUR', instruments: ['UNTOC'], reason: 'other-group' },
    ],
  });
  await seedSubmittedVersion('C2026.CIV', 'TIP');
  await seedSubmittedVersion('C2027.CIV', 'TIP');
});
afterAll(() => platform.stop());

const call = apiClient(platform);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n% Arrêté n° 2017-042 (centres d’accueil)\n%%EOF\n', 'utf8');

const uploadConfirmed = async (reviewId: string, name: string): Promise<string> => {
  const base = `/reviews/${reviewId}/self-assessments/TIP/attachments`;
  const ticket = await call('civ-expert', 'POST', base, {
    body: { name, contentType: 'application/pdf', size: PDF.byteLength },
  });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.json.upload.url, {
    method: 'PUT',
    headers: ticket.json.upload.headers,
    body: PDF,
  });
  expect(put.status).toBe(200);
  const id: string = ticket.json.attachment.attachmentId;
  expect((await call('civ-expert', 'POST', `${base}/${id}/confirm`)).status).toBe(200);
  return id;
};

/** A comment by Ghana answered by Côte d'Ivoire with the attachment. */
const respondWith = async (reviewId: string, attachmentId: string) => {
  const comment = await call('gha-expert', 'POST', `/reviews/${reviewId}/comments`, {
    body: {
      anchor: { instrument: 'TIP', article: 'TIP.6', questionId: 'TIP.6.q1', submissionVersion: 1 },
      type: 'clarification-request',
      visibility: 'all',
      text: 'How many shelters are there outside Abidjan?',
    },
  });
  expect(comment.status).toBe(201);
  const res = await call(
    'civ-expert',
    'POST',
    `/reviews/${reviewId}/comments/${comment.json.commentId}/responses`,
    {
      body: { text: 'The decree listing them is attached.', attachment: { attachmentId } },
    },
  );
  expect(res.status).toBe(201);
  expect(res.json.response.attachment).toMatchObject({ attachmentId, sha256: sha256(PDF) });
};

const ids = { response: '', responseUncovered: '', draft: '' };
beforeAll(async () => {
  ids.response = await uploadConfirmed('C2026.CIV', 'arrete-2017-042.pdf');
  await respondWith('C2026.CIV', ids.response);
  ids.responseUncovered = await uploadConfirmed('C2027.CIV', 'arrete-2017-042.pdf');
  await respondWith('C2027.CIV', ids.responseUncovered);
  ids.draft = await uploadConfirmed('C2026.CIV', 'brouillon.pdf');
});

const CALLERS = [
  'secretariat-1',
  'observer-1',
  'civ-focal',
  'civ-expert',
  'gha-expert',
  'tur-expert',
  'bra-expert',
] as const;
type Caller = (typeof CALLERS)[number];

const ROWS: { label: string; reviewId: string; id: keyof typeof ids; expect: Record<Caller, number> }[] = [
  {
    label: 'given with a response: the reviewers it answers may download it',
    reviewId: 'C2026.CIV',
    id: 'response',
    expect: {
      'secretariat-1': 200,
      'observer-1': 403,
      'civ-focal': 200,
      'civ-expert': 200,
      'gha-expert': 200,
      'tur-expert': 200,
      'bra-expert': 404,
    },
  },
  {
    label: 'given with a response on an instrument one reviewer does not cover: not that reviewer',
    reviewId: 'C2027.CIV',
    id: 'responseUncovered',
    expect: {
      'secretariat-1': 200,
      'observer-1': 403,
      'civ-focal': 200,
      'civ-expert': 200,
      'gha-expert': 200,
      'tur-expert': 403,
      'bra-expert': 404,
    },
  },
  {
    label: 'only part of the draft: the reviewed State alone',
    reviewId: 'C2026.CIV',
    id: 'draft',
    expect: {
      'secretariat-1': 403,
      'observer-1': 403,
      'civ-focal': 200,
      'civ-expert': 200,
      'gha-expert': 403,
      'tur-expert': 403,
      'bra-expert': 404,
    },
  },
];

describe('attachment downloads: role × attachment', () => {
  for (const row of ROWS) {
    it(row.label, async () => {
      const got: Record<string, number> = {};
      for (const who of CALLERS) {
        const res = await call(
          who,
          'GET',
          `/reviews/${row.reviewId}/self-assessments/TIP/attachments/${ids[row.id]}`,
        );
        got[who] = res.status;
        if (res.status === 200) {
          const file = await fetch(res.json.download.url);
          expect(sha256(new Uint8Array(await file.arrayBuffer())), who).toBe(sha256(PDF));
        }
      }
      expect(got).toEqual(row.expect);
    });
  }
});
