import { questionnaireBindings } from '#shared/http/bindings/questionnaires.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('questionnaires', questionnaireBindings);
