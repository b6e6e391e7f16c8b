import * as z from 'zod';
import { ReviewIdSchema } from '../../domain/ids.ts';
import { FindingsQuerySchema } from '../../domain/public/findings.ts';
import { PUBLIC_STATUSES } from '../../domain/public/review-status.ts';
import { SummaryFormatSchema, SummaryScopeParamSchema } from '../../domain/summary/head.ts';
import {
  Iso3Schema,
  LanguageSchema,
  ObservationKindSchema,
  RegionalGroupSchema,
} from '../../domain/types.ts';
import { ReviewStateSchema } from '../../domain/workflow.ts';
import { defineRoute } from '../route.ts';
import { DocumentQuerySchema } from './summaries.ts';

/** What the public sees of a published summary: no observations, no drafts, no internal ids. */
export const PublishedSummarySchema = z.object({
  reviewId: z.string(),
  cycleId: z.string(),
  state: Iso3Schema,
  stateName: z.string(),
  scope: SummaryScopeParamSchema,
  publishedAt: z.iso.datetime(),
  documentVersion: z.number().int(),
  available: z.array(z.object({ lang: LanguageSchema, format: SummaryFormatSchema })),
});

const Counts = z.object({
  'not-started': z.number().int(),
  'in-progress': z.number().int(),
  completed: z.number().int(),
  'summary-published': z.number().int(),
  total: z.number().int(),
});

export const ReviewStatusSchema = z.object({
  counts: Counts,
  cycles: z.array(
    z.object({
      cycleId: z.string(),
      name: z.string(),
      year: z.number().int(),
      mechanism: z.string(),
      counts: Counts,
    }),
  ),
  states: z.array(
    z.object({
      iso3: Iso3Schema,
      name: z.string(),
      group: RegionalGroupSchema.nullable(),
      reviews: z.array(
        z.object({
          cycleId: z.string(),
          status: z.enum(PUBLIC_STATUSES),
          stage: ReviewStateSchema.nullable(),
          focalPointInstitution: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const FindingSchema = z.object({
  observationId: z.string(),
  reviewId: z.string(),
  cycleId: z.string(),
  year: z.number().int(),
  state: Iso3Schema,
  stateName: z.string(),
  group: RegionalGroupSchema.nullable(),
  article: z.string(),
  instrument: z.string(),
  cluster: z.number().int().nullable(),
  kind: ObservationKindSchema,
  kindLabel: z.string(),
  text: z.string(),
  fourP: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  followUp: z.object({ status: z.string(), label: z.string(), reviewId: z.string() }).nullable(),
  summary: z.object({ scope: z.string(), path: z.string() }),
});

export const publicRoutes = [
  defineRoute({
    operationId: 'getPublicReviewStatus',
    method: 'GET',
    path: '/public/review-status',
    fn: 'public',
    auth: 'public',
    summary:
      'Where every review stands (no sign-in): each State party with its status per cycle (cluster phase), counts, and the focal point institution where the State agreed to show it',
    tags: ['public'],
    query: z.object({ cycleId: z.string().min(1).max(100).optional() }).strict(),
    response: ReviewStatusSchema,
  }),
  defineRoute({
    operationId: 'searchPublicFindings',
    method: 'GET',
    path: '/public/findings',
    fn: 'public',
    auth: 'public',
    summary:
      'Published observations (no sign-in), searchable by text, article, instrument, cluster, kind, four-P theme, SDG target, regional group, year and follow-up status; paginated; format=csv for every match',
    tags: ['public'],
    query: FindingsQuerySchema,
    response: z.object({
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      pages: z.number().int(),
      findings: z.array(FindingSchema),
    }),
    alsoProduces: ['text/csv'],
  }),
  defineRoute({
    operationId: 'listPublishedSummaries',
    method: 'GET',
    path: '/public/summaries',
    fn: 'public',
    auth: 'public',
    summary: 'Published country review summaries (no sign-in)',
    tags: ['public'],
    query: z.object({ state: Iso3Schema.optional() }).strict(),
    response: z.object({ summaries: z.array(PublishedSummarySchema) }),
  }),
  defineRoute({
    operationId: 'getPublishedSummary',
    method: 'GET',
    path: '/public/summaries/{reviewId}/{scope}',
    fn: 'public',
    auth: 'public',
    summary: 'A published summary in one language and format (no sign-in)',
    tags: ['public'],
    params: z.object({
      reviewId: ReviewIdSchema,
      scope: SummaryScopeParamSchema,
    }),
    query: DocumentQuerySchema,
    response: z.string(),
    produces: 'text/html',
  }),
] as const;
