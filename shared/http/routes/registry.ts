import type { RouteDef } from '../route.ts';

export const registryRoutes = [] as const satisfies readonly RouteDef[];
