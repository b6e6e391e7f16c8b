/**
 * Hardening: property-based fuzzing of every route of the route table over HTTP (local gateway →
 * real handlers → embedded DynamoDB and S3). Random path parameters (traversal, encoded dots,
 * control characters, very long and non-Latin strings), random query strings and random JSON
 * bodies (any JSON, and the schema's own fields with wrong types) are sent with valid tokens of
 * roles likely to pass authorization. Whatever is sent, the platform never answers 5xx, and every
 * error is a JSON `{error:{code,message}}` whose message names the problem.
 * New routes are covered automatically: the test iterates ROUTES.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedReview({ state: 'dialogue' });
});
afterAll(() => platform.stop());

/** A secretariat officer, an expert of a reviewing State and the reviewed State's focal point. */
const TOKENS = await Promise.all(
  ['secretariat-1', 'gha-expert', 'civ-focal'].map((s) => platform.tokenFor(s)),
);

/** Runs per route: 69 routes × this many requests keeps the file well under a minute. */
const RUNS_PER_ROUTE = 12;

/** Values that reach past validation into the use cases (the seeded review and its parts). */
const PLAUSIBLE: Record<string, string[]> = {
  reviewId: ['C2026.CIV', 'C2026.GHA'],
  cycleId: ['C2026'],
  drawId: ['D1'],
  iso3: ['CIV', 'GHA'],
  instrument: ['TIP', 'UNTOC'],
  version: ['1', '2'],
  commentId: ['c1'],
  observationId: ['o1'],
  attachmentId: ['a1'],
};

const HOSTILE = [
  '..',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%2e%2e%2f%2e%2e',
  '..\\..\\windows\\win.ini',
  'C2026.CIV/../../C2026.GHA',
  '\u0000',
  'a\u0000b',
  '\r\nX-Injected: 1',
  '\u001b[31m',
  '\u202etxt.exe',
  '\ufeff',
  'x'.repeat(1000),
  'é'.repeat(200),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, sent literally
  '${jndi:ldap://x}',
  '-1',
  '1e309',
  'NaN',
  '0x10',
  ' ',
  '%',
  '%zz',
];

/** Strings without lone surrogates (they cannot be percent-encoded at all). */
const anyText = fc
  .string({ unit: 'binary', maxLength: 40 })
  .filter((s) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));

const paramValue = (name: string, schema: z.ZodType | undefined): fc.Arbitrary<string> => {
  const options = schema instanceof z.ZodEnum ? (schema.options as string[]) : [];
  const plausible = [...(PLAUSIBLE[name] ?? []), ...options];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE), weight: 3 },
    { arbitrary: anyText, weight: 2 },
    ...(plausible.length ? [{ arbitrary: fc.constantFrom(...plausible), weight: 3 }] : []),
  );
};

