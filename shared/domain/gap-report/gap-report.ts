/**
 * Gap report for the secretariat: counts of agreed observations across reviews, per article
 * and per "four Ps" theme, and the most frequent challenges. By default it names no country
 * (as the mechanism's general report is discussed without naming countries).
 */
import * as z from 'zod';
import { ValidationError } from '#shared/domain/errors.ts';
import { compareArticleIds, parseArticleId } from '#shared/domain/summary/document.ts';
import { ClusterSchema, type Observation, ObservationSchema } from '#shared/domain/summary/input.ts';
import {
  type ArticleId,
  ArticleIdSchema,
  FOUR_PS,
  type FourP,
  type Instrument,
  InstrumentSchema,
  Iso3Schema,
  OBSERVATION_KINDS,
  type ObservationKind,
  ObservationKindSchema,
  RegionalGroupSchema,
} from '#shared/domain/types.ts';

export const GapReportFilterSchema = z.strictObject({
  cycleId: z.string().min(1).optional(),
  instrument: InstrumentSchema.optional(),
  /** Regional group of the reviewed State; `null` selects States in no group. */
  group: RegionalGroupSchema.nullable().optional(),
  cluster: ClusterSchema.optional(),
});
export type GapReportFilter = z.infer<typeof GapReportFilterSchema>;

/** An agreed follow-up of an earlier observation (issue 19): counted by status. */
const GapFollowUpSchema = z.object({
  article: ArticleIdSchema,
  kind: ObservationKindSchema,
  cluster: ClusterSchema.optional(),
  status: z.string().min(1),
});

const GapReviewInputSchema = z.object({
  cycleId: z.string().min(1),
  state: z.object({ iso3: Iso3Schema, name: z.string().min(1), group: RegionalGroupSchema.nullable() }),
  observations: z.array(ObservationSchema),
  followUps: z.array(GapFollowUpSchema).default([]),
  /** The secretariat's status of each agreed TA need (the technical-assistance list). */
  taNeeds: z
    .array(z.object({ article: ArticleIdSchema, cluster: ClusterSchema.optional(), status: z.string() }))
    .default([]),
});
/** What callers pass (follow-ups optional). */
export type GapReviewInput = z.input<typeof GapReviewInputSchema>;

export interface GapReportOptions {
  /** Name the reviewed States (list of States, and per top challenge). Default false. */
  nameCountries?: boolean;
  /** How many most frequent challenges to list. Default 10. */
  topChallenges?: number;
}

export type KindCounts = Record<ObservationKind, number>;

interface ArticleRow {
  article: ArticleId;
  instrument: Instrument;
  counts: KindCounts;
  total: number;
}

interface FourPRow {
  /** `unassigned` = observations tagged with no P. */
  fourP: FourP | 'unassigned';
  counts: KindCounts;
  total: number;
}

interface TopChallenge {
  /** Grouping key: `theme:<tag>` or `text:<article>:<normalized text>`. */
  key: string;
  /** The theme tag, when the group is a theme. */
  theme: string | null;
  /** Articles the grouped challenges were raised under. */
  articles: ArticleId[];
  /** Most common wording in the group, with reviewed States' names and codes redacted unless named. */
  text: string;
  /** Distinct reviews (States in a cycle) raising it: the ranking figure. */
  reviews: number;
  observations: number;
  /** Only with `nameCountries`. */
  states?: string[];
}

export interface GapReport {
  filter: GapReportFilter;
  reviewsCounted: number;
  observationsCounted: number;
  totals: KindCounts & { total: number };
  byArticle: ArticleRow[];
  byFourP: FourPRow[];
  topChallenges: TopChallenge[];
  /** Agreed follow-up statuses of earlier observations in the selected reviews, in first-seen order. */
  followUpByStatus: { status: string; count: number }[];
  /** Technical-assistance needs of the selected reviews by the secretariat's status. */
  taNeedsByStatus: { status: string; count: number }[];
  /** Only with `nameCountries`: reviewed States counted, by name. */
  states?: string[];
}

/** Placeholder replacing reviewed States' names in anonymous reports. */
export const REDACTED_STATE = '[State under review]';

const zeroCounts = (): KindCounts => ({ 'good-practice': 0, challenge: 0, recommendation: 0, 'ta-need': 0 });
const sum = (c: KindCounts): number => OBSERVATION_KINDS.reduce((n, k) => n + c[k], 0);

/**
 * Normalizes a challenge text for grouping: Unicode NFKD without combining marks (so
 * "Bouaké" = "Bouake"), lower case, every run of non-letters/digits as one space.
 */
export function normalizeChallengeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matchesFilter(
  o: Pick<Observation, 'status' | 'article' | 'cluster'>,
  filter: GapReportFilter,
): boolean {
  if (o.status !== 'agreed') return false;
  if (filter.instrument !== undefined && parseArticleId(o.article).instrument !== filter.instrument)
    return false;
  if (filter.cluster !== undefined && o.cluster !== filter.cluster) return false;
  return true;
}

/**
 * Builds the gap report over `reviews` selected by `filter`. Only agreed observations count.
 * An observation tagged with several Ps counts once under each of them (so the four-P rows
 * can add up to more than the totals); untagged ones count under `unassigned`.
 */
