import * as z from 'zod';
import { CycleIdSchema, SAFE_SEGMENT } from '../../domain/ids.ts';
import { YES_NO_PARTLY } from '../../domain/questionnaire/index.ts';
import {
  ConsentSchema,
  CountrySetIdSchema,
  CountrySetInputSchema,
  CountrySetSchema,
} from '../../domain/response-report/country-sets.ts';
import { InstrumentSchema, Iso3Schema, LanguageSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const SetParams = z.object({ setId: CountrySetIdSchema });

const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'pdf', 'svg'] as const;

/** `states=BLZ,CAN`: a comma-separated list of ISO3 codes. */
const StatesListSchema = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim().toUpperCase()))
  .pipe(z.array(Iso3Schema).min(1, 'must list at least one State').max(250));

const ResponseReportQuerySchema = z
  .object({
    instrument: InstrumentSchema,
    set: CountrySetIdSchema.optional(),
    states: StatesListSchema.optional(),
    cycleId: CycleIdSchema.optional(),
    /** An earlier cycle id, or `previous-version` (each State's version before its latest). */
    compareTo: z.string().regex(SAFE_SEGMENT, 'must be a cycle id or previous-version').optional(),
    /** "Complete by" date to judge completion against (default: the set's, else each review's). */
    deadline: z.iso.datetime({ error: 'must be an ISO date-time, e.g. 2026-06-30T00:00:00Z' }).optional(),
    format: z.enum(REPORT_FORMATS).default('json'),
    /** The language of the html, pdf and svg formats' own words (headings, column names). */
    lang: LanguageSchema.optional(),
  })
  .strict();

const CellSchema = z.union([
  z.number().int(),
  z.object({ suppressed: z.literal('small'), below: z.number().int() }),
  z.object({ suppressed: z.literal('complementary') }),
]);

/** The contract's core; the full shape is documented in docs/analytics.md. */
const ResponseReportSchema = z.object({
  instrument: InstrumentSchema,
  set: z.object({ id: z.string().nullable(), name: z.string(), members: z.array(Iso3Schema) }),
  cycleId: z.string().nullable(),
  threshold: z.number().int(),
  named: z.enum(['all', 'some', 'none']),
  questions: z.array(
    z.object({
      questionId: z.string(),
      article: z.string(),
      answered: z.number().int(),
      counts: z.partialRecord(z.enum(YES_NO_PARTLY), CellSchema),
    }),
  ),
  states: z.array(
    z.object({
      iso3: Iso3Schema,
      submitted: z.boolean(),
      submittedAt: z.string().nullable(),
      onTime: z.boolean().nullable(),
    }),
  ),
  /** Agreed follow-up statuses of earlier observations in the counted States' reviews (issue 19). */
  followUps: z.object({
    statuses: z.array(z.object({ id: z.string(), label: z.string() })),
    total: z.number().int(),
    counts: z.record(z.string(), CellSchema),
    byArticle: z.array(
      z.object({ article: z.string(), total: z.number().int(), counts: z.record(z.string(), CellSchema) }),
    ),
    items: z.array(
      z.object({
        iso3: Iso3Schema,
        article: z.string(),
        kind: z.string(),
        text: z.string(),
        status: z.string(),
      }),
    ),
  }),
});

export const reportRoutes = [
  defineRoute({
    operationId: 'listCountrySets',
    method: 'GET',
    path: '/country-sets',
    fn: 'reports',
    auth: 'user',
    summary:
      'Country sets for response reports: the UN regional groups and named sets (retired ones with ?retired=true)',
    tags: ['reports'],
    query: z.object({ retired: z.enum(['true', 'false']).default('false') }).strict(),
    response: z.object({ sets: z.array(CountrySetSchema) }),
  }),
  defineRoute({
    operationId: 'getCountrySet',
    method: 'GET',
    path: '/country-sets/{setId}',
    fn: 'reports',
    auth: 'user',
    summary: 'One country set, with the States that consented to share their answers with it',
    tags: ['reports'],
    params: SetParams,
    response: CountrySetSchema.extend({ consents: z.array(ConsentSchema) }),
  }),
  defineRoute({
    operationId: 'createCountrySet',
    method: 'POST',
    path: '/country-sets',
    fn: 'reports',
    auth: 'user',
    summary: 'Add a country set (secretariat)',
    tags: ['reports'],
    body: CountrySetInputSchema.extend({ id: CountrySetIdSchema }),
    response: CountrySetSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'updateCountrySet',
    method: 'PUT',
    path: '/country-sets/{setId}',
    fn: 'reports',
    auth: 'user',
    summary: 'Edit a country set (secretariat; If-Match: the version read)',
    tags: ['reports'],
    params: SetParams,
    version: 'required',
    body: CountrySetInputSchema,
    response: CountrySetSchema,
  }),
  defineRoute({
    operationId: 'retireCountrySet',
    method: 'POST',
    path: '/country-sets/{setId}/retirement',
    fn: 'reports',
    auth: 'user',
    summary:
      'Retire a country set (secretariat; If-Match: the version read); its reports stay reproducible by State list',
    tags: ['reports'],
    params: SetParams,
    version: 'required',
    response: CountrySetSchema,
  }),
  defineRoute({
    operationId: 'setCountrySetConsent',
    method: 'PUT',
    path: '/country-sets/{setId}/consents/{iso3}',
    fn: 'reports',
    auth: 'user',
    summary:
      "Grant or withdraw a State's consent to share its named answers with the States of a set (its focal point, or the secretariat on its behalf)",
    tags: ['reports'],
    params: SetParams.extend({ iso3: Iso3Schema }),
    body: z.object({ share: z.boolean() }).strict(),
    response: ConsentSchema,
  }),
  defineRoute({
    operationId: 'getResponseReport',
    method: 'GET',
    path: '/reports/responses',
    fn: 'reports',
    auth: 'user',
    summary:
      'How a set of States answered a questionnaire: counts per question, completion, gaps, change, laws cited (json, csv, xlsx, html, svg)',
    tags: ['reports'],
    query: ResponseReportQuerySchema,
    response: ResponseReportSchema,
    alsoProduces: [
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/html',
      'image/svg+xml',
    ],
  }),
] as const;
