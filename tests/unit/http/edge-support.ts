/** Builders for the middleware unit tests: API Gateway v2 events, a Lambda context, a middy request. */
import type { Request } from '@middy/core';
import type { EdgeContext, EdgeState } from '#shared/http/middleware/edge.ts';
import type { HttpEvent, HttpResult } from '#shared/http/operation.ts';

export const eventFor = (routeKey: string, over: Partial<HttpEvent> = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1] ?? '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', routeKey, http: { method: routeKey.split(' ')[0] } },
    ...over,
  }) as unknown as HttpEvent;

export const signedIn = (sub = 'sec@un', role = 'secretariat', state = '') =>
  ({
    requestContext: {
      requestId: 'req-1',
      authorizer: { jwt: { claims: { sub, 'custom:role': role, 'custom:state': state }, scopes: [] } },
    },
  }) as unknown as Partial<HttpEvent>;

export const contextFor = (edge?: EdgeState): EdgeContext =>
  ({
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'Fn-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Fn-test',
    memoryLimitInMB: '256',
    awsRequestId: 'lambda-req-1',
    logGroupName: '/aws/lambda/Fn-test',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    edge,
  }) as EdgeContext;

export const requestFor = (
  event: HttpEvent,
  edge?: EdgeState,
): Request<HttpEvent, HttpResult, Error, EdgeContext> => ({
  event,
  context: contextFor(edge),
  response: undefined as unknown as HttpResult,
  error: null,
  internal: {},
});
