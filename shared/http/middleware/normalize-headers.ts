/** Phase `normalize-headers`: header names lower-cased, once, for every later phase. */
import { type EdgeMiddleware, stateOf } from './edge.ts';

export const normalizeHeaders = (): EdgeMiddleware => ({
  name: 'normalize-headers',
  before: ({ event, context }) => {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
    stateOf(context, 'normalize-headers').headers = headers;
  },
});
