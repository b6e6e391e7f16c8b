import type { RouteDef } from '../route.ts';

export const summaryRoutes = [] as const satisfies readonly RouteDef[];
