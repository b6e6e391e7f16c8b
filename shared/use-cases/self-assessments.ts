import type { Operations } from '../http/lambda.ts';

export const selfAssessmentsOperations: Operations<'self-assessments'> = {};
