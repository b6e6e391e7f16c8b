import { followUpOperations } from '#shared/http/bindings/follow-ups.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { followUpRoutes } from '#shared/http/routes/follow-ups.ts';
import { taNeedRoutes } from '#shared/http/routes/ta-needs.ts';

export const handler = lambdaFor('follow-ups', followUpOperations, {
  routes: [...followUpRoutes, ...taNeedRoutes],
});
