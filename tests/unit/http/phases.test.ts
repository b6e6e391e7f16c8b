/**
 * The request phases of `lambdaFor`, one by one, on hand-built events: no emulators, no handler.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { HttpError } from '#shared/http/errors.ts';
import type { EdgeState } from '#shared/http/middleware/edge.ts';
import { jsonBody, MAX_JSON_DEPTH } from '#shared/http/middleware/json-body.ts';
import { normalizeHeaders } from '#shared/http/middleware/normalize-headers.ts';
import { principal } from '#shared/http/middleware/principal.ts';
import { routeMatch, routeTable } from '#shared/http/middleware/route-match.ts';
import { expectedVersionOf, validateRequest } from '#shared/http/middleware/validate-request.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { eventFor, requestFor, signedIn } from './edge-support.ts';

const route: RouteDef = {
  operationId: 'putThing',
  method: 'PUT',
  path: '/things/{id}',
  fn: 'system',
  auth: 'user',
  summary: 'test',
  tags: [],
  params: z.object({ id: z.string().regex(/^t\d+$/) }),
  query: z.object({ lang: z.enum(['en', 'fr']).optional() }),
  body: z.object({ title: z.string().min(1) }),
  response: z.unknown(),
  maxBodyBytes: 64,
};
const op = async () => ({ body: {} });

/** The status and code of what `fn` throws. */
const thrown = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    if (err instanceof HttpError) return { status: err.statusCode, code: err.code, message: err.message };
    throw err;
  }
  throw new Error('did not throw');
};

describe('route-match', () => {
  const table = routeTable('system', [route], { putThing: op });

  it('selects the route and operation of the route key, with a fresh edge state', async () => {
    const request = requestFor(eventFor('PUT /things/{id}'), { body: 'left over' } as EdgeState);
    await routeMatch(table).before?.(request);
    expect(request.context.edge).toEqual({ route, op });
  });

  it('answers an unknown route key 404', async () => {
    expect(await thrown(() => routeMatch(table).before?.(requestFor(eventFor('GET /nope'))))).toMatchObject({
      status: 404,
    });
  });

  it('refuses to build a table with a route that has no operation', () => {
    expect(() => routeTable('system', [route], {})).toThrow(/no operation for putThing/);
  });
});

describe('normalize-headers', () => {
  it('lower-cases every header name', async () => {
    const request = requestFor(
      eventFor('PUT /things/{id}', { headers: { 'If-Match': '"3"', 'X-A': 'b' } }),
      {},
    );
    await normalizeHeaders().before?.(request);
    expect(request.context.edge?.headers).toEqual({ 'if-match': '"3"', 'x-a': 'b' });
  });
});

describe('principal', () => {
  it('answers a user route without sign-in 401', async () => {
    const request = requestFor(eventFor('PUT /things/{id}'), { route });
    expect(await thrown(() => principal().before?.(request))).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
  });

  it('answers claims that describe no valid user 401 (a focal point without a State)', async () => {
    const request = requestFor(eventFor('PUT /things/{id}', signedIn('fp', 'focal-point', '')), { route });
    expect(await thrown(() => principal().before?.(request))).toMatchObject({ status: 401 });
  });

  it('makes a public route without sign-in anonymous, and a signed-in caller a user', async () => {
    const anon = requestFor(eventFor('PUT /things/{id}'), { route: { ...route, auth: 'public' } });
    await principal().before?.(anon);
    expect(anon.context.edge?.principal).toEqual({ kind: 'anonymous' });
    const user = requestFor(eventFor('PUT /things/{id}', signedIn('sec@un')), { route });
    await principal().before?.(user);
    expect(user.context.edge?.principal).toMatchObject({ kind: 'user', sub: 'sec@un', role: 'secretariat' });
  });

  it('says which phase is missing when it runs before route-match', async () => {
    expect(() => principal().before?.(requestFor(eventFor('PUT /things/{id}')))).toThrow(/route-match/);
  });
});

