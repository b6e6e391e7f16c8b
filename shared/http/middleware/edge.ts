/**
 * What the middlewares of `lambdaFor` hand on to one another for one request. Each phase fills
 * its own field on the Lambda context and reads only the fields of the phases before it; reading
 * one that is not there yet is a wiring mistake and says which phase is missing.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Principal } from '../../auth/principal.ts';
import type { ApiRequest, HttpEvent, HttpResult, Operation } from '../operation.ts';
import type { RouteDef } from '../route.ts';

export interface EdgeState {
  /** `route-match` */
  route?: RouteDef;
  op?: Operation<RouteDef>;
  /** `normalize-headers`: lower-cased names. */
  headers?: Record<string, string | undefined>;
  /** `principal` */
  principal?: Principal;
  /** `json-body`: the parsed (not yet validated) body. */
  body?: unknown;
  /** `validate-request`: what the operation receives. */
  request?: ApiRequest<RouteDef>;
  /** `idempotency`: the stored answer to send instead of running the operation again. */
  replay?: HttpResult;
}

/** The Lambda context with the request's edge state (set by `route-match`, the first phase). */
export type EdgeContext = Context & { edge?: EdgeState };

export type EdgeMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, EdgeContext> & { name: string };

/** The request's edge state; `route-match` creates it. */
export const stateOf = (context: EdgeContext, phase: string): EdgeState => {
  if (!context.edge) throw new Error(`middleware ${phase}: runs before route-match`);
  return context.edge;
};

/** The state one phase needs from an earlier one. */
export const needs = <K extends keyof EdgeState>(
  edge: EdgeState | undefined,
  key: K,
  phase: string,
): NonNullable<EdgeState[K]> => {
  const value = edge?.[key];
  if (value === undefined) throw new Error(`middleware ${phase}: needs "${key}" from an earlier phase`);
  return value as NonNullable<EdgeState[K]>;
};
