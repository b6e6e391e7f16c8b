/**
 * Phase `error-handler`: anything thrown by an earlier phase or the operation becomes the one
 * error body (`toErrorResponse`: domain errors by kind, unknown ones a generic 500). A 5xx is
 * logged with the request's keys (request id, route key, caller). Registered right after the
 * log context, so its `onError` runs after every other phase has cleaned up.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { toErrorResponse } from '../errors.ts';
import { jsonResult } from '../reply.ts';
import type { EdgeMiddleware } from './edge.ts';

export const errorHandler = (logger: Logger): EdgeMiddleware => ({
  name: 'error-handler',
  onError: (request) => {
    // An earlier phase (idempotency: a replayed answer) may already have answered.
    if (request.response !== undefined && request.response !== null) return;
    const { statusCode, body } = toErrorResponse(request.error);
    if (statusCode >= 500) logger.error('unhandled error', { err: request.error });
    request.response = jsonResult(statusCode, body);
  },
});
