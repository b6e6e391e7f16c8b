/**
 * Builds a Lambda handler (API Gateway HTTP API, payload v2) for one function of the route table.
 * It matches the route, parses and validates the request with the route's zod schemas, resolves
 * the principal from the verified JWT claims, applies idempotency, calls the use case and maps
 * the result (or error) to a response. Handlers stay one line: `lambdaFor('dialogue', ops)`.
 */
import { createHash, randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { ANONYMOUS, type Principal, principalFromClaims } from '../auth/principal.ts';
import { now } from '../clock.ts';
import { ConflictError } from '../domain/errors.ts';
import { logger } from '../logger.ts';
import { type IdempotencyItem, idempotencyStore } from '../repos/idempotency.ts';
import { directoryPrincipal } from '../use-cases/people/access.ts';
import { HttpError, toErrorResponse, zodIssues } from './errors.ts';
import type { FunctionName, RouteDef } from './route.ts';
import { routeKey } from './route.ts';
import { ROUTES } from './routes.ts';

type Infer<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

export interface ApiRequest<R extends RouteDef> {
  params: Infer<R['params'], Record<string, never>>;
  query: Infer<R['query'], Record<string, never>>;
  body: Infer<R['body'], undefined>;
  principal: Principal;
  /** Lower-cased request headers. */
  headers: Readonly<Record<string, string | undefined>>;
  now: Date;
  requestId: string;
  /**
   * Routes with `idempotent: 'in-transaction'` and an Idempotency-Key only: the item to add to
   * the operation's transaction, recording `reply` as this request's answer. An operation that
   * returns without calling it gets its answer recorded afterwards.
   */
  idempotency?: { item: (reply: ApiReply<R>) => IdempotencyItem };
}

export interface ApiReply<R extends RouteDef> {
  status?: number;
  body:
    | (R extends { produces: infer P }
        ? P extends 'application/json'
          ? z.input<R['response']>
          : string | Uint8Array
        : z.input<R['response']>)
    | (R extends { alsoProduces: readonly unknown[] } ? string | Uint8Array : never);
  headers?: Record<string, string>;
}

export type Operation<R extends RouteDef> = (req: ApiRequest<R>) => Promise<ApiReply<R>>;

type RoutesOf<F extends FunctionName> = Extract<(typeof ROUTES)[number], { fn: F }>;

/** Every operation of function F, by operationId. The compiler checks none is missing. */
export type Operations<F extends FunctionName> = {
  [R in RoutesOf<F> as R['operationId']]: Operation<R>;
};

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

const DEFAULT_MAX_BODY = 256 * 1024;
const MAX_JSON_DEPTH = 32;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

const jsonDepth = (value: unknown, depth = 0): number => {
  if (depth > MAX_JSON_DEPTH) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const v of Object.values(value)) max = Math.max(max, jsonDepth(v, depth + 1));
  return max;
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const readBody = (event: HttpEvent, route: RouteDef): unknown => {
  const raw = event.body;
  if (raw === undefined || raw === null || raw === '') {
    if (route.body)
      throw new HttpError(400, 'BODY_REQUIRED', 'Invalid request: body: a JSON body is required');
    return undefined;
  }
  if (!route.body) return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (bytes.byteLength > limit) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `body: larger than ${limit} bytes`, { limit });
  }
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type: must be application/json');
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new HttpError(400, 'INVALID_UTF8', 'body: not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'body: not valid JSON');
  }
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'JSON_TOO_DEEP', `body: nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed;
};

const validate = <S extends z.ZodType | undefined>(where: string, schema: S, value: unknown): unknown => {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, details } = zodIssues(where, result.error);
  throw new HttpError(400, 'VALIDATION_FAILED', message, details);
};

const principalOf = async (event: HttpEvent, route: RouteDef): Promise<Principal> => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) {
    if (route.auth === 'public') return ANONYMOUS;
    throw new HttpError(401, 'UNAUTHORIZED', 'sign-in required');
  }
  const principal = principalFromClaims(claims);
  if (!principal) throw new HttpError(401, 'UNAUTHORIZED', 'token claims are not valid');
  return directoryPrincipal(principal);
};

const toResult = (
  route: RouteDef,
  reply: { status?: number; body: unknown; headers?: Record<string, string> },
): HttpResult => {
  const status = reply.status ?? route.status ?? 200;
  const produces = route.produces ?? 'application/json';
  const raw = typeof reply.body === 'string' || reply.body instanceof Uint8Array;
  if (produces === 'application/json' && !(route.alsoProduces && raw)) {
    if (status === 204) return { statusCode: 204, headers: reply.headers ?? {} };
    return json(status, reply.body, reply.headers);
  }
  const contentType =
    produces.startsWith('text/') || produces === 'image/svg+xml' ? `${produces}; charset=utf-8` : produces;
  const headers = { 'content-type': contentType, ...reply.headers };
  if (reply.body instanceof Uint8Array) {
    return {
      statusCode: status,
      headers,
      body: Buffer.from(reply.body).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return { statusCode: status, headers, body: String(reply.body) };
};

const requestHash = (event: HttpEvent): string =>
  createHash('sha256')
    .update(`${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`)
    .digest('hex');

const replayOf = (result: HttpResult): HttpResult => ({
  ...result,
  headers: { ...result.headers, 'idempotent-replay': 'true' },
});

const keyReused = () =>
  new HttpError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'header.idempotency-key: already used with a different request',
  );

/**
 * `idempotent: 'in-transaction'`: the operation writes the answer under the key in its own
 * transaction. A request whose key is already taken (a retry, or a concurrent duplicate that
 * lost the race) has its transaction cancelled — a ConflictError, nothing written — and gets
 * the stored answer. One write instead of reserve + operate + record.
 */
const runInTransaction = async (
  route: RouteDef,
  op: Operation<RouteDef>,
  request: ApiRequest<RouteDef>,
  scopeKey: string,
  hash: string,
): Promise<HttpResult> => {
  let used = false;
  const withKey: ApiRequest<RouteDef> = {
    ...request,
    idempotency: {
      item: (reply) => {
        used = true;
        return idempotencyStore.completedItem(scopeKey, hash, toResult(route, reply), request.now);
      },
    },
  };
  let result: HttpResult;
  try {
    result = toResult(route, await op(withKey));
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const found = await idempotencyStore.find(scopeKey, hash, request.now);
    if (found?.state === 'completed') return replayOf(found.result);
    if (found?.state === 'mismatch') throw keyReused();
    throw err;
  }
  if (!used) {
    // The operation wrote nothing with the key: record its answer the usual way.
    const prior = await idempotencyStore.begin(scopeKey, hash, request.now);
    if (prior.state === 'completed') return replayOf(prior.result);
    if (prior.state === 'mismatch') throw keyReused();
    await idempotencyStore.complete(scopeKey, result, request.now).catch((err: unknown) => {
      logger.error('idempotency result not recorded', { routeKey: routeKey(route), err });
    });
  }
  return result;
};

/**
 * The Lambda handler for one function. Exposed for the local gateway and tests too: they call it
 * with the same API Gateway v2 events AWS sends.
 */
export const lambdaFor = <F extends FunctionName>(fn: F, operations: Operations<F>) => {
  const table = new Map<string, { route: RouteDef; op: Operation<RouteDef> }>();
  for (const route of ROUTES as readonly RouteDef[]) {
    if (route.fn !== fn) continue;
    const op = (operations as Record<string, Operation<RouteDef> | undefined>)[route.operationId];
    if (!op) throw new Error(`function ${fn}: no operation for ${route.operationId}`);
    table.set(routeKey(route), { route, op });
  }

  const run = async (event: HttpEvent): Promise<HttpResult> => {
    const entry = table.get(event.routeKey);
    if (!entry) throw new HttpError(404, 'NOT_FOUND', `no route ${event.routeKey}`);
    const { route, op } = entry;
    const principal = await principalOf(event, route);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
    const params = validate('path', route.params, event.pathParameters ?? {});
    const query = validate('query', route.query, event.queryStringParameters ?? {});
    const rawBody = readBody(event, route);
    const body = route.body ? validate('body', route.body, rawBody) : undefined;
    const request = {
      params,
      query,
      body,
      principal,
      headers,
      now: now(),
      requestId: event.requestContext?.requestId ?? randomUUID(),
    } as ApiRequest<RouteDef>;

    const idemKey = route.idempotent ? headers['idempotency-key'] : undefined;
    if (idemKey !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(idemKey)) {
      throw new HttpError(
        400,
        'VALIDATION_FAILED',
        'header.idempotency-key: 8-128 characters of A-Z a-z 0-9 _ -',
      );
    }
    if (!idemKey) return toResult(route, await op(request));

    const scopeKey = `${principal.kind === 'user' ? principal.sub : 'anonymous'}#${route.operationId}#${idemKey}`;
    const hash = requestHash(event);
    if (route.idempotent === 'in-transaction') return runInTransaction(route, op, request, scopeKey, hash);
    const prior = await idempotencyStore.begin(scopeKey, hash, request.now);
    if (prior.state === 'completed') return replayOf(prior.result);
    if (prior.state === 'mismatch') throw keyReused();
    if (prior.state === 'in-progress') {
      throw new HttpError(
        409,
        'IDEMPOTENCY_IN_PROGRESS',
        'header.idempotency-key: the first request is still being processed',
      );
    }
    let result: HttpResult;
    try {
      result = toResult(route, await op(request));
    } catch (err) {
      // The operation left no state (use cases write atomically), so a retry may run it again.
      await idempotencyStore.release(scopeKey).catch(() => undefined);
      throw err;
    }
    // The operation has taken effect: never release the key now (a retry would run it twice).
    // If the result cannot be recorded, the caller still gets it; the key stays reserved.
    await idempotencyStore.complete(scopeKey, result, request.now).catch((err: unknown) => {
      logger.error('idempotency result not recorded', { routeKey: event.routeKey, err });
    });
    return result;
  };

  return middy<HttpEvent, HttpResult>().handler(async (event) => {
    try {
      return await run(event);
    } catch (err) {
      const { statusCode, body } = toErrorResponse(err);
      if (statusCode >= 500) logger.error('unhandled error', { routeKey: event.routeKey, err });
      return json(statusCode, body);
    }
  });
};
