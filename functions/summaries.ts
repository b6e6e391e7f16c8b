import { lambdaFor } from '#shared/http/lambda.ts';
import { summaryRoutes } from '#shared/http/routes/summaries.ts';
import { summariesOperations } from '#shared/use-cases/summaries.ts';

export const handler = lambdaFor('summaries', summariesOperations, { routes: summaryRoutes });
