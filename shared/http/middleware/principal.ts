/**
 * Phase `principal`: who is calling, from the JWT claims the authorizer (API Gateway, or the
 * local gateway) has verified. One rule for every route: a `user` route without a valid
 * signed-in caller is a 401 here, so no use case checks sign-in again. A directory person (the
 * token names `custom:person`) is read from the directory: deactivated is a 401 whatever the token.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { ANONYMOUS, type Principal, principalFromClaims } from '../../auth/principal.ts';
import { directoryPrincipal } from '../../use-cases/people/access.ts';
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
    const settle = (p: Principal) => {
      edge.principal = p;
      logger?.appendKeys({ sub: p.kind === 'user' ? p.sub : 'anonymous' });
    };
    // A directory person's role, State and reviews come from the directory, read now (docs/people.md).
    if (found.kind === 'user' && found.person) return directoryPrincipal(found).then(settle);
    settle(found);
  },
});
