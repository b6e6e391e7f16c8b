import * as z from 'zod';
import { GapReportFilterSchema } from '../../domain/gap-report/gap-report.ts';
import { CycleIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import {
  SummaryFormatSchema,
  SummaryHeadSchema,
  SummaryScopeParamSchema,
} from '../../domain/summary/head.ts';
import { LanguageSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const SummaryParams = z.object({ reviewId: ReviewIdSchema, scope: SummaryScopeParamSchema });
export const DocumentQuerySchema = z
  .object({ lang: LanguageSchema.default('en'), format: SummaryFormatSchema.default('html') })
  .strict();
const LifecycleBody = z.object({ documentVersion: z.number().int().positive() }).strict();
const BatchProgressSchema = z.object({
  total: z.number().int(),
  done: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(z.object({ reviewId: z.string(), reason: z.string() })),
});

export const summaryRoutes = [
  defineRoute({
    operationId: 'generateSummary',
    method: 'POST',
    path: '/reviews/{reviewId}/summaries/{scope}',
    fn: 'summaries',
    auth: 'user',
    summary: 'Generate the draft country review summary from the agreed list of observations',
    tags: ['summaries'],
    params: SummaryParams,
    response: SummaryHeadSchema,
    status: 201,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listSummaries',
    method: 'GET',
    path: '/reviews/{reviewId}/summaries',
    fn: 'summaries',
    auth: 'user',
    summary: 'The summaries of a review with their lifecycle and files',
    tags: ['summaries'],
    params: z.object({ reviewId: ReviewIdSchema }),
    response: z.object({ summaries: z.array(SummaryHeadSchema) }),
  }),
  defineRoute({
    operationId: 'getSummaryDocument',
    method: 'GET',
    path: '/reviews/{reviewId}/summaries/{scope}/document',
    fn: 'summaries',
    auth: 'user',
    summary: 'A summary document in one language and format (md, html, pdf)',
    tags: ['summaries'],
    params: SummaryParams,
    query: DocumentQuerySchema,
    response: z.string(),
    produces: 'text/html',
  }),
  defineRoute({
    operationId: 'agreeSummary',
    method: 'POST',
    path: '/reviews/{reviewId}/summaries/{scope}/agreement',
    fn: 'summaries',
    auth: 'user',
    summary: 'The reviewed State agrees the draft summary (its focal point)',
    tags: ['summaries'],
    params: SummaryParams,
    body: LifecycleBody,
    response: SummaryHeadSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'publishSummary',
    method: 'POST',
    path: '/reviews/{reviewId}/summaries/{scope}/publication',
    fn: 'summaries',
    auth: 'user',
    summary: 'Publish an agreed summary (secretariat); only published summaries are public',
    tags: ['summaries'],
    params: SummaryParams,
    body: LifecycleBody,
    response: SummaryHeadSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getGapReport',
    method: 'GET',
    path: '/gap-report',
    fn: 'summaries',
    auth: 'user',
    summary: 'Cross-country gap report (secretariat): counts per article and four-P theme, top challenges',
    tags: ['summaries'],
    query: GapReportFilterSchema.omit({ group: true })
      .extend({
        group: GapReportFilterSchema.shape.group.unwrap().unwrap().optional(),
        cluster: z.coerce.number().int().min(1).max(4).optional(),
        format: z.enum(['json', 'csv', 'svg']).default('json'),
        chart: z.enum(['by-article', 'by-four-p']).default('by-article'),
        nameCountries: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
      })
      .strict(),
    response: z.string(),
    // Text as-is (JSON, CSV or SVG by `format`); the reply sets the exact content type.
    produces: 'text/csv',
  }),
  defineRoute({
    operationId: 'regenerateSummaries',
    method: 'POST',
    path: '/cycles/{cycleId}/summary-regenerations',
    fn: 'summaries',
    auth: 'user',
    summary: 'Regenerate the draft summaries of every ready review of a cycle (secretariat)',
    tags: ['summaries'],
    params: z.object({ cycleId: CycleIdSchema }),
    response: BatchProgressSchema,
    idempotent: true,
  }),
] as const;
