import type { Operations } from '../http/lambda.ts';

export const summariesOperations: Operations<'summaries'> = {};
