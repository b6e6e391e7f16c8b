import { lambdaFor } from '#shared/http/lambda.ts';
import { reportRoutes } from '#shared/http/routes/reports.ts';
import { reportsOperations } from '#shared/use-cases/reports.ts';

export const handler = lambdaFor('reports', reportsOperations, { routes: reportRoutes });
