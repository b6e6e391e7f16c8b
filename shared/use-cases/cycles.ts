import type { Operations } from '../http/lambda.ts';

export const cyclesOperations: Operations<'cycles'> = {};
