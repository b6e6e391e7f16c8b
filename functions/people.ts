import { lambdaFor } from '#shared/http/lambda.ts';
import { peopleOperations } from '#shared/http/routes/people-operations.ts';

export const handler = lambdaFor('people', peopleOperations);
