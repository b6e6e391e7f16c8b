import { lambdaFor } from '#shared/http/lambda.ts';
import { selfAssessmentRoutes } from '#shared/http/routes/self-assessments.ts';
import { selfAssessmentsOperations } from '#shared/use-cases/self-assessments.ts';

export const handler = lambdaFor('self-assessments', selfAssessmentsOperations, {
  routes: selfAssessmentRoutes,
});
