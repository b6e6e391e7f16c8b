/**
 * Phase `route-match`: the API Gateway route key selects the route and its operation. A key the
 * function does not serve is a 404 (only reachable by a misrouted event).
 */

import { HttpError } from '../errors.ts';
import type { Operation } from '../operation.ts';
import type { RouteDef } from '../route.ts';
import { routeKey } from '../route.ts';
import type { EdgeMiddleware } from './edge.ts';

export type RouteTable = ReadonlyMap<string, { route: RouteDef; op: Operation<RouteDef> }>;

/** The function's routes by route key; every route of `fn` must have an operation. */
export const routeTable = (
  fn: string,
  routes: readonly RouteDef[],
  operations: Record<string, Operation<RouteDef> | undefined>,
): RouteTable => {
  const table = new Map<string, { route: RouteDef; op: Operation<RouteDef> }>();
  for (const route of routes) {
    if (route.fn !== fn) continue;
    const op = operations[route.operationId];
    if (!op) throw new Error(`function ${fn}: no operation for ${route.operationId}`);
    table.set(routeKey(route), { route, op });
  }
  // The compiler checks the operations against the whole route table; the table given here must
  // carry each of them, or a route would answer 404 in its function.
  const served = new Set([...table.values()].map((e) => e.route.operationId));
  for (const id of Object.keys(operations)) {
    if (!served.has(id)) throw new Error(`function ${fn}: operation ${id} has no route in its table`);
  }
  return table;
};

export const routeMatch = (table: RouteTable): EdgeMiddleware => ({
  name: 'route-match',
  before: (request) => {
    const entry = table.get(request.event.routeKey);
    // A fresh state per request: nothing of a previous invocation can leak through the context.
    request.context.edge = entry ? { route: entry.route, op: entry.op } : {};
    if (!entry) throw new HttpError(404, 'NOT_FOUND', `no route ${request.event.routeKey}`);
  },
});