describe('json-body', () => {
  const read = async (body: string | undefined, contentType = 'application/json', r: RouteDef = route) => {
    const request = requestFor(eventFor('PUT /things/{id}', { body }), {
      route: r,
      headers: { 'content-type': contentType },
    });
    await jsonBody().before?.(request);
    return request.context.edge?.body;
  };

  it('parses a JSON body', async () => {
    expect(await read('{"title":"x"}', 'application/json; charset=utf-8')).toEqual({ title: 'x' });
  });

  it('refuses a missing body 400, an oversized one 413, another type 415', async () => {
    expect(await thrown(() => read(undefined))).toMatchObject({ status: 400, code: 'BODY_REQUIRED' });
    expect(await thrown(() => read(JSON.stringify({ title: 'x'.repeat(80) })))).toMatchObject({
      status: 413,
    });
    expect(await thrown(() => read('{}', 'text/plain'))).toMatchObject({ status: 415 });
  });

  it('refuses invalid JSON, invalid UTF-8 and JSON nested too deep with 400', async () => {
    expect(await thrown(() => read('{"title":'))).toMatchObject({ status: 400, code: 'INVALID_JSON' });
    const bad = requestFor(
      eventFor('PUT /things/{id}', {
        body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'),
        isBase64Encoded: true,
      }),
      { route, headers: { 'content-type': 'application/json' } },
    );
    expect(await thrown(() => jsonBody().before?.(bad))).toMatchObject({ status: 400, code: 'INVALID_UTF8' });
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(
      await thrown(() => read(deep, 'application/json', { ...route, maxBodyBytes: 1000 })),
    ).toMatchObject({
      status: 400,
      code: 'JSON_TOO_DEEP',
    });
  });

  it('ignores a body sent to a route that takes none', async () => {
    expect(await read('{"a":1}', 'application/json', { ...route, body: undefined })).toBeUndefined();
  });
});

describe('validate-request', () => {
  const validated = async (
    params: Record<string, string>,
    body: unknown,
    query: Record<string, string> = {},
  ) => {
    const request = requestFor(
      eventFor('PUT /things/{id}', { pathParameters: params, queryStringParameters: query }),
      {
        route,
        headers: {},
        principal: { kind: 'anonymous' },
        body,
      },
    );
    await validateRequest().before?.(request);
    return request.context.edge?.request;
  };

  it('hands the operation the parsed params, query and body', async () => {
    expect(await validated({ id: 't1' }, { title: 'x' }, { lang: 'fr' })).toMatchObject({
      params: { id: 't1' },
      query: { lang: 'fr' },
      body: { title: 'x' },
      requestId: 'req-1',
    });
  });

  it('names each bad field in a 400', async () => {
    const err = await thrown(() => validated({ id: 'x' }, { title: '' }));
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(err.message).toContain('path.id');
    const body = await thrown(() => validated({ id: 't1' }, { title: '' }));
    expect(body.message).toContain('body.title');
  });
});

describe('the If-Match policy', () => {
  it('reads 3, "3" and W/"3"', () => {
    for (const raw of ['3', '"3"', 'W/"3"', ' "3" ']) expect(expectedVersionOf('required', raw)).toBe(3);
  });

  it('answers a missing version 428 where one is required, and passes it over where optional', async () => {
    expect(await thrown(() => expectedVersionOf('required', undefined))).toMatchObject({
      status: 428,
      code: 'PRECONDITION_REQUIRED',
    });
    expect(await thrown(() => expectedVersionOf('required-or-new', ''))).toMatchObject({ status: 428 });
    expect(expectedVersionOf('optional', undefined)).toBeUndefined();
    expect(expectedVersionOf(undefined, '"3"')).toBeUndefined();
  });

  it('answers a malformed version 400; 0 is a version only where the thing may be new', async () => {
    for (const raw of ['abc', '"3', '3.5', '-1', '*', '0']) {
      expect(await thrown(() => expectedVersionOf('required', raw)), raw).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(expectedVersionOf('required-or-new', '"0"')).toBe(0);
    expect(await thrown(() => expectedVersionOf('optional', 'abc'))).toMatchObject({ status: 400 });
  });
});
