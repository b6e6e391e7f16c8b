/**
 * Search over HTTP (`GET /search`), least privilege as a matrix: each role × kind × (own review,
 * other review), asserted by what comes back. "Own" is a review of CIV by GHA and TUR, "other" a
 * review of NZL by FRA and JPN, in which no demo State takes part. Each holds a comment for the
 * reviewers only, a comment for everyone and an observation, all with the word "kestrel": a hit
 * appears exactly when the screen it leads to would show it (review.read, comment.read with the
 * comment's visibility, observations.read). Then the query's 4xx naming its field, and 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '#shared/domain/search.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { importStates } from '#shared/repos/registry.ts';
import { SEED_PRINCIPAL } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const OWN = 'S1.CIV';
const OTHER = 'S1O.NZL';

const platform = await useLocalPlatform(async () => {
  // The registry gives the States' names the reviews are found by.
  const parties = new Set(['CIV', 'GHA', 'TUR', 'NZL', 'FRA', 'JPN', 'BRA']);
  await importStates(
    loadReferenceData().states.filter((s) => parties.has(s.iso3)),
    { principal: SEED_PRINCIPAL, now: new Date(), action: 'registry.import' },
  );
  await seedReview({ cycleId: 'S1', state: 'dialogue' });
  await seedReview({
    cycleId: 'S1O',
    reviewedState: 'NZL',
    state: 'dialogue',
    seats: [
      { reviewer: 'FRA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'JPN', instruments: ['UNTOC', 'TIP'], reason: 'other-group' },
    ],
    reviewerStates: ['FRA', 'JPN'],
  });
  await seedSubmittedVersion(OWN, 'TIP');
  await seedSubmittedVersion(OTHER, 'TIP');
});
afterAll(() => platform.stop());

const call = async (who: string | null, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${await platform.tokenFor(who)}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the assertions read the fields they check
  return { status: res.status, body: (await res.json()) as any };
};

const anchor = { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 };
const comment = async (who: string, reviewId: string, visibility: 'reviewers' | 'all', text: string) => {
  const res = await call(who, 'POST', `/reviews/${reviewId}/comments`, {
    anchor,
    type: 'clarification-request',
    visibility,
    text,
  });
  expect(res.status, text).toBe(201);
};
const observation = async (who: string, reviewId: string, text: string) => {
  const res = await call(who, 'POST', `/reviews/${reviewId}/observations`, {
    article: 'TIP.5',
    kind: 'challenge',
    text,
  });
  expect(res.status, text).toBe(201);
};

beforeAll(async () => {
  await comment('tur-expert', OWN, 'reviewers', 'Kestrel: among the reviewers only.');
  await comment('tur-expert', OWN, 'all', 'Kestrel: which article criminalizes trafficking?');
  await observation('gha-expert', OWN, 'Kestrel: statistics on prosecutions are not collected.');
  await comment('expert@FRA', OTHER, 'reviewers', 'Kestrel: other review, reviewers only.');
  await comment('expert@FRA', OTHER, 'all', 'Kestrel: other review, for New Zealand.');
  await observation('expert@JPN', OTHER, 'Kestrel: other review observation.');
});

const search = async (who: string, q: string) => {
  const res = await call(who, 'GET', `/search?q=${encodeURIComponent(q)}`);
  expect(res.status, `${who} searching ${q}`).toBe(200);
  return res.body as SearchResult;
};

/** Per kind and review, what a role finds: reviewers-only comment, comment for all, observation. */
interface Seen {
  comments: { own: number; other: number };
  observations: { own: number; other: number };
  reviews: { own: boolean; other: boolean };
}
const seen = (c: [number, number], o: [number, number], r: [boolean, boolean]): Seen => ({
  comments: { own: c[0], other: c[1] },
  observations: { own: o[0], other: o[1] },
  reviews: { own: r[0], other: r[1] },
});

