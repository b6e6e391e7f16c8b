import { systemBindings } from '#shared/http/bindings/system.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { systemRoutes } from '#shared/http/routes/system.ts';

export const handler = lambdaFor('system', systemBindings, { routes: systemRoutes });
