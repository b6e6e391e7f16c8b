import { summaryBindings } from '#shared/http/bindings/summaries.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { summaryRoutes } from '#shared/http/routes/summaries.ts';

export const handler = lambdaFor('summaries', summaryBindings, { routes: summaryRoutes });