const MATRIX: Record<string, Seen> = {
  // Every review, every comment and every list.
  'secretariat-1': seen([2, 2], [1, 1], [true, true]),
  // Observers follow every review but read neither comments nor lists.
  'observer-1': seen([0, 0], [0, 0], [true, true]),
  // The reviewed State: its own review, the comments meant for it and its list.
  'civ-focal': seen([1, 0], [1, 0], [true, false]),
  'civ-expert': seen([1, 0], [1, 0], [true, false]),
  // A reviewing State: its review's comments (both audiences) and list.
  'tur-expert': seen([2, 0], [1, 0], [true, false]),
  'gha-focal': seen([2, 0], [1, 0], [true, false]),
  // A State in neither review: nothing of them.
  'bra-expert': seen([0, 0], [0, 0], [false, false]),
};

describe('search over HTTP', () => {
  for (const [who, expected] of Object.entries(MATRIX)) {
    it(`finds for ${who} only what ${who} may open (own / other review)`, async () => {
      const found = await search(who, 'kestrel');
      const count = (hits: { reviewId: string }[], reviewId: string) =>
        hits.filter((h) => h.reviewId === reviewId).length;
      // Reviews by the words of their States' names (the reviewed and a reviewing State).
      const reviews = [
        ...(await search(who, 'Côte d’Ivoire Ghana')).reviews.hits,
        ...(await search(who, 'new zealand japan')).reviews.hits,
      ].map((r) => r.reviewId);
      expect({
        comments: { own: count(found.comments.hits, OWN), other: count(found.comments.hits, OTHER) },
        observations: {
          own: count(found.observations.hits, OWN),
          other: count(found.observations.hits, OTHER),
        },
        reviews: { own: reviews.includes(OWN), other: reviews.includes(OTHER) },
      }).toEqual(expected);
    });
  }

  it('names hits in words: the State, the cycle, the observation by its number, an excerpt', async () => {
    const found = await search('tur-expert', 'KESTREL statistics');
    expect(found.observations.hits).toEqual([
      {
        reviewId: OWN,
        reviewedState: 'CIV',
        observationId: expect.any(String),
        number: 1,
        article: 'TIP.5',
        kind: 'challenge',
        status: 'draft',
        excerpt: 'Kestrel: statistics on prosecutions are not collected.',
      },
    ]);
    expect(found.comments.hits).toEqual([]);
    const states = await search('bra-expert', 'cote d ivoire');
    expect(states.states.hits).toEqual([{ iso3: 'CIV', name: expect.stringMatching(/^C[oô]te d/) }]);
    const review = (await search('civ-focal', 'CIV')).reviews.hits.find((r) => r.reviewId === OWN);
    expect(review).toMatchObject({
      cycleId: 'S1',
      reviewedState: 'CIV',
      relation: 'reviewed',
      state: 'dialogue',
    });
  });

  it('keeps to the limit per kind and says there is more', async () => {
    const res = await call('secretariat-1', 'GET', '/search?q=kestrel&kinds=comments&limit=3');
    expect(res.status).toBe(200);
    expect(res.body.comments.hits).toHaveLength(3);
    expect(res.body.comments.more).toBe(true);
    expect(res.body.observations).toEqual({ hits: [], more: false });
  });

  it('refuses a query it cannot run with a 400 naming the field, and an anonymous caller with 401', async () => {
    const short = await call('tur-expert', 'GET', '/search?q=k');
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('q');
    expect(JSON.stringify(short.body)).toContain('at least 2 characters');
    const kinds = await call('tur-expert', 'GET', '/search?q=kestrel&kinds=people');
    expect(kinds.status).toBe(400);
    expect(JSON.stringify(kinds.body)).toContain('kinds');
    const limit = await call('tur-expert', 'GET', '/search?q=kestrel&limit=500');
    expect(limit.status).toBe(400);
    expect(JSON.stringify(limit.body)).toContain('limit');
    expect((await call(null, 'GET', '/search?q=kestrel')).status).toBe(401);
  });
});
