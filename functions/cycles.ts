import { lambdaFor } from '#shared/http/lambda.ts';
import { cycleRoutes } from '#shared/http/routes/cycles.ts';
import { cyclesOperations } from '#shared/use-cases/cycles.ts';

export const handler = lambdaFor('cycles', cyclesOperations, { routes: cycleRoutes });
