import { lambdaFor } from '#shared/http/lambda.ts';
import { questionnaireOperations } from '#shared/http/routes/questionnaires-operations.ts';

export const handler = lambdaFor('questionnaires', questionnaireOperations);
