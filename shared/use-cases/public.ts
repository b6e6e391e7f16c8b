import type { Operations } from '../http/lambda.ts';

export const publicOperations: Operations<'public'> = {};
