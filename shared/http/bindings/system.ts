/** The system routes: liveness (a use case) and the OpenAPI document (HTTP by nature, built here). */
import { health, VERSION } from '../../use-cases/system.ts';
import { bind, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

let openApi: Record<string, unknown> | undefined;

export const systemBindings: Operations<'system'> = {
  getHealth: bind(health, { input: () => undefined, reply: ok }),
  getOpenApi: async () => {
    // Loaded on first use: the document needs every area's routes and schemas, whose zod
    // construction would otherwise be most of this function's cold start.
    openApi ??= (await import('../openapi.ts')).buildOpenApi(undefined, VERSION);
    return { body: openApi };
  },
};
