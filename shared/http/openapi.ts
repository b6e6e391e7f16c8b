/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas: every route, its
 * auth requirement, and its request/response schemas. Nothing here is written by hand per route.
 */
import * as z from 'zod';
import { ErrorBodySchema } from './errors.ts';
import type { RouteDef } from './route.ts';
import { ROUTES } from './routes.ts';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest;
};

const parametersOf = (route: RouteDef): unknown[] => {
  const out: unknown[] = [];
  const add = (where: 'path' | 'query', obj: z.ZodObject | undefined) => {
    if (!obj) return;
    const js = schemaOf(obj, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema });
    }
  };
  add('path', route.params);
  add('query', route.query);
  if (route.version) {
    out.push({
      name: 'If-Match',
      in: 'header',
      required: route.version !== 'optional',
      description:
        'The version you read (its ETag). Missing: 428; not a version: 400; no longer current: 412 (docs/api-conventions.md).',
      schema: { type: 'string', pattern: '^(W/)?("[0-9]+"|[0-9]+)$' },
    });
  }
  for (const h of route.headers ?? [])
    out.push({ name: h, in: 'header', required: false, schema: { type: 'string' } });
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A retry with the same key returns the first result instead of acting twice.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
    });
  }
  return out;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export const buildOpenApi = (
  routes: readonly RouteDef[] = ROUTES,
  version = '0.1.0',
): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const produces = route.produces ?? 'application/json';
    const success = String(route.status ?? 200);
    const op: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
      parameters: parametersOf(route),
      responses: {
        [success]: {
          description: 'Success',
          content: Object.fromEntries(
            [produces, ...(route.alsoProduces ?? [])].map((type) => [
              type,
              {
                schema:
                  type === 'application/json'
                    ? schemaOf(route.response, 'output')
                    : {
                        type: 'string',
                        ...(type.startsWith('text/') || type === 'image/svg+xml' ? {} : { format: 'binary' }),
                      },
              },
            ]),
          ),
        },
        '400': errorResponse('Invalid request (the body names each invalid field)'),
        ...(route.auth === 'user'
          ? {
              '401': errorResponse('Missing or invalid token'),
              '403': errorResponse('Not allowed for this role or State'),
            }
          : {}),
        '404': errorResponse('Not found'),
        ...(route.method !== 'GET'
          ? { '409': errorResponse('Conflict with the current state (reload and retry)') }
          : {}),
        '500': errorResponse('Unexpected error (generic message, no internals)'),
      },
    };
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      };
    }
    paths[route.path] ??= {};
    const byMethod = paths[route.path];
    if (byMethod) byMethod[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'cop-review API',
      version,
      description: 'Peer-review platform for treaty review mechanisms (UNTOC and its Protocols, UNCAC, UPR).',
    },
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemaOf(ErrorBodySchema, 'output') },
    },
  };
};
