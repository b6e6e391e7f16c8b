import type { Operations } from '../http/lambda.ts';

export const registryOperations: Operations<'registry'> = {};
