import type { Operations } from '../http/lambda.ts';

export const reviewsOperations: Operations<'reviews'> = {};
