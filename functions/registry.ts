import { lambdaFor } from '#shared/http/lambda.ts';
import { registryOperations } from '#shared/use-cases/registry.ts';

export const handler = lambdaFor('registry', registryOperations);
