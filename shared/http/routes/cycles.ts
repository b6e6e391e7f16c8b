import type { RouteDef } from '../route.ts';

export const cycleRoutes = [] as const satisfies readonly RouteDef[];
