import { searchBindings } from '#shared/http/bindings/search.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { searchRoutes } from '#shared/http/routes/search.ts';

export const handler = lambdaFor('search', searchBindings, { routes: searchRoutes });