/** How a value goes into the URL: encoded (the usual), double-encoded, or raw (the client resolves dots). */
const encoding = fc.constantFrom('encoded', 'encoded', 'double', 'raw');
const encodeSegment = (value: string, how: string): string => {
  if (how === 'double') return encodeURIComponent(encodeURIComponent(value));
  if (how === 'raw') return value.replace(/[?#]/g, encodeURIComponent);
  return encodeURIComponent(value);
};

const keysOf = (schema: unknown): string[] => {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((o: unknown) => keysOf(o));
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return keysOf(schema.unwrap());
  return [];
};

const json = fc.jsonValue({ maxDepth: 4 });
/** The schema's own fields with values of any JSON type (mostly the wrong one). */
const wrongTypes = (keys: string[]) =>
  keys.length
    ? fc.dictionary(fc.constantFrom(...keys), json, { maxKeys: keys.length })
    : fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

interface Request {
  path: string;
  query: [string, string][];
  body: { kind: 'none' } | { kind: 'json'; value: unknown };
  token: string;
  ifMatch: string | null;
  idempotencyKey: string | null;
}

const requestFor = (route: RouteDef): fc.Arbitrary<Request> => {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const shape = route.params?.shape ?? {};
  const params = fc.tuple(
    ...names.map((n) => fc.tuple(paramValue(n, shape[n] as z.ZodType | undefined), encoding)),
  );
  const queryKeys = keysOf(route.query);
  const query = fc.array(
    fc.tuple(
      fc.oneof(...(queryKeys.length ? [fc.constantFrom(...queryKeys)] : []), fc.string({ maxLength: 10 })),
      fc.oneof(anyText, fc.constantFrom(...HOSTILE), fc.constantFrom('1', '0', '-5', '1000', 'true', 'en')),
    ),
    { maxLength: 4 },
  );
  // fetch cannot send a body with GET; other methods get bodies whether they take one or not.
  const body =
    route.method === 'GET'
      ? fc.constant({ kind: 'none' as const })
      : fc.oneof(
          fc.constant({ kind: 'none' as const }),
          json.map((value) => ({ kind: 'json' as const, value })),
          wrongTypes(keysOf(route.body)).map((value) => ({ kind: 'json' as const, value })),
        );
  return fc.record({
    path: params.map((values) => {
      let i = 0;
      return route.path.replace(/\{[^}]+\}/g, () => {
        const [value, how] = values[i++] ?? ['', 'encoded'];
        return encodeSegment(value, how);
      });
    }),
    query,
    body,
    token: fc.constantFrom(...TOKENS),
    ifMatch: fc.option(
      fc.oneof(fc.constantFrom('"1"', '1', '*', '"0"', 'W/"1"', '-1', '99999999999999999999'), printable),
    ),
    idempotencyKey: fc.option(fc.oneof(fc.constantFrom('fuzz-key-0001', 'short'), printable)),
  });
};

const send = async (route: RouteDef, r: Request) => {
  const qs = new URLSearchParams(r.query).toString();
  const headers: Record<string, string> = { authorization: `Bearer ${r.token}` };
  if (r.body.kind === 'json') headers['content-type'] = 'application/json';
  if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
  if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
  const res = await fetch(`${platform.url}${r.path}${qs ? `?${qs}` : ''}`, {
    method: route.method,
    headers,
    body: r.body.kind === 'json' ? JSON.stringify(r.body.value) : undefined,
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** Checks one response; returns what is wrong with it, or null. */
const problemWith = (res: { status: number; contentType: string; text: string }): string | null => {
  if (res.status >= 500) return `server error ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!res.contentType.startsWith('application/json')) return `error without JSON: ${res.contentType}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    return `error body not JSON: ${res.text.slice(0, 200)}`;
  }
  const body = ErrorBodySchema.safeParse(parsed);
  if (!body.success) return `error body not {error:{code,message}}: ${res.text.slice(0, 200)}`;
  const { code, message, details } = body.data.error;
  if (!code || !message.trim()) return `error without code or message: ${res.text.slice(0, 200)}`;
  // A validation error names each field it rejects, in its message and its details.
  if (code === 'VALIDATION_FAILED' && Array.isArray(details) && details.length > 0) {
    const first = details[0] as { path?: unknown };
    if (typeof first.path !== 'string' || !message.includes(first.path))
      return `validation message does not name the field: ${message}`;
  }
  return null;
};

describe('fuzzing every route of the route table', () => {
  it('covers every route (the list is read from ROUTES, so new routes are fuzzed too)', () => {
    expect(ROUTES.length).toBeGreaterThan(60);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
  });

  it.each((ROUTES as readonly RouteDef[]).map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s never answers 5xx and every error is a JSON error naming the problem',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (r) => {
          const res = await send(route, r);
          const problem = problemWith(res);
          expect(problem, `${route.method} ${r.path}`).toBeNull();
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20260 + ROUTES.indexOf(route as (typeof ROUTES)[number]) },
      );
    },
  );
});
