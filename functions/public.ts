import { publicBindings } from '#shared/http/bindings/public.ts';
import { lambdaFor } from '#shared/http/lambda.ts';

export const handler = lambdaFor('public', publicBindings);
