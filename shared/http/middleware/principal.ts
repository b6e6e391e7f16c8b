/**
 * Phase `principal`: who is calling, from the JWT claims the authorizer (API Gateway, or the
 * local gateway) has verified. One rule for every route: a `user` route without a valid
 * signed-in caller is a 401 here, so no use case checks sign-in again.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { ANONYMOUS, principalFromClaims } from '../../auth/principal.ts';
import { HttpError } from '../errors.ts';
import { type EdgeMiddleware, needs, stateOf } from './edge.ts';

export const principal = (logger?: Logger): EdgeMiddleware => ({
  name: 'principal',
  before: ({ event, context }) => {
    const edge = stateOf(context, 'principal');
    const route = needs(edge, 'route', 'principal');
    const claims = event.requestContext?.authorizer?.jwt?.claims;
    if (!claims && route.auth !== 'public') throw new HttpError(401, 'UNAUTHORIZED', 'sign-in required');
    const found = claims ? principalFromClaims(claims) : ANONYMOUS;
    if (!found) throw new HttpError(401, 'UNAUTHORIZED', 'token claims are not valid');
    edge.principal = found;
    logger?.appendKeys({ sub: found.kind === 'user' ? found.sub : 'anonymous' });
  },
});
