import { cycleBindings } from '#shared/http/bindings/cycles.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('cycles', cycleBindings);
