import * as z from 'zod';
import { defineRoute } from '../route.ts';

const HealthResponseSchema = z.object({ status: z.literal('ok'), version: z.string() });

export const systemRoutes = [
  defineRoute({
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    fn: 'system',
    auth: 'public',
    summary: 'Liveness check',
    tags: ['system'],
    response: HealthResponseSchema,
  }),
  defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    fn: 'system',
    auth: 'public',
    summary: 'This API, as an OpenAPI 3.1 document generated from the route table',
    tags: ['system'],
    response: z.record(z.string(), z.unknown()),
  }),
] as const;
