import { followUpOperations } from '#shared/http/bindings/follow-ups.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('follow-ups', followUpOperations);
