/**
 * Technical-assistance needs, followed by the secretariat: every agreed `ta-need` of a final list
 * of observations is a need (open until the secretariat records otherwise), with the kind of help,
 * a provider once matched, a status and dated notes. Pure: schemas, filters, CSV.
 */
import * as z from 'zod';
import { csvField } from './gap-report/export.ts';
import { ArticleIdSchema, InstrumentSchema, Iso3Schema } from './types.ts';

const TA_STATUSES = ['open', 'being-discussed', 'matched', 'delivered', 'closed'] as const;
export const TaStatusSchema = z.enum(TA_STATUSES);
type TaStatus = z.infer<typeof TaStatusSchema>;

export const TaNeedSchema = z.object({
  reviewId: z.string(),
  observationId: z.string(),
  cycleId: z.string(),
  state: Iso3Schema,
  stateName: z.string(),
  article: ArticleIdSchema,
  instrument: InstrumentSchema,
  /** The agreed text of the need (as the list of observations has it). */
  text: z.string(),
  status: TaStatusSchema,
  /** The kind of help (e.g. legislative drafting, training of investigators). */
  help: z.string().nullable(),
  provider: z.string().nullable(),
  notes: z.array(z.object({ at: z.iso.datetime(), by: z.string(), text: z.string() })),
  /** 0 until the secretariat first records something. */
  version: z.int().nonnegative(),
  updatedAt: z.iso.datetime().nullable(),
});
export type TaNeed = z.infer<typeof TaNeedSchema>;

export const TaFilterSchema = z
  .object({
    state: Iso3Schema.optional(),
    article: ArticleIdSchema.optional(),
    instrument: InstrumentSchema.optional(),
    cycleId: z.string().min(1).max(100).optional(),
    status: TaStatusSchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
type TaFilter = z.infer<typeof TaFilterSchema>;

export const filterTaNeeds = (needs: readonly TaNeed[], f: TaFilter): TaNeed[] =>
  needs
    .filter(
      (n) =>
        (!f.state || n.state === f.state) &&
        (!f.article || n.article === f.article) &&
        (!f.instrument || n.instrument === f.instrument) &&
        (!f.cycleId || n.cycleId === f.cycleId) &&
        (!f.status || n.status === f.status),
    )
    .sort((a, b) => a.stateName.localeCompare(b.stateName, 'en') || (a.article < b.article ? -1 : 1));

export const countByStatus = (needs: readonly { status: TaStatus }[]): Record<TaStatus, number> => {
  const out = Object.fromEntries(TA_STATUSES.map((s) => [s, 0])) as Record<TaStatus, number>;
  for (const n of needs) out[n.status] += 1;
  return out;
};

export const taNeedsCsv = (needs: readonly TaNeed[]): string => {
  const rows: (string | number | null)[][] = [
    ['state', 'state_name', 'cycle', 'instrument', 'article', 'need', 'status', 'help', 'provider', 'notes'],
    ...needs.map((n) => [
      n.state,
      n.stateName,
      n.cycleId,
      n.instrument,
      n.article,
      n.text,
      n.status,
      n.help,
      n.provider,
      n.notes.map((x) => `${x.at.slice(0, 10)} ${x.text}`).join(' | '),
    ]),
  ];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
};
