import type { RouteDef } from '../route.ts';

export const publicRoutes = [] as const satisfies readonly RouteDef[];
