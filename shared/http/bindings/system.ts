/** The system routes: liveness (a use case) and the OpenAPI document (HTTP by nature, built here). */
import { health, VERSION } from '../../use-cases/system.ts';
import { bind, ok } from '../bind.ts';
import { buildOpenApi } from '../openapi.ts';
import type { Operations } from '../operation.ts';

let openApi: Record<string, unknown> | undefined;

export const systemBindings: Operations<'system'> = {
  getHealth: bind(health, { input: () => undefined, reply: ok }),
  getOpenApi: async () => {
    openApi ??= buildOpenApi(undefined, VERSION);
    return { body: openApi };
  },
};
