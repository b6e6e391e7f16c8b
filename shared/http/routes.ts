/**
 * The route table: every HTTP operation of the platform. Area files declare their routes; this
 * file only assembles them. The local gateway, the CDK API and the OpenAPI document read it.
 */
import { cycleRoutes } from './routes/cycles.ts';
import { dialogueRoutes } from './routes/dialogue.ts';
import { followUpRoutes } from './routes/follow-ups.ts';
import { peopleRoutes } from './routes/people.ts';
import { preferenceRoutes } from './routes/preferences.ts';
import { publicRoutes } from './routes/public.ts';
import { questionnaireRoutes } from './routes/questionnaires.ts';
import { registryRoutes } from './routes/registry.ts';
import { reportRoutes } from './routes/reports.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { searchRoutes } from './routes/search.ts';
import { selfAssessmentRoutes } from './routes/self-assessments.ts';
import { summaryRoutes } from './routes/summaries.ts';
import { systemRoutes } from './routes/system.ts';
import { taNeedRoutes } from './routes/ta-needs.ts';

export const ROUTES = [
  ...systemRoutes,
  ...registryRoutes,
  ...cycleRoutes,
  ...reviewRoutes,
  ...selfAssessmentRoutes,
  ...dialogueRoutes,
  ...summaryRoutes,
  ...publicRoutes,
  ...reportRoutes,
  ...questionnaireRoutes,
  ...peopleRoutes,
  ...preferenceRoutes,
  ...followUpRoutes,
  ...taNeedRoutes,
  ...searchRoutes,
] as const;
