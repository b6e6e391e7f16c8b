import { lambdaFor } from '#shared/http/lambda.ts';
import { peopleRoutes } from '#shared/http/routes/people.ts';
import { peopleOperations } from '#shared/http/routes/people-operations.ts';

export const handler = lambdaFor('people', peopleOperations, { routes: peopleRoutes });
