import * as z from 'zod';
import { SummaryFormatSchema, SummaryScopeParamSchema } from '../../domain/summary/head.ts';
import { Iso3Schema, LanguageSchema } from '../../domain/types.ts';
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

export const publicRoutes = [
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
      reviewId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . - and _ only'),
      scope: SummaryScopeParamSchema,
    }),
    query: DocumentQuerySchema,
    response: z.string(),
    produces: 'text/html',
  }),
] as const;
