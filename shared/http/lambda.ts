/**
 * Builds the Lambda handler (API Gateway HTTP API, payload v2) of one function of the route
 * table, as a middy chain of named phases (shared/http/middleware/). Handlers stay one line:
 * `lambdaFor('dialogue', dialogueBindings)`.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { logger as processLogger } from '../logger.ts';
import { idempotencyStore } from '../repos/idempotency.ts';
import { type EdgeContext, needs, stateOf } from './middleware/edge.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { type IdempotencyStore, idempotency } from './middleware/idempotency.ts';
import { jsonBody } from './middleware/json-body.ts';
import { normalizeHeaders } from './middleware/normalize-headers.ts';
import { principal } from './middleware/principal.ts';
import { lambdaContextLog, requestLog } from './middleware/request-log.ts';
import { routeMatch, routeTable } from './middleware/route-match.ts';
import { validateRequest } from './middleware/validate-request.ts';
import type { HttpEvent, HttpResult, Operation, Operations } from './operation.ts';
import { toResult } from './reply.ts';
import type { FunctionName, RouteDef } from './route.ts';

export type { HttpEvent, HttpResult, Operations } from './operation.ts';

/** The last step: the operation itself (or the answer the idempotency phase already has). */
const runOperation = async (_event: HttpEvent, context: EdgeContext): Promise<HttpResult> => {
  const edge = stateOf(context, 'operation');
  if (edge.replay) return edge.replay;
  const route = needs(edge, 'route', 'operation');
  return toResult(route, await needs(edge, 'op', 'operation')(needs(edge, 'request', 'operation')));
};

/**
 * The Lambda handler for one function. Exposed for the local gateway and tests too: they call it
 * with the same API Gateway v2 events AWS sends. `deps.routes` is the function's own area table
 * (shared/http/routes/<area>.ts), not the whole route table: a bundle then holds (and builds at
 * init) only its own routes' schemas; `routeTable` refuses a table that misses one of the
 * operations. `deps` also replaces the logger or idempotency store (unit tests).
 */
export const lambdaFor = <F extends FunctionName>(
  fn: F,
  operations: Operations<F>,
  deps: { routes: readonly RouteDef[]; logger?: Logger; store?: IdempotencyStore },
) => {
  const logger = deps.logger ?? processLogger;
  const table = routeTable(fn, deps.routes, operations as Record<string, Operation<RouteDef>>);
  // `before` runs top to bottom; `after` and `onError` bottom to top, so the error handler
  // answers once every phase below it has cleaned up, and the log keys are dropped last.
  return middy<HttpEvent, HttpResult, Error, EdgeContext>()
    .use(lambdaContextLog(logger))
    .use(errorHandler(logger))
    .use(routeMatch(table))
    .use(requestLog(logger))
    .use(normalizeHeaders())
    .use(principal(logger))
    .use(jsonBody())
    .use(validateRequest())
    .use(idempotency(deps.store ?? idempotencyStore, logger))
    .handler(runOperation);
};
