import { lambdaFor } from '#shared/http/lambda.ts';
import { questionnaireRoutes } from '#shared/http/routes/questionnaires.ts';
import { questionnaireOperations } from '#shared/http/routes/questionnaires-operations.ts';

export const handler = lambdaFor('questionnaires', questionnaireOperations, { routes: questionnaireRoutes });
