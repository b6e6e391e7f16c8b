import { lambdaFor } from '#shared/http/lambda.ts';
import { dialogueRoutes } from '#shared/http/routes/dialogue.ts';
import { dialogueOperations } from '#shared/use-cases/dialogue.ts';

export const handler = lambdaFor('dialogue', dialogueOperations, { routes: dialogueRoutes });
