/**
 * Hardening: bearer tokens. The local gateway verifies tokens as the API Gateway JWT authorizer
 * does (HS256 only, issuer, audience, expiry); the handler then parses the claims into a
 * principal. Forged, expired, unsigned or mis-addressed tokens get 401; valid tokens whose claims
 * do not describe a real role get 401; valid users acting outside their rights get 403 or 404.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIMS } from '#shared/auth/principal.ts';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedReview({ state: 'dialogue' });
});
afterAll(() => platform.stop());

const REVIEW_PATH = '/reviews/C2026.CIV';
const { secret, issuer, audience } = platform.tokens;

const get = (path: string, authorization?: string) =>
  fetch(`${platform.url}${path}`, { headers: authorization ? { authorization } : {} });

const expect401 = async (res: Response, reason?: string) => {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe('UNAUTHORIZED');
  if (reason) expect(body.error.message).toContain(reason);
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Claims {
  sub?: string;
  role?: string;
  state?: string;
  name?: string;
}

/** A token signed like the dev sign-in, with each part overridable. */
const craft = async (
  claims: Claims = {},
  opts: {
    key?: Uint8Array;
    alg?: string;
    iss?: string;
    aud?: string;
    exp?: number | string;
    nbf?: number | string;
  } = {},
) => {
  const payload: Record<string, unknown> = {
    [CLAIMS.role]: claims.role ?? 'expert',
    [CLAIMS.state]: claims.state ?? 'TUR',
    [CLAIMS.name]: claims.name ?? 'Test user',
  };
  let jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? 'tur-expert')
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? audience)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '1h');
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  return jwt.sign(opts.key ?? secret);
};

describe('tokens the gateway must refuse (401)', () => {
  it('accepts the well-formed control token, so the refusals below are about the token alone', async () => {
    const res = await get(REVIEW_PATH, `Bearer ${await craft()}`);
    expect(res.status).toBe(200);
  });

  it('refuses a request with no Authorization header', async () => {
    await expect401(await get(REVIEW_PATH), 'bearer token required');
  });

  it('refuses a token sent under another scheme than Bearer', async () => {
    await expect401(await get(REVIEW_PATH, `Basic ${await craft()}`), 'bearer token required');
  });

  it('refuses an expired token, saying it expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft({}, { exp: now - 60 })}`), 'expired');
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft({}, { nbf: now + 3600 })}`));
  });

  it('refuses a token signed with another key', async () => {
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft({}, { key: randomBytes(32) })}`), 'invalid');
  });

  it('refuses an unsigned token (alg: none), with and without a trailing signature part', async () => {
    const header = b64url({ alg: 'none', typ: 'JWT' });
    const now = Math.floor(Date.now() / 1000);
    const payload = b64url({
      sub: 'secretariat-1',
      [CLAIMS.role]: 'secretariat',
      [CLAIMS.state]: '',
      iss: issuer,
      aud: audience,
      iat: now,
      exp: now + 3600,
    });
    await expect401(await get(REVIEW_PATH, `Bearer ${header}.${payload}.`));
    await expect401(await get(REVIEW_PATH, `Bearer ${header}.${payload}`));
  });

  it('refuses a token signed with the right key under another HMAC algorithm (HS512)', async () => {
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft({}, { alg: 'HS512' })}`));
  });

  it('refuses a token for another issuer, naming the iss claim', async () => {
    await expect401(
      await get(REVIEW_PATH, `Bearer ${await craft({}, { iss: 'https://evil.example' })}`),
      'iss',
    );
  });

  it('refuses a token for another audience, naming the aud claim', async () => {
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft({}, { aud: 'another-app' })}`), 'aud');
  });

  it('refuses a valid token whose payload was edited (role raised to secretariat) under its original signature', async () => {
    const token = await platform.tokenFor('bra-expert');
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const raised = b64url({ ...claims, [CLAIMS.role]: 'secretariat', [CLAIMS.state]: '' });
    await expect401(await get(REVIEW_PATH, `Bearer ${h}.${raised}.${s}`), 'invalid');
    // The unedited token works: only the edit made it fail.
    expect((await get('/states/CIV', `Bearer ${token}`)).status).toBe(200);
  });

  it('refuses a valid token whose State claim was edited to the reviewed State under its original signature', async () => {
    const token = await platform.tokenFor('bra-expert');
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const moved = b64url({ ...claims, [CLAIMS.state]: 'TUR' });
    await expect401(await get(REVIEW_PATH, `Bearer ${h}.${moved}.${s}`), 'invalid');
  });

  it('refuses garbage and oversized tokens without a server error', async () => {
    for (const junk of ['x', 'a.b.c', '...', `${'A'.repeat(8000)}.${'B'.repeat(8000)}.C`, 'eyJ.eyJ.%00']) {
      await expect401(await get(REVIEW_PATH, `Bearer ${junk}`));
    }
  });
});

