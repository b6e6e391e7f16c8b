import { selfAssessmentBindings } from '#shared/http/bindings/self-assessments.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { selfAssessmentRoutes } from '#shared/http/routes/self-assessments.ts';

export const handler = lambdaFor('self-assessments', selfAssessmentBindings, {
  routes: selfAssessmentRoutes,
});
