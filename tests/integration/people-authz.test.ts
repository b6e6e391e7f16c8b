/**
 * The authorization matrix of the people routes over HTTP: route × role × (a person of the
 * caller's State, a person of another State), each cell asserted by status. "Own" is a CIV
 * person, "other" an NZL person (no demo State is NZL). Every cell gets fresh people, so an
 * allowed change never depends on the order of the cells.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());

const ROLES = ['secretariat-1', 'observer-1', 'civ-focal', 'civ-expert', 'bra-expert', null] as const;
type Sub = (typeof ROLES)[number];

const call = async (sub: Sub, method: string, path: string, body?: unknown) => {
  const headers: Record<string, string> = {};
  if (sub) headers.authorization = `Bearer ${await platform.tokenFor(sub)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

let n = 0;
/** A fresh nominated person of `state`, and their nomination. */
const freshPerson = async (state: 'CIV' | 'NZL') => {
  n += 1;
  const res = await call('secretariat-1', 'POST', '/nominations', {
    state,
    noteReference: `NV/${n}`,
    noteDate: '2026-01-20',
    people: [
      {
        profile: { name: `P${n}`, email: `p${n}@${state.toLowerCase()}.example` },
        role: 'expert',
        reviewId: null,
      },
    ],
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const body = res.body as { nomination: { nominationId: string }; people: { personId: string }[] };
  return { personId: body.people[0]?.personId ?? '', nominationId: body.nomination.nominationId };
};

type Request = (x: { personId: string; nominationId: string }) => {
  method: string;
  path: string;
  body?: unknown;
};

/** Route → request, and the expected status per role (order of ROLES) for own and other people. */
const MATRIX: { name: string; request: Request; own: number[]; other: number[] }[] = [
  {
    name: 'getPerson',
    request: ({ personId }) => ({ method: 'GET', path: `/people/${personId}` }),
    own: [200, 404, 200, 200, 404, 401],
    other: [200, 404, 404, 404, 404, 401],
  },
  {
    name: 'updatePerson',
    request: ({ personId }) => ({
      method: 'PATCH',
      path: `/people/${personId}`,
      body: { expectedVersion: 1, changes: { title: 'Judge' } },
    }),
    own: [200, 403, 403, 403, 403, 401],
    other: [200, 403, 403, 403, 403, 401],
  },
  {
    name: 'getPersonHistory',
    request: ({ personId }) => ({ method: 'GET', path: `/people/${personId}/history` }),
    own: [200, 403, 403, 403, 403, 401],
    other: [200, 403, 403, 403, 403, 401],
  },
  {
    // Allowed for the secretariat: 409 because the person has not activated yet (nothing changes).
    name: 'approvePerson',
    request: ({ personId }) => ({
      method: 'POST',
      path: `/people/${personId}/approval`,
      body: { expectedVersion: 1 },
    }),
    own: [409, 403, 403, 403, 403, 401],
    other: [409, 403, 403, 403, 403, 401],
  },
  {
    name: 'deactivatePerson',
    request: ({ personId }) => ({
      method: 'POST',
      path: `/people/${personId}/deactivation`,
      body: { reason: 'left' },
    }),
    own: [200, 403, 403, 403, 403, 401],
    other: [200, 403, 403, 403, 403, 401],
  },
  {
    name: 'sendInvitation',
    request: ({ personId }) => ({ method: 'POST', path: '/invitations', body: { personId } }),
    own: [201, 403, 403, 403, 403, 401],
    other: [201, 403, 403, 403, 403, 401],
  },
  {
    name: 'listInvitations',
    request: ({ personId }) => ({ method: 'GET', path: `/invitations?personId=${personId}` }),
    own: [200, 403, 403, 403, 403, 401],
    other: [200, 403, 403, 403, 403, 401],
  },
  {
    name: 'getNomination',
    request: ({ nominationId }) => ({ method: 'GET', path: `/nominations/${nominationId}` }),
    own: [200, 403, 403, 403, 403, 401],
    other: [200, 403, 403, 403, 403, 401],
  },
];

describe('people routes: role × route × own/other State', () => {
  for (const row of MATRIX) {
    for (const which of ['own', 'other'] as const) {
      it(`${row.name} on a person of ${which === 'own' ? "the callers' State (CIV)" : 'another State (NZL)'}: ${row[which].join(' ')}`, async () => {
        const got: number[] = [];
        for (const sub of ROLES) {
          const x = await freshPerson(which === 'own' ? 'CIV' : 'NZL');
          const r = row.request(x);
          got.push((await call(sub, r.method, r.path, r.body)).status);
        }
        expect(got).toEqual(row[which]);
      });
    }
  }

  it('keeps the collection routes to those who may: list (filtered), register, nominate', async () => {
    const person = { profile: { name: 'S', email: `s${Date.now()}@un.example` }, role: 'secretariat' };
    const statuses = async (method: string, path: string, body?: (i: number) => unknown) => {
      const out: number[] = [];
      for (const [i, sub] of ROLES.entries()) out.push((await call(sub, method, path, body?.(i))).status);
      return out;
    };
    expect(await statuses('GET', '/people')).toEqual([200, 200, 200, 200, 200, 401]);
    expect(
      await statuses('POST', '/people', (i) => ({
        ...person,
        profile: { ...person.profile, email: `r${i}-${person.profile.email}` },
      })),
    ).toEqual([201, 403, 403, 403, 403, 401]);
    expect(await statuses('GET', '/nominations')).toEqual([200, 403, 403, 403, 403, 401]);
    expect(
      await statuses('POST', '/nominations', (i) => ({
        state: 'CIV',
        noteReference: 'NV',
        noteDate: '2026-01-01',
        people: [
          {
            profile: { name: 'N', email: `n${i}-${Date.now()}@civ.example` },
            role: 'observer',
            reviewId: null,
          },
        ],
      })),
    ).toEqual([201, 403, 403, 403, 403, 401]);
    // The activation routes need no sign-in: a link that is not one is refused the same for all.
    expect(
      await statuses('POST', '/invitations/lookup', () => ({
        token: '00000000-0000-0000-0000-000000000000.x',
      })),
    ).toEqual([410, 410, 410, 410, 410, 410]);
  });

  it("lists only the caller's State's people to a State's people", async () => {
    await freshPerson('CIV');
    await freshPerson('NZL');
    const civ = (await call('civ-expert', 'GET', '/people')).body.people as { state: string }[];
    expect(civ.length).toBeGreaterThan(0);
    expect(new Set(civ.map((p) => p.state))).toEqual(new Set(['CIV']));
    const all = (await call('secretariat-1', 'GET', '/people')).body.people as { state: string }[];
    expect(new Set(all.map((p) => p.state))).toEqual(new Set(['CIV', 'NZL', null]));
  });
});
