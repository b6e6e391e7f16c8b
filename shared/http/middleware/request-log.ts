/**
 * Phase `request-log`: Powertools' `injectLambdaContext` adds the Lambda context to every log
 * line and drops the request's keys afterwards (`resetKeys`); this phase appends the request id
 * and route key, and `principal` appends the caller, so an error line says where and who.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EdgeMiddleware } from './edge.ts';

export const lambdaContextLog = (logger: Logger): EdgeMiddleware => ({
  ...(injectLambdaContext(logger, { resetKeys: true }) as Omit<EdgeMiddleware, 'name'>),
  name: 'lambda-context-log',
});

export const requestLog = (logger: Logger): EdgeMiddleware => ({
  name: 'request-log',
  before: ({ event }) => {
    logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
  },
});
