import { lambdaFor } from '#shared/http/lambda.ts';
import { followUpRoutes } from '#shared/http/routes/follow-ups.ts';
import { followUpOperations } from '#shared/http/routes/follow-ups-binding.ts';

export const handler = lambdaFor('follow-ups', followUpOperations, { routes: followUpRoutes });
