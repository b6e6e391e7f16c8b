/**
 * The edge policy (docs/api-conventions.md), over every route of the route table, through the
 * real handler of each function: a user route without sign-in is 401; where the route declares
 * a version, a missing If-Match is 428 (unless optional) and a malformed one 400. Both are
 * decided before any storage is touched, so no emulators are needed. A stale If-Match (412) is
 * the use case's to detect: tests/integration/edge-policy.test.ts walks every versioned route.
 */
import { describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '#shared/http/operation.ts';
import { type FunctionName, routeKey } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { contextFor, eventFor, signedIn } from './edge-support.ts';

type Handler = (event: HttpEvent, context: ReturnType<typeof contextFor>) => Promise<HttpResult>;
const handlers = new Map<FunctionName, Promise<Handler>>();
const handlerOf = (fn: FunctionName): Promise<Handler> => {
  let h = handlers.get(fn);
  if (!h) {
    h = import(`../../../functions/${fn}.ts`).then((m: { handler: Handler }) => m.handler);
    handlers.set(fn, h);
  }
  return h;
};

const send = async (route: (typeof ROUTES)[number], over: Partial<HttpEvent>) => {
  const handler = await handlerOf(route.fn);
  const res = await handler(
    eventFor(routeKey(route), {
      body: 'body' in route ? '{}' : undefined,
      ...over,
      headers: { 'content-type': 'application/json', ...over.headers },
    }),
    contextFor(),
  );
  return { status: res.statusCode, error: JSON.parse(String(res.body ?? '{}')).error };
};

const userRoutes = ROUTES.filter((r) => r.auth === 'user');
const versioned = ROUTES.filter((r) => 'version' in r);

describe('the edge policy over every route', () => {
  it('covers routes of both kinds', () => {
    expect(userRoutes.length).toBeGreaterThan(50);
    expect(versioned.length).toBeGreaterThanOrEqual(12);
  });

  it.each(userRoutes.map((r) => [routeKey(r), r] as const))('%s without sign-in: 401', async (_, route) => {
    const res = await send(route, {});
    expect(res.status).toBe(401);
    expect(res.error.code).toBe('UNAUTHORIZED');
  });

  it.each(versioned.map((r) => [routeKey(r), r] as const))(
    '%s: If-Match missing 428 (unless optional), malformed 400',
    async (_, route) => {
      const caller = signedIn('sec@un', 'secretariat');
      const missing = await send(route, caller);
      if (route.version === 'optional') expect(missing.status).not.toBe(428);
      else expect(missing).toMatchObject({ status: 428, error: { code: 'PRECONDITION_REQUIRED' } });
      for (const bad of ['abc', '"1', '*']) {
        const malformed = await send(route, { ...caller, headers: { 'if-match': bad } });
        expect(malformed, bad).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
        expect(malformed.error.details[0].path).toBe('header.if-match');
      }
    },
  );
});
