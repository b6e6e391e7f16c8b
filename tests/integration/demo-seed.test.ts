/**
 * The demo of `npm start` as the README describes it: in the seeded cycle Ghana and Türkiye
 * review Côte d'Ivoire, so the demo accounts play the reviewer role; Brazil has no part; the
 * sign-in lists any State's accounts next to the fixed demo users; the addresses people type
 * (`/login`, `/public`, `/favicon.ico`) lead to the UI, not to a JSON 404.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_NAME, seedDemo } from '../../scripts/local/seed.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(seedDemo);
const call = apiClient(platform);
afterAll(() => platform.stop());

const myReviews = async (sub: string) => {
  const { json } = await call(sub, 'GET', '/cycles');
  const demo = json.cycles.find((c: { name: string }) => c.name === DEMO_CYCLE_NAME);
  const res = await call(sub, 'GET', `/me/reviews?cycleId=${encodeURIComponent(demo.cycleId)}`);
  return res.json.reviews as { reviewedState: string; reviewerStates: string[]; relation: string }[];
};

describe('the seeded demo', () => {
  it('has Ghana and Türkiye review Côte d’Ivoire', async () => {
    const civ = (await myReviews('civ-focal')).find((r) => r.reviewedState === 'CIV');
    expect(civ?.relation).toBe('reviewed');
    expect([...(civ?.reviewerStates ?? [])].sort()).toEqual(['GHA', 'TUR']);
    for (const sub of ['tur-expert', 'gha-focal']) {
      const asReviewer = (await myReviews(sub)).find((r) => r.reviewedState === 'CIV');
      expect(asReviewer?.relation, sub).toBe('reviewer');
    }
    expect((await myReviews('bra-expert')).some((r) => r.reviewedState === 'CIV')).toBe(false);
  });

  it('offers every registered State for the any-State demo accounts at sign-in', async () => {
    const { status, json } = await call(null, 'GET', '/dev/users');
    expect(status).toBe(200);
    expect(json.users.some((u: { sub: string }) => u.sub === 'civ-focal')).toBe(true);
    expect(json.states.length).toBeGreaterThan(150);
    expect(json.states).toContainEqual({ iso3: 'KEN', name: 'Kenya' });
    const signIn = await call(null, 'POST', '/dev/sign-in', { body: { sub: 'expert@KEN' } });
    expect(signIn.json.user).toMatchObject({ role: 'expert', state: 'KEN' });
  });
});

describe('the addresses people type', () => {
  it('lead to the UI instead of a JSON 404', async () => {
    const get = (path: string) => fetch(`${platform.url}${path}`, { redirect: 'manual' });
    for (const [path, to] of [
      ['/login', '/ui/'],
      ['/public', '/ui/#/public'],
      ['/', '/ui/'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(to);
    }
    expect((await get('/favicon.ico')).status).toBe(204);
    // The API's own public routes are untouched.
    expect((await get('/public/summaries')).status).toBe(200);
  });
});
