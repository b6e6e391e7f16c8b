import { registryBindings } from '#shared/http/bindings/registry.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('registry', registryBindings);