describe('correctly signed tokens whose claims describe no real user (401)', () => {
  it.each([
    ['a role that does not exist', { role: 'admin', state: '' }],
    ['a role in another case', { role: 'Secretariat', state: '' }],
    ['a focal point without a State', { role: 'focal-point', state: '' }],
    ['an expert without a State', { role: 'expert', state: '' }],
    ['a State claim that is not an ISO3 code', { role: 'expert', state: 'tur' }],
    ['a State claim with traversal', { role: 'expert', state: '../CIV' }],
    ['an empty subject', { sub: '', role: 'secretariat', state: '' }],
    ['a subject longer than 128 characters', { sub: 's'.repeat(129), role: 'secretariat', state: '' }],
  ] as const)('refuses %s', async (_name, claims: Claims) => {
    await expect401(await get(REVIEW_PATH, `Bearer ${await craft(claims)}`), 'claims are not valid');
  });
});

describe('valid users acting outside their rights (403 or 404)', () => {
  const as = async (
    sub: string,
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await platform.tokenFor(sub)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('hides a review from an expert of a State with no part in it (404, as if it did not exist)', async () => {
    const res = await as('bra-expert', 'GET', REVIEW_PATH);
    expect(res.status).toBe(404);
    // A token for that State signed by the platform but naming another State's user does not help.
    const other = await get(REVIEW_PATH, `Bearer ${await craft({ sub: 'tur-expert', state: 'BRA' })}`);
    expect(other.status).toBe(404);
  });

  it('refuses cycle creation to a focal point and to an observer (403)', async () => {
    const body = {
      name: 'Not mine to start',
      mechanism: 'untoc',
      year: 2026,
      instruments: ['UNTOC'],
      underReview: ['CIV'],
    };
    for (const sub of ['civ-focal', 'observer-1', 'gha-expert']) {
      const res = await as(sub, 'POST', '/cycles', body);
      expect(res.status, sub).toBe(403);
      expect(ErrorBodySchema.parse(await res.json()).error.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses a registry edit to anyone but the secretariat (403)', async () => {
    // With the version read, so the refusal is about the role (without it the edge says 428 first).
    const res = await as('civ-focal', 'PATCH', '/states/CIV', { name: 'Renamed' }, { 'if-match': '1' });
    expect(res.status).toBe(403);
    const ok = await as('secretariat-1', 'GET', '/states/CIV');
    expect(((await ok.json()) as { name: string }).name).not.toBe('Renamed');
  });

  it('refuses a comment from the reviewed State’s focal point and from the observer (403)', async () => {
    const comment = {
      anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
      type: 'clarification-request',
      visibility: 'all',
      text: 'Not allowed to ask this',
    };
    for (const sub of ['civ-focal', 'observer-1']) {
      const res = await as(sub, 'POST', `${REVIEW_PATH}/comments`, comment);
      expect([403, 404], sub).toContain(res.status);
      expect(res.status, sub).not.toBe(201);
    }
  });
});

describe('the handler itself, without the gateway', () => {
  it('refuses an event that reaches a user route with no verified claims (401), so a misconfigured authorizer fails closed', async () => {
    const { handler } = await import('#functions/reviews.ts');
    const result = await handler(
      {
        version: '2.0',
        routeKey: 'GET /reviews/{reviewId}',
        rawPath: REVIEW_PATH,
        rawQueryString: '',
        headers: {},
        pathParameters: { reviewId: 'C2026.CIV' },
        isBase64Encoded: false,
        requestContext: { requestId: 'no-claims', routeKey: 'GET /reviews/{reviewId}' },
      } as never,
      {} as never,
    );
    expect(result?.statusCode).toBe(401);
    expect(ErrorBodySchema.parse(JSON.parse(result?.body ?? '{}')).error.code).toBe('UNAUTHORIZED');
  });
});
