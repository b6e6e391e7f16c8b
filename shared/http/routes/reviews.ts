import type { RouteDef } from '../route.ts';

export const reviewRoutes = [] as const satisfies readonly RouteDef[];
