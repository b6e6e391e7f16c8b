import { lambdaFor } from '#shared/http/lambda.ts';
import { registryRoutes } from '#shared/http/routes/registry.ts';
import { registryOperations } from '#shared/use-cases/registry.ts';

export const handler = lambdaFor('registry', registryOperations, { routes: registryRoutes });
