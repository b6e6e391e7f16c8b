import { lambdaFor } from '#shared/http/lambda.ts';
import { selfAssessmentsOperations } from '#shared/use-cases/self-assessments.ts';

export const handler = lambdaFor('self-assessments', selfAssessmentsOperations);
