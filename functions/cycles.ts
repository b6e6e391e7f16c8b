import { lambdaFor } from '#shared/http/lambda.ts';
import { cyclesOperations } from '#shared/use-cases/cycles.ts';

export const handler = lambdaFor('cycles', cyclesOperations);
