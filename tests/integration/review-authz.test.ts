/**
 * The authorization matrix of the `reviews` routes over HTTP: every route × role × (own review,
 * another review), each cell asserted by status. "Own" is a review of CIV by GHA and TUR; "other"
 * a review of NZL by FRA and JPN, in which no demo State takes part. Each cell gets fresh reviews,
 * so an allowed change never depends on the order of the cells. For the `/me/...` routes there is
 * no other person's data to address (the caller is the only key); a separate test shows that.
 * For the cycle routes, "other" is a cycle whose only review the demo States take no part in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/http/routes.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());

const ROLES = [
  'secretariat-1',
  'observer-1',
  'civ-focal',
  'civ-expert',
  'tur-focal',
  'tur-expert',
  'bra-expert',
] as const;
type Sub = (typeof ROLES)[number];

let n = 0;
/** Fresh reviews, each in its own cycle: `own` (CIV by GHA, TUR) and `other` (NZL by FRA, JPN). */
const freshReviews = async () => {
  n += 1;
  const cycleId = `AZ${n}`;
  const own = await seedReview({ cycleId });
  const other = await seedReview({
    cycleId: `${cycleId}O`,
    reviewedState: 'NZL',
    seats: [
      { reviewer: 'FRA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'JPN', instruments: ['UNTOC', 'TIP'], reason: 'other-group' },
    ],
    reviewerStates: ['FRA', 'JPN'],
  });
  return { own, other };
};

const call = async (
  sub: Sub | null,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) => {
  const headers: Record<string, string> = { ...extra };
  if (sub) headers.authorization = `Bearer ${await platform.tokenFor(sub)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

interface Cell {
  reviewId: string;
  reviewedState: string;
  cycleId: string;
  sub: Sub;
}
interface RouteCase {
  operationId: string;
  request: (c: Cell) => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  /** Expected status per role, in ROLES order. */
  own: readonly number[];
  /** null: the route addresses only the caller's own data (`/me/...`), there is no "other". */
  other: readonly number[] | null;
}

const focalOf: Partial<Record<Sub, boolean>> = { 'civ-focal': true, 'tur-focal': true };

const CASES: readonly RouteCase[] = [
  {
    operationId: 'getReview',
    request: (c) => ({ method: 'GET', path: `/reviews/${c.reviewId}` }),
    own: [200, 200, 200, 200, 200, 200, 404],
    other: [200, 200, 404, 404, 404, 404, 404],
  },
  {
    operationId: 'acknowledgeAssignment',
    request: (c) => ({ method: 'POST', path: `/reviews/${c.reviewId}/acknowledgements` }),
    own: [403, 403, 403, 403, 201, 403, 404],
    other: [403, 403, 404, 404, 404, 404, 404],
  },
  {
    operationId: 'nameContacts',
    request: (c) => ({
      method: 'PUT',
      path: `/reviews/${c.reviewId}/contacts`,
      body:
        c.sub === 'secretariat-1'
          ? {
              state: c.reviewedState,
              focalPoint: `focal-point@${c.reviewedState}`,
              experts: [`expert@${c.reviewedState}`],
            }
          : { experts: focalOf[c.sub] ? [`expert@${c.sub === 'civ-focal' ? 'CIV' : 'TUR'}`] : [] },
    }),
    own: [200, 403, 200, 403, 200, 403, 404],
    other: [200, 403, 404, 404, 404, 404, 404],
  },
  {
    operationId: 'transitionReview',
    request: (c) => ({
      method: 'POST',
      path: `/reviews/${c.reviewId}/transitions`,
      body: { transition: 'submit-self-assessment' },
      headers: { 'if-match': '1' },
    }),
    own: [200, 403, 403, 403, 403, 403, 404],
    other: [200, 403, 404, 404, 404, 404, 404],
  },
  {
    operationId: 'extendDeadline',
    request: (c) => ({
      method: 'POST',
      path: `/reviews/${c.reviewId}/deadlines/experts/extensions`,
      body: { to: '2027-01-01T00:00:00.000Z', reason: 'late ratification' },
    }),
    own: [201, 403, 403, 403, 403, 403, 404],
    other: [201, 403, 404, 404, 404, 404, 404],
  },
  {
    operationId: 'listReviewAudit',
    request: (c) => ({ method: 'GET', path: `/reviews/${c.reviewId}/audit` }),
    own: [200, 403, 403, 403, 403, 403, 403],
    other: [200, 403, 403, 403, 403, 403, 403],
  },
  {
    operationId: 'listMyReviews',
    request: (c) => ({ method: 'GET', path: `/me/reviews?cycleId=${c.cycleId}` }),
    own: [200, 200, 200, 200, 200, 200, 200],
    other: [200, 200, 200, 200, 200, 200, 200],
  },
  {
    operationId: 'listOverdue',
    request: (c) => ({ method: 'GET', path: `/cycles/${c.cycleId}/overdue` }),
    own: [200, 200, 403, 403, 403, 403, 403],
    other: [200, 200, 403, 403, 403, 403, 403],
  },
  {
    operationId: 'getNotificationPreferences',
    request: () => ({ method: 'GET', path: '/me/notification-preferences' }),
    own: [200, 200, 200, 200, 200, 200, 200],
    other: null,
  },
  {
    operationId: 'putNotificationPreferences',
    request: () => ({ method: 'PUT', path: '/me/notification-preferences', body: { comment: 'off' } }),
    own: [200, 200, 200, 200, 200, 200, 200],
    other: null,
  },
  {
    operationId: 'listMyNotifications',
    request: () => ({ method: 'GET', path: '/me/notifications' }),
    own: [200, 200, 200, 200, 200, 200, 200],
    other: null,
  },
  {
    operationId: 'markNotificationsRead',
    request: () => ({ method: 'POST', path: '/me/notifications/read', body: {} }),
    own: [200, 200, 200, 200, 200, 200, 200],
    other: null,
  },
];

describe('authorization of the reviews routes over HTTP', () => {
  it('covers every route of the reviews function', () => {
    const declared = ROUTES.filter((r) => r.fn === 'reviews').map((r) => r.operationId);
    expect(CASES.map((c) => c.operationId).sort()).toEqual([...declared].sort());
  });

  for (const rc of CASES) {
    for (const which of ['own', 'other'] as const) {
      const expected = rc[which];
      if (!expected) continue;
      it(`${rc.operationId} on ${which === 'own' ? 'a review of the caller' : 'another review'}: ${expected.join(' ')}`, async () => {
        const statuses: number[] = [];
        for (const sub of ROLES) {
          const { own, other } = await freshReviews();
          const r = which === 'own' ? own : other;
          const req = rc.request({
            reviewId: r.reviewId,
            reviewedState: r.reviewedState,
            cycleId: r.cycleId,
            sub,
          });
          statuses.push((await call(sub, req.method, req.path, req.body, req.headers)).status);
        }
        expect(statuses).toEqual(expected);
      });
    }
  }

  it('refuses every route to an anonymous caller with 401', async () => {
    const { own } = await freshReviews();
    for (const rc of CASES) {
      const req = rc.request({
        reviewId: own.reviewId,
        reviewedState: 'CIV',
        cycleId: own.cycleId,
        sub: 'civ-focal',
      });
      expect((await call(null, req.method, req.path, req.body, req.headers)).status, rc.operationId).toBe(
        401,
      );
    }
  });

  it('shows on the dashboard only the reviews the caller takes part in', async () => {
    const { own, other } = await freshReviews();
    const seen: Record<string, string[][]> = {};
    for (const sub of ROLES) {
      seen[sub] = [];
      for (const cycleId of [own.cycleId, other.cycleId]) {
        const res = await call(sub, 'GET', `/me/reviews?cycleId=${cycleId}`);
        seen[sub].push((res.body.reviews as { reviewId: string }[]).map((r) => r.reviewId));
      }
    }
    const mine = [[own.reviewId], []];
    expect(seen).toEqual({
      'secretariat-1': [[own.reviewId], [other.reviewId]],
      'observer-1': [[own.reviewId], [other.reviewId]],
      'civ-focal': mine,
      'civ-expert': mine,
      'tur-focal': mine,
      'tur-expert': mine,
      'bra-expert': [[], []],
    });
  });

  it("keeps each person's preferences their own", async () => {
    await call('tur-expert', 'PUT', '/me/notification-preferences', { response: 'off' });
    expect((await call('tur-expert', 'GET', '/me/notification-preferences')).body.response).toBe('off');
    expect((await call('gha-expert' as Sub, 'GET', '/me/notification-preferences')).body.response).toBe(
      'immediate',
    );
  });
});
