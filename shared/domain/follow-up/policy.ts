/**
 * The follow-up policy of a mechanism: the status scale (kept as data, with its words in the six
 * languages), which kinds of agreed observation are followed up, who must confirm a reported
 * status, and until when statuses are reported. DOMAIN.md gives none of these rules, so each is a
 * setting with the default issue 19 names; a cycle may carry its own (`Cycle.followUp`).
 */
import * as z from 'zod';
import { LanguageSchema, type Mechanism, ObservationKindSchema } from '../types.ts';
import { ReviewStateSchema } from '../workflow.ts';

export const FollowUpStatusIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a lower-case slug (letters, digits, -)');

const ScaleStepSchema = z.object({
  id: FollowUpStatusIdSchema,
  /** An agreed status that closes the chain: the observation is not followed up again. */
  closes: z.boolean(),
  /** The words for the status; English is required, other languages fall back to it. */
  labels: z.partialRecord(LanguageSchema, z.string().min(1)).refine((l) => l.en !== undefined, {
    message: 'an English label is required',
  }),
});

export const FollowUpPolicySchema = z.object({
  scale: z
    .array(ScaleStepSchema)
    .min(2)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, { message: 'status ids must be unique' }),
  /** Kinds of agreed observation that become follow-up items in the State's next review. */
  kinds: z.array(ObservationKindSchema).min(1),
  /** `all-reviewers`: every reviewing State of the article's instrument confirms; `any-reviewer`: one. */
  agreement: z.enum(['all-reviewers', 'any-reviewer']),
  /** Statuses are reported and confirmed while the new review is in an earlier state. */
  closesAt: ReviewStateSchema,
});
export type FollowUpPolicy = z.infer<typeof FollowUpPolicySchema>;

/** The default scale of issue 19. */
const DEFAULT_SCALE: z.infer<typeof ScaleStepSchema>[] = [
  {
    id: 'implemented',
    closes: true,
    labels: {
      en: 'Implemented',
      fr: 'Mise en œuvre',
      es: 'Aplicada',
      ru: 'Выполнено',
      zh: '已落实',
      ar: 'نُفذت',
    },
  },
  {
    id: 'partly-implemented',
    closes: false,
    labels: {
      en: 'Partly implemented',
      fr: 'Partiellement mise en œuvre',
      es: 'Aplicada parcialmente',
      ru: 'Выполнено частично',
      zh: '部分落实',
      ar: 'نُفذت جزئيا',
    },
  },
  {
    id: 'not-implemented',
    closes: false,
    labels: {
      en: 'Not implemented',
      fr: 'Non mise en œuvre',
      es: 'No aplicada',
      ru: 'Не выполнено',
      zh: '未落实',
      ar: 'لم تُنفذ',
    },
  },
  {
    id: 'no-longer-applicable',
    closes: true,
    labels: {
      en: 'No longer applicable',
      fr: 'Sans objet',
      es: 'Ya no es aplicable',
      ru: 'Более не применимо',
      zh: '不再适用',
      ar: 'لم تعد منطبقة',
    },
  },
];

const DEFAULT_POLICY: FollowUpPolicy = {
  scale: DEFAULT_SCALE,
  // "challenges, suggestions, technical-assistance needs" (issue 19); good practices are not followed up.
  kinds: ['challenge', 'recommendation', 'ta-need'],
  agreement: 'all-reviewers',
  closesAt: 'observations-agreed',
};

export const FOLLOW_UP_PRESETS: Record<Mechanism, FollowUpPolicy> = {
  untoc: DEFAULT_POLICY,
  uncac: DEFAULT_POLICY,
  'upr-troika': DEFAULT_POLICY,
};

/** The words for a status in one language (English when the scale has none in it). */
export const statusLabel = (
  policy: FollowUpPolicy,
  id: string,
  lang: z.infer<typeof LanguageSchema>,
): string => {
  const step = policy.scale.find((s) => s.id === id);
  return step?.labels[lang] ?? step?.labels.en ?? id;
};
