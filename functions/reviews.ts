import { lambdaFor } from '#shared/http/lambda.ts';
import { reviewRoutes } from '#shared/http/routes/reviews.ts';
import { reviewsOperations } from '#shared/use-cases/reviews.ts';

export const handler = lambdaFor('reviews', reviewsOperations, { routes: reviewRoutes });
