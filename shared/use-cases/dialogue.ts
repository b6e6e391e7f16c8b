import type { Operations } from '../http/lambda.ts';

export const dialogueOperations: Operations<'dialogue'> = {};
