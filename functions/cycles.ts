import { cycleBindings } from '#shared/http/bindings/cycles.ts';
import { lambdaFor } from '#shared/http/lambda.ts';
import { cycleRoutes } from '#shared/http/routes/cycles.ts';

export const handler = lambdaFor('cycles', cycleBindings, { routes: cycleRoutes });
