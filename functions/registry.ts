import { registryBindings } from '#shared/http/bindings/registry.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { registryRoutes } from '#shared/http/routes/registry.ts';

export const handler = lambdaFor('registry', registryBindings, { routes: registryRoutes });