export function buildGapReport(
  reviews: readonly GapReviewInput[],
  filterInput: GapReportFilter = {},
  options: GapReportOptions = {},
): GapReport {
  const filter = GapReportFilterSchema.parse(filterInput);
  const parsed = z.array(GapReviewInputSchema).safeParse(reviews);
  if (!parsed.success) throw new ValidationError('invalid gap report input', z.treeifyError(parsed.error));
  const nameCountries = options.nameCountries ?? false;
  const topN = options.topChallenges ?? 10;

  const selected = parsed.data.filter(
    (r) =>
      (filter.cycleId === undefined || r.cycleId === filter.cycleId) &&
      (filter.group === undefined || r.state.group === filter.group),
  );
  // One State is reviewed once per cycle; a repeated (cycle, State) pair is a caller error.
  const reviewKeys = new Set<string>();
  for (const r of selected) {
    const key = `${r.cycleId}\u0000${r.state.iso3}`;
    if (reviewKeys.has(key))
      throw new ValidationError(`review of ${r.state.iso3} in ${r.cycleId} given twice`);
    reviewKeys.add(key);
  }

  const totals = zeroCounts();
  const byArticle = new Map<ArticleId, KindCounts>();
  const byFourP = new Map<FourPRow['fourP'], KindCounts>(
    [...FOUR_PS, 'unassigned' as const].map((p) => [p, zeroCounts()]),
  );
  interface Group {
    key: string;
    theme: string | null;
    articles: Set<ArticleId>;
    wordings: Map<string, number>;
    reviews: Set<string>;
    states: Set<string>;
    observations: number;
  }
  const groups = new Map<string, Group>();
  let observationsCounted = 0;
  const followUpByStatus = new Map<string, number>();
  const taNeedsByStatus = new Map<string, number>();

  for (const r of selected) {
    for (const t of r.taNeeds) {
      if (!matchesFilter({ ...t, status: 'agreed' }, filter)) continue;
      taNeedsByStatus.set(t.status, (taNeedsByStatus.get(t.status) ?? 0) + 1);
    }
    for (const f of r.followUps) {
      if (!matchesFilter({ ...f, status: 'agreed' }, filter)) continue;
      followUpByStatus.set(f.status, (followUpByStatus.get(f.status) ?? 0) + 1);
    }
    for (const o of r.observations) {
      if (!matchesFilter(o, filter)) continue;
      observationsCounted += 1;
      totals[o.kind] += 1;
      const row = byArticle.get(o.article) ?? zeroCounts();
      row[o.kind] += 1;
      byArticle.set(o.article, row);
      const ps = [...new Set(o.fourP ?? [])];
      for (const p of ps.length > 0 ? ps : (['unassigned'] as const)) {
        const counts = byFourP.get(p);
        if (counts) counts[o.kind] += 1;
      }
      if (o.kind !== 'challenge') continue;
      const key = o.theme ? `theme:${o.theme}` : `text:${o.article}:${normalizeChallengeText(o.text)}`;
      const g = groups.get(key) ?? {
        key,
        theme: o.theme ?? null,
        articles: new Set<ArticleId>(),
        wordings: new Map<string, number>(),
        reviews: new Set<string>(),
        states: new Set<string>(),
        observations: 0,
      };
      g.articles.add(o.article);
      const wording = o.text.normalize('NFC').replace(/\s+/g, ' ').trim();
      g.wordings.set(wording, (g.wordings.get(wording) ?? 0) + 1);
      g.reviews.add(`${r.cycleId}\u0000${r.state.iso3}`);
      g.states.add(r.state.name);
      g.observations += 1;
      groups.set(key, g);
    }
  }

  // Names and codes of every selected State, longest first so "Niger" does not cut "Nigeria".
  const identifiers = [...new Set(selected.flatMap((r) => [r.state.name, r.state.iso3]))].sort(
    (a, b) => b.length - a.length,
  );
  const redact = (text: string): string => {
    if (nameCountries || identifiers.length === 0) return text;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${identifiers.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
    return text.replace(re, REDACTED_STATE);
  };

  const topChallenges = [...groups.values()]
    .sort(
      (a, b) =>
        b.reviews.size - a.reviews.size || b.observations - a.observations || (a.key < b.key ? -1 : 1),
    )
    .slice(0, topN)
    .map((g): TopChallenge => {
      const [text = ''] = [...g.wordings]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([t]) => t);
      return {
        key: g.key,
        theme: g.theme,
        articles: [...g.articles].sort(compareArticleIds),
        text: redact(text),
        reviews: g.reviews.size,
        observations: g.observations,
        ...(nameCountries ? { states: [...g.states].sort() } : {}),
      };
    });

  return {
    filter,
    reviewsCounted: selected.length,
    observationsCounted,
    totals: { ...totals, total: sum(totals) },
    byArticle: [...byArticle]
      .sort((a, b) => compareArticleIds(a[0], b[0]))
      .map(([article, counts]) => ({
        article,
        instrument: parseArticleId(article).instrument,
        counts,
        total: sum(counts),
      })),
    byFourP: [...byFourP].map(([fourP, counts]) => ({ fourP, counts, total: sum(counts) })),
    topChallenges,
    followUpByStatus: [...followUpByStatus].map(([status, count]) => ({ status, count })),
    taNeedsByStatus: [...taNeedsByStatus].map(([status, count]) => ({ status, count })),
    ...(nameCountries ? { states: [...new Set(selected.map((r) => r.state.name))].sort() } : {}),
  };
}
