import { lambdaFor } from '#shared/http/lambda.ts';
import { peopleRoutes } from '#shared/http/routes/people.ts';
import { peopleOperations } from '#shared/http/routes/people-operations.ts';
import { preferenceRoutes } from '#shared/http/routes/preferences.ts';

export const handler = lambdaFor('people', peopleOperations, {
  routes: [...peopleRoutes, ...preferenceRoutes],
});
