/**
 * Input contract of country review summaries and gap reports: what the dialogue code (the
 * list of observations) and the self-assessment hand to the pure summary builder.
 */
import * as z from 'zod';
import {
  ArticleIdSchema,
  FourPSchema,
  InstrumentSchema,
  Iso3Schema,
  LanguageSchema,
  LegalSystemSchema,
  ObservationKindSchema,
  RegionalGroupSchema,
} from '#shared/domain/types.ts';
import { SummaryObservationIdSchema } from '../ids.ts';

/**
 * Life of one entry of a list of observations. Only `agreed` entries (agreed with the
 * reviewed State) enter a summary or a gap report.
 */
const OBSERVATION_STATUSES = ['draft', 'proposed', 'agreed', 'disputed', 'withdrawn'] as const;
const ObservationStatusSchema = z.enum(OBSERVATION_STATUSES);

/** Thematic clusters of articles, reviewed in four phases (DOMAIN.md). */
export const ClusterSchema = z.number().int().min(1).max(4);
export type Cluster = z.infer<typeof ClusterSchema>;

export const ObservationSchema = z.object({
  id: SummaryObservationIdSchema,
  article: ArticleIdSchema,
  /** Title of the article as written by the drafters (body text, not translated). */
  articleTitle: z.string().min(1).optional(),
  kind: ObservationKindSchema,
  text: z.string().trim().min(1),
  status: ObservationStatusSchema,
  fourP: z.array(FourPSchema).optional(),
  cluster: ClusterSchema.optional(),
  /** Optional tag (e.g. `victim-identification`) grouping similar challenges in gap reports. */
  theme: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case slug')
    .optional(),
});
export type Observation = z.infer<typeof ObservationSchema>;

/**
 * An agreed follow-up of an earlier observation (issue 19): the earlier text, and the status the
 * State reported and the reviewing States confirmed, with its words from the scale (data).
 */
const SummaryFollowUpSchema = z.object({
  id: SummaryObservationIdSchema,
  article: ArticleIdSchema,
  kind: ObservationKindSchema,
  text: z.string().trim().min(1),
  cluster: ClusterSchema.optional(),
  /** The cycle of the review that made the observation. */
  fromCycleId: z.string().min(1),
  status: z.string().min(1),
  statusLabels: z.partialRecord(LanguageSchema, z.string().min(1)),
  explanation: z.string().trim().min(1).optional(),
});
export type SummaryFollowUp = z.infer<typeof SummaryFollowUpSchema>;

/** Lifecycle of a summary: draft → agreed by the reviewed State → published by the secretariat. */
const SUMMARY_LIFECYCLE = ['draft', 'agreed', 'published'] as const;
export const SummaryLifecycleSchema = z.enum(SUMMARY_LIFECYCLE);
export type SummaryLifecycle = z.infer<typeof SummaryLifecycleSchema>;

const IsoDateSchema = z.iso.date();

export const SummaryInputSchema = z
  .object({
    state: z.object({
      iso3: Iso3Schema,
      name: z.string().trim().min(1),
      group: RegionalGroupSchema.nullable(),
      legalSystem: LegalSystemSchema,
    }),
    cycleId: z.string().min(1),
    /** The cycle as readers know it (its name); absent: the documents name the cycle by its id. */
    cycleName: z.string().trim().min(1).optional(),
    /** The agreed text: the document version the reviewed State agreed to, and the day. */
    agreed: z.object({ documentVersion: z.number().int().positive(), date: IsoDateSchema }).optional(),
    reviewPeriod: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
    instruments: z.array(InstrumentSchema).min(1),
    reviewingStates: z
      .array(
        z.object({
          iso3: Iso3Schema,
          name: z.string().trim().min(1),
          /** Instruments this State reviews; absent = all instruments of the review. */
          instruments: z.array(InstrumentSchema).optional(),
        }),
      )
      .min(1),
    observations: z.array(ObservationSchema),
    /** Agreed follow-ups of the State's earlier observations (empty in its first review). */
    followUps: z.array(SummaryFollowUpSchema).default([]),
    /** Narrative overview from the self-assessment (body text, shown as written). */
    selfAssessmentOverview: z.string().trim().min(1).optional(),
    lifecycle: SummaryLifecycleSchema.default('draft'),
  })
  .superRefine((input, ctx) => {
    if (input.reviewPeriod.from > input.reviewPeriod.to) {
      ctx.addIssue({ code: 'custom', path: ['reviewPeriod'], message: 'from must not be after to' });
    }
    const seen = new Set<string>();
    input.observations.forEach((o, i) => {
      if (seen.has(o.id)) {
        ctx.addIssue({ code: 'custom', path: ['observations', i, 'id'], message: `duplicate id ${o.id}` });
      }
      seen.add(o.id);
      const instrument = o.article.split('.')[0];
      if (!input.instruments.some((x) => x === instrument)) {
        // A State is reviewed only for the instruments it is party to.
        ctx.addIssue({
          code: 'custom',
          path: ['observations', i, 'article'],
          message: `${o.article} is not under an instrument of this review`,
        });
      }
    });
  });
/** What callers may pass (defaults not yet applied). */
export type SummaryInputData = z.input<typeof SummaryInputSchema>;
