import type { RouteDef } from '../route.ts';

export const selfAssessmentRoutes = [] as const satisfies readonly RouteDef[];
