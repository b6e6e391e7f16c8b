/**
 * Builds the structured country review summary (language-neutral) from the agreed list of
 * observations. Renderers (Markdown, HTML, PDF) turn it into text or bytes in one language.
 */
import * as z from 'zod';
import { ValidationError } from '#shared/domain/errors.ts';
import {
  type ArticleId,
  type FourP,
  INSTRUMENTS,
  type Instrument,
  InstrumentSchema,
  type Iso3,
  type Language,
  type LegalSystem,
  type ObservationKind,
  type RegionalGroup,
} from '#shared/domain/types.ts';
import {
  type Cluster,
  ClusterSchema,
  type Observation,
  type SummaryInputData,
  SummaryInputSchema,
  type SummaryLifecycle,
} from './input.ts';

/** `'combined'`, one instrument, or an instrument and/or cluster. */
const SummaryScopeSchema = z.union([
  z.literal('combined'),
  InstrumentSchema,
  z.strictObject({ instrument: InstrumentSchema.optional(), cluster: ClusterSchema.optional() }),
]);
type SummaryScope = z.infer<typeof SummaryScopeSchema>;

/** A scope with both axes explicit; `null` = not restricted on that axis. */
interface NormalizedScope {
  instrument: Instrument | null;
  cluster: Cluster | null;
}

const OBSERVATION_SECTION_IDS = ['successes', 'challenges', 'ta-needs'] as const;
export type ObservationSectionId = (typeof OBSERVATION_SECTION_IDS)[number];

/** Which kinds of observation each section shows, in display order. */
const SECTION_KINDS: Readonly<Record<ObservationSectionId, readonly ObservationKind[]>> = {
  successes: ['good-practice'],
  challenges: ['challenge', 'recommendation'],
  'ta-needs': ['ta-need'],
};

export interface SummaryStatement {
  /** HTML/PDF anchor of the statement: `obs-<first source id>`. */
  anchor: string;
  kind: ObservationKind;
  /** Body text as written (whitespace runs inside a line collapsed). */
  text: string;
  /** The agreed observation(s) the statement came from (several when their texts are identical). */
  sourceObservationIds: string[];
  fourP: FourP[];
}

export interface ArticleBlock {
  article: ArticleId;
  instrument: Instrument;
  /** Article number as written after the dot, e.g. `5` or `6a`. */
  number: string;
  title: string | null;
  statements: SummaryStatement[];
}

interface ObservationSection {
  id: ObservationSectionId;
  articles: ArticleBlock[];
}

export interface SummaryDocument {
  state: { iso3: Iso3; name: string; group: RegionalGroup | null; legalSystem: LegalSystem };
  cycleId: string;
  cycleName: string | null;
  agreed: { documentVersion: number; date: string } | null;
  reviewPeriod: { from: string; to: string };
  lifecycle: SummaryLifecycle;
  scope: NormalizedScope;
  /** Instruments covered by this document (all of the review's, or the scoped one). */
  instruments: Instrument[];
  /** Reviewing States of the instruments covered. */
  reviewingStates: { iso3: Iso3; name: string }[];
  selfAssessmentOverview: string | null;
  /** Always the three observation sections, in order; a section may be empty. */
  sections: ObservationSection[];
  /** Agreed follow-ups of earlier observations in scope, by article (empty: no section). */
  followUps: FollowUpStatement[];
  /** What was left out, for the UI to explain (never rendered). */
  excluded: { notAgreed: number; outOfScope: number };
}

export interface FollowUpStatement {
  /** The follow-up item's id. */
  id: string;
  anchor: string;
  article: ArticleId;
  kind: ObservationKind;
  text: string;
  fromCycleId: string;
  status: string;
  statusLabels: Partial<Record<Language, string>>;
  explanation: string | null;
}

export interface BuildSummaryOptions {
  scope: SummaryScope;
}

function normalizeScope(scope: SummaryScope): NormalizedScope {
  if (scope === 'combined') return { instrument: null, cluster: null };
  if (typeof scope === 'string') return { instrument: scope, cluster: null };
  return { instrument: scope.instrument ?? null, cluster: scope.cluster ?? null };
}

/** Splits `TIP.6a` into its instrument and article number. */
export function parseArticleId(article: ArticleId): { instrument: Instrument; number: string } {
  const [prefix = '', number = ''] = article.split('.');
  const instrument = INSTRUMENTS.find((i) => i === prefix);
  if (!instrument) throw new ValidationError(`unknown instrument in article id ${article}`);
  return { instrument, number };
}

/** Convention order: instrument as in INSTRUMENTS, then article number, then letter suffix. */
export function compareArticleIds(a: ArticleId, b: ArticleId): number {
  const pa = parseArticleId(a);
  const pb = parseArticleId(b);
  const byInstrument = INSTRUMENTS.indexOf(pa.instrument) - INSTRUMENTS.indexOf(pb.instrument);
  if (byInstrument !== 0) return byInstrument;
  const byNumber = Number.parseInt(pa.number, 10) - Number.parseInt(pb.number, 10);
  if (byNumber !== 0) return byNumber;
  return pa.number < pb.number ? -1 : pa.number > pb.number ? 1 : 0;
}

