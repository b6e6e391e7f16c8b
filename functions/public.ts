import { lambdaFor } from '#shared/http/lambda.ts';
import { publicRoutes } from '#shared/http/routes/public.ts';
import { publicOperations } from '#shared/use-cases/public.ts';

export const handler = lambdaFor('public', publicOperations, { routes: publicRoutes });
