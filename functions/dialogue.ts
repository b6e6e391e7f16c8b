import { lambdaFor } from '#shared/http/lambda.ts';
import { dialogueOperations } from '#shared/use-cases/dialogue.ts';

export const handler = lambdaFor('dialogue', dialogueOperations);
