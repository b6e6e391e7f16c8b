/**
 * What an operation of the route table receives and answers at the HTTP edge, and the
 * `Operations<F>` type by which the compiler proves every route of a function has one.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Principal, User } from '../auth/principal.ts';
import type { IdempotencyItem } from '../repos/idempotency.ts';
import type { FunctionName, RouteDef } from './route.ts';
import type { ROUTES } from './routes.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** The `If-Match` version the edge hands over, per the route's `version` policy. */
type VersionOf<R extends RouteDef> = R extends { version: 'required' | 'required-or-new' }
  ? number
  : R extends { version: 'optional' }
    ? number | undefined
    : undefined;

type Infer<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

export interface ApiRequest<R extends RouteDef> {
  params: Infer<R['params'], Record<string, never>>;
  query: Infer<R['query'], Record<string, never>>;
  body: Infer<R['body'], undefined>;
  principal: Principal;
  /** Who is calling: on a `user` route always a signed-in user (else the edge answered 401). */
  actor: R extends { auth: 'user' } ? User : Principal;
  /** The version named in `If-Match` (`RouteDef.version`; missing 428, malformed 400, edge). */
  expectedVersion: VersionOf<R>;
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
