import { reportBindings } from '#shared/http/bindings/reports.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { reportRoutes } from '#shared/http/routes/reports.ts';

export const handler = lambdaFor('reports', reportBindings, { routes: reportRoutes });
