/**
 * The public findings database: observations of published summaries, searchable by text and
 * filters, paginated, exportable as CSV. Pure: the use case hands in only published findings
 * (those a published summary head names), so nothing else can match a query.
 */
import * as z from 'zod';
import { csvField } from '../gap-report/export.ts';
import {
  ArticleIdSchema,
  type FourP,
  FourPSchema,
  type Instrument,
  InstrumentSchema,
  type Iso3,
  type ObservationKind,
  ObservationKindSchema,
  type RegionalGroup,
  RegionalGroupSchema,
} from '../types.ts';

export interface Finding {
  observationId: string;
  reviewId: string;
  cycleId: string;
  year: number;
  state: Iso3;
  stateName: string;
  group: RegionalGroup | null;
  article: string;
  instrument: Instrument;
  cluster: number | null;
  kind: ObservationKind;
  /** The mechanism's word for the kind (UNTOC: "Suggestion"). */
  kindLabel: string;
  text: string;
  fourP: FourP[];
  sdgTargets: string[];
  /** The latest published, agreed follow-up of the observation, if any. */
  followUp: { status: string; label: string; reviewId: string } | null;
  /** The published summary it appears in (a link for the reader). */
  summary: { scope: string; path: string };
}

export const FindingsQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    article: ArticleIdSchema.optional(),
    instrument: InstrumentSchema.optional(),
    cluster: z.coerce.number().int().min(1).max(4).optional(),
    kind: ObservationKindSchema.optional(),
    fourP: FourPSchema.optional(),
    sdg: z
      .string()
      .regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'an SDG target like 16.2')
      .optional(),
    group: RegionalGroupSchema.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    /** A follow-up status id of the scale, or `none` for findings with no published follow-up. */
    followUpStatus: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a status id like partly-implemented, or none')
      .optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type FindingsQuery = z.infer<typeof FindingsQuerySchema>;

/** Case- and accent-insensitive words, so "bouake" finds "Bouaké". */
const fold = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const matches = (f: Finding, q: FindingsQuery): boolean => {
  if (q.article && f.article !== q.article) return false;
  if (q.instrument && f.instrument !== q.instrument) return false;
  if (q.cluster !== undefined && f.cluster !== q.cluster) return false;
  if (q.kind && f.kind !== q.kind) return false;
  if (q.fourP && !f.fourP.includes(q.fourP)) return false;
  if (q.sdg && !f.sdgTargets.includes(q.sdg)) return false;
  if (q.group && f.group !== q.group) return false;
  if (q.year !== undefined && f.year !== q.year) return false;
  if (q.followUpStatus && (f.followUp?.status ?? 'none') !== q.followUpStatus) return false;
  if (q.q) {
    const hay = fold(`${f.text} ${f.stateName} ${f.article}`);
    if (
      !fold(q.q)
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => hay.includes(w))
    )
      return false;
  }
  return true;
};

/** Newest year first, then State and article: a stable order for pages. */
const order = (a: Finding, b: Finding): number =>
  b.year - a.year ||
  a.stateName.localeCompare(b.stateName, 'en') ||
  (a.article < b.article ? -1 : a.article > b.article ? 1 : 0) ||
  (a.observationId < b.observationId ? -1 : 1);

export const searchFindings = (all: readonly Finding[], q: FindingsQuery) => {
  const hits = all.filter((f) => matches(f, q)).sort(order);
  const start = (q.page - 1) * q.pageSize;
  return {
    total: hits.length,
    page: q.page,
    pageSize: q.pageSize,
    pages: Math.max(1, Math.ceil(hits.length / q.pageSize)),
    findings: hits.slice(start, start + q.pageSize),
    all: hits,
  };
};

const CSV_HEADER = [
  'state',
  'state_name',
  'regional_group',
  'cycle',
  'year',
  'instrument',
  'article',
  'cluster',
  'kind',
  'text',
  'four_ps',
  'sdg_targets',
  'follow_up_status',
  'summary',
];

/** Every matching finding (not one page), RFC 4180 with CRLF; formula-looking cells neutralised. */
export const findingsCsv = (hits: readonly Finding[]): string => {
  const rows = [
    CSV_HEADER,
    ...hits.map((f) => [
      f.state,
      f.stateName,
      f.group ?? '',
      f.cycleId,
      f.year,
      f.instrument,
      f.article,
      f.cluster,
      f.kindLabel,
      f.text,
      f.fourP.join(' '),
      f.sdgTargets.join(' '),
      f.followUp?.label ?? '',
      f.summary.path,
    ]),
  ];
  return `${rows.map((r) => r.map((c) => csvField(c)).join(',')).join('\r\n')}\r\n`;
};
