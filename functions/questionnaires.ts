import { questionnaireBindings } from '#shared/http/bindings/questionnaires.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { questionnaireRoutes } from '#shared/http/routes/questionnaires.ts';

export const handler = lambdaFor('questionnaires', questionnaireBindings, { routes: questionnaireRoutes });
