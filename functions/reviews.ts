import { reviewBindings } from '#shared/http/bindings/reviews.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { reviewRoutes } from '#shared/http/routes/reviews.ts';

export const handler = lambdaFor('reviews', reviewBindings, { routes: reviewRoutes });
