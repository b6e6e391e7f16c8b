import { publicBindings } from '#shared/http/bindings/public.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { publicRoutes } from '#shared/http/routes/public.ts';

export const handler = lambdaFor('public', publicBindings, { routes: publicRoutes });
