import type { Operations } from '../http/lambda.ts';
import { buildOpenApi } from '../http/openapi.ts';

const VERSION = '0.1.0';

let openApi: Record<string, unknown> | undefined;

export const systemOperations: Operations<'system'> = {
  getHealth: async () => ({ body: { status: 'ok', version: VERSION } }),
  getOpenApi: async () => {
    openApi ??= buildOpenApi(undefined, VERSION);
    return { body: openApi };
  },
};
