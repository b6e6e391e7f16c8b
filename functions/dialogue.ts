import { dialogueBindings } from '#shared/http/bindings/dialogue.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { dialogueRoutes } from '#shared/http/routes/dialogue.ts';

export const handler = lambdaFor('dialogue', dialogueBindings, { routes: dialogueRoutes });
