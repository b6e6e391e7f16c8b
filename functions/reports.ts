import { reportBindings } from '#shared/http/bindings/reports.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('reports', reportBindings);