/** NFC (precomposed diacritics, same text), unified line ends, whitespace runs collapsed. */
const collapse = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');

function inScope(o: Observation, scope: NormalizedScope): boolean {
  if (scope.instrument !== null && parseArticleId(o.article).instrument !== scope.instrument) return false;
  // An observation without a cluster cannot be attributed to one, so a cluster summary leaves it out.
  if (scope.cluster !== null && o.cluster !== scope.cluster) return false;
  return true;
}

/**
 * Builds the summary of one State's review for a scope. Only agreed observations are used;
 * identical texts on the same article and kind become one statement citing every source.
 *
 * @throws ValidationError when the input breaks the contract or the scope names an
 *   instrument the State is not reviewed for.
 */
export function buildSummary(input: SummaryInputData, options: BuildSummaryOptions): SummaryDocument {
  const parsed = SummaryInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError('invalid summary input', z.treeifyError(parsed.error));
  }
  const data = parsed.data;
  const scope = normalizeScope(SummaryScopeSchema.parse(options.scope));
  if (scope.instrument !== null && !data.instruments.includes(scope.instrument)) {
    throw new ValidationError(`${data.state.iso3} is not reviewed for ${scope.instrument}`);
  }
  const instruments = INSTRUMENTS.filter(
    (i) => data.instruments.includes(i) && (scope.instrument === null || scope.instrument === i),
  );

  let notAgreed = 0;
  let outOfScope = 0;
  const used: Observation[] = [];
  for (const o of data.observations) {
    if (o.status !== 'agreed') notAgreed += 1;
    else if (!inScope(o, scope)) outOfScope += 1;
    else used.push(o);
  }

  // An article's title may be given on any of its observations (first one wins, any status).
  const titles = new Map<ArticleId, string>();
  for (const o of data.observations) {
    if (o.articleTitle !== undefined && !titles.has(o.article))
      titles.set(o.article, collapse(o.articleTitle));
  }

  const sections = OBSERVATION_SECTION_IDS.map((id): ObservationSection => {
    const kinds = SECTION_KINDS[id];
    const byArticle = new Map<ArticleId, Observation[]>();
    for (const o of used) {
      if (!kinds.includes(o.kind)) continue;
      const list = byArticle.get(o.article) ?? [];
      list.push(o);
      byArticle.set(o.article, list);
    }
    const articles = [...byArticle.keys()].sort(compareArticleIds).map((article): ArticleBlock => {
      const list = byArticle.get(article) ?? [];
      const statements: SummaryStatement[] = [];
      for (const kind of kinds) {
        const byText = new Map<string, SummaryStatement>();
        for (const o of list) {
          if (o.kind !== kind) continue;
          const text = collapse(o.text);
          const existing = byText.get(text);
          if (existing) {
            existing.sourceObservationIds.push(o.id);
            for (const p of o.fourP ?? []) if (!existing.fourP.includes(p)) existing.fourP.push(p);
            continue;
          }
          const statement: SummaryStatement = {
            anchor: `obs-${o.id}`,
            kind,
            text,
            sourceObservationIds: [o.id],
            fourP: [...new Set(o.fourP ?? [])],
          };
          byText.set(text, statement);
          statements.push(statement);
        }
      }
      const { instrument, number } = parseArticleId(article);
      const title = titles.get(article) ?? null;
      return { article, instrument, number, title, statements };
    });
    return { id, articles };
  });

  const reviewingStates = data.reviewingStates
    .filter((r) => r.instruments === undefined || r.instruments.some((i) => instruments.includes(i)))
    .map((r) => ({ iso3: r.iso3, name: collapse(r.name) }));

  return {
    state: { ...data.state, name: collapse(data.state.name) },
    cycleId: data.cycleId,
    cycleName: data.cycleName ? collapse(data.cycleName) : null,
    agreed: data.agreed ? { ...data.agreed } : null,
    reviewPeriod: { ...data.reviewPeriod },
    lifecycle: data.lifecycle,
    scope,
    instruments,
    reviewingStates,
    selfAssessmentOverview: data.selfAssessmentOverview ? collapse(data.selfAssessmentOverview) : null,
    sections,
    followUps: data.followUps
      .filter((f) => inScope({ ...f, status: 'agreed' }, scope))
      .sort((a, b) => compareArticleIds(a.article, b.article))
      .map((f) => ({
        id: f.id,
        anchor: f.id,
        article: f.article,
        kind: f.kind,
        text: collapse(f.text),
        fromCycleId: f.fromCycleId,
        status: f.status,
        statusLabels: f.statusLabels,
        explanation: f.explanation ? collapse(f.explanation) : null,
      })),
    excluded: { notAgreed, outOfScope },
  };
}

/** Every statement of a document, in reading order. */
export function statementsOf(doc: SummaryDocument): SummaryStatement[] {
  return doc.sections.flatMap((s) => s.articles.flatMap((a) => a.statements));
}
