import { lambdaFor } from '#shared/http/lambda.ts';
import { systemRoutes } from '#shared/http/routes/system.ts';
import { systemOperations } from '#shared/use-cases/system.ts';

export const handler = lambdaFor('system', systemOperations, { routes: systemRoutes });
