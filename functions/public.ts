import { lambdaFor } from '#shared/http/lambda.ts';
import { publicOperations } from '#shared/use-cases/public.ts';

export const handler = lambdaFor('public', publicOperations);
