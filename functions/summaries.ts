import { summaryBindings } from '#shared/http/bindings/summaries.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('summaries', summaryBindings);
