/**
 * The whole middy chain of `lambdaFor` on hand-built events, with an in-memory idempotency store
 * and a logger whose lines are captured: the order of the phases, the error handler, the
 * request-scoped log keys and both idempotency modes. No emulators.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { ConflictError } from '#shared/domain/errors.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import type { IdempotencyStore } from '#shared/http/middleware/idempotency.ts';
import type { Operations } from '#shared/http/operation.ts';
import type { RouteDef } from '#shared/http/route.ts';
import type { StoredResult } from '#shared/repos/idempotency.ts';
import { contextFor, eventFor, signedIn } from './edge-support.ts';

const routes: RouteDef[] = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    fn: 'system',
    auth: 'public',
    summary: 'a route that fails',
    tags: [],
    response: z.unknown(),
  },
  {
    operationId: 'getOpenApi',
    method: 'POST',
    path: '/things',
    fn: 'system',
    auth: 'user',
    summary: 'an idempotent create',
    tags: [],
    body: z.object({ n: z.number() }),
    response: z.unknown(),
    status: 201,
    idempotent: true,
  },
];

/** A store that keeps records in a map, like the DynamoDB one. */
const memoryStore = () => {
  const records = new Map<string, { hash: string; result?: StoredResult }>();
  const store: IdempotencyStore = {
    begin: async (scope, hash) => {
      const r = records.get(scope);
      if (!r) {
        records.set(scope, { hash });
        return { state: 'new' };
      }
      if (r.hash !== hash) return { state: 'mismatch' };
      return r.result ? { state: 'completed', result: r.result } : { state: 'in-progress' };
    },
    find: async (scope, hash) => {
      const r = records.get(scope);
      if (!r) return undefined;
      if (r.hash !== hash) return { state: 'mismatch' };
      return r.result ? { state: 'completed', result: r.result } : { state: 'in-progress' };
    },
    completedItem: (scope, hash, result) => {
      records.set(scope, { hash, result });
      return { Put: { TableName: 't', Item: { pk: scope } } };
    },
    complete: async (scope, result) => {
      const r = records.get(scope);
      if (r) r.result = result;
    },
    release: async (scope) => {
      records.delete(scope);
    },
  };
  return { store, records };
};

const logLines = () => {
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    return true;
  });
  return lines;
};

afterEach(() => {
  vi.restoreAllMocks();
});

const build = (ops: Record<string, unknown>, store = memoryStore().store) =>
  lambdaFor('system', ops as unknown as Operations<'system'>, {
    logger: new Logger({ serviceName: 'test', logLevel: 'INFO' }),
    store,
    routes,
  });

const create = (key: string, n = 1) =>
  eventFor('POST /things', {
    ...signedIn('fp@bra', 'focal-point', 'BRA'),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ n }),
  });

describe('lambdaFor', () => {
  it('answers an unexpected error with a generic 500 and logs it with the request id, route key and caller', async () => {
    const lines = logLines();
    const handler = build({
      getHealth: async () => {
        throw new Error('disk on fire');
      },
      getOpenApi: async () => ({ body: {} }),
    });
    const res = await handler(eventFor('GET /health', signedIn('sec@un')), contextFor());
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(String(res.body))).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(String(res.body)).not.toContain('disk');
    const line = lines.find((l) => l.message === 'unhandled error');
    expect(line).toMatchObject({
      level: 'ERROR',
      requestId: 'req-1',
      routeKey: 'GET /health',
      sub: 'sec@un',
      function_request_id: 'lambda-req-1',
    });
  });

  it('drops the request keys once the request is answered', async () => {
    const lines = logLines();
    const logger = new Logger({ serviceName: 'test' });
    const handler = lambdaFor(
      'system',
      {
        getHealth: async () => ({ body: {} }),
        getOpenApi: async () => ({ body: {} }),
      } as unknown as Operations<'system'>,
      { logger, store: memoryStore().store, routes },
    );
    await handler(eventFor('GET /health', signedIn('sec@un')), contextFor());
    logger.info('between requests');
    expect(lines.find((l) => l.message === 'between requests')).not.toHaveProperty('sub');
  });

  it('maps a domain error thrown by the operation to its status, the edge errors before it runs', async () => {
    const ran = vi.fn();
    const handler = build({
      getHealth: async () => {
        throw new ConflictError('changed meanwhile');
      },
      getOpenApi: async () => {
        ran();
        return { body: {} };
      },
    });
    const conflict = await handler(eventFor('GET /health'), contextFor());
    expect(conflict.statusCode).toBe(409);
    const anonymous = await handler(eventFor('POST /things', { body: '{"n":1}' }), contextFor());
    expect(anonymous.statusCode).toBe(401);
    const invalid = await handler(
      eventFor('POST /things', {
        ...signedIn(),
        headers: { 'content-type': 'application/json' },
        body: '{"n":"x"}',
      }),
      contextFor(),
    );
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(String(invalid.body)).error.details[0].path).toBe('body.n');
    expect(ran).not.toHaveBeenCalled();
  });

  it('runs an idempotent operation once per key and replays its answer; another request with the key is 422', async () => {
    const { store } = memoryStore();
    let n = 0;
    const handler = build(
      { getHealth: async () => ({ body: {} }), getOpenApi: async () => ({ body: { created: ++n } }) },
      store,
    );
    const first = await handler(create('key-00001'), contextFor());
    const again = await handler(create('key-00001'), contextFor());
    expect(first.statusCode).toBe(201);
    expect(again).toMatchObject({ statusCode: 201, body: first.body });
    expect(again.headers?.['idempotent-replay']).toBe('true');
    expect(n).toBe(1);
    expect((await handler(create('key-00001', 2), contextFor())).statusCode).toBe(422);
    expect((await handler(create('bad key'), contextFor())).statusCode).toBe(400);
  });

  it('frees the key when the operation fails, so a retry runs it', async () => {
    const { store, records } = memoryStore();
    let fail = true;
    const handler = build(
      {
        getHealth: async () => ({ body: {} }),
        getOpenApi: async () => {
          if (fail) throw new ConflictError('busy');
          return { body: { ok: true } };
        },
      },
      store,
    );
    expect((await handler(create('key-00002'), contextFor())).statusCode).toBe(409);
    expect(records.size).toBe(0);
    fail = false;
    expect((await handler(create('key-00002'), contextFor())).statusCode).toBe(201);
  });

  it('in-transaction: a lost race under the key is answered with the stored answer', async () => {
    const { store } = memoryStore();
    const inTx = routes.map((r) =>
      r.operationId === 'getOpenApi' ? { ...r, idempotent: 'in-transaction' as const } : r,
    );
    let writes = 0;
    const handler = lambdaFor(
      'system',
      {
        getHealth: async () => ({ body: {} }),
        getOpenApi: async (req: { idempotency?: { item: (r: unknown) => unknown } }) => {
          const reply = { body: { write: writes + 1 } };
          // The first request takes the key in its "transaction"; the retry's transaction is cancelled.
          if (writes > 0) throw new ConflictError('transaction cancelled');
          req.idempotency?.item(reply);
          writes++;
          return reply;
        },
      } as unknown as Operations<'system'>,
      { logger: new Logger({ serviceName: 'test' }), store, routes: inTx },
    );
    const first = await handler(create('key-00003'), contextFor());
    const retry = await handler(create('key-00003'), contextFor());
    expect(first.statusCode).toBe(201);
    expect(retry).toMatchObject({ statusCode: 201, body: first.body });
    expect(retry.headers?.['idempotent-replay']).toBe('true');
    expect(writes).toBe(1);
  });
});
