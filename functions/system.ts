import { systemBindings } from '#shared/http/bindings/system.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('system', systemBindings);
