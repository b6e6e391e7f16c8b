import type { RouteDef } from '../route.ts';

export const dialogueRoutes = [] as const satisfies readonly RouteDef[];
