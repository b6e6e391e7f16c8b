/**
 * The follow-up section of the response report: how the agreed statuses of earlier observations
 * (issue 19) are distributed over the States of the report, overall and per article. The States
 * the reader may see by name are listed with each observation and its status; everyone else is
 * only counted, with the same small-cell protection as the answers (protect.ts). Pure.
 */
import { compareArticleIds } from '#shared/domain/summary/document.ts';
import type { ArticleId, Iso3, ObservationKind } from '#shared/domain/types.ts';
import { type Cell, protectRow } from './protect.ts';

/** One agreed follow-up of a State's review in the report. */
export interface ReportFollowUp {
  iso3: Iso3;
  article: ArticleId;
  kind: ObservationKind;
  /** The earlier observation's agreed text. */
  text: string;
  status: string;
  agreedAt: string;
}

interface StatusCounts {
  total: number;
  counts: Record<string, Cell>;
  /** Suppression cannot keep every hidden count from following from the total (protect.ts). */
  disclosureRisk?: true;
}

export interface FollowUpSection extends StatusCounts {
  /** The statuses of the scale(s), in order, with their English words. */
  statuses: { id: string; label: string }[];
  byArticle: ({ article: ArticleId } & StatusCounts)[];
  /** The follow-ups of the States the reader sees by name, by State then article. */
  items: Omit<ReportFollowUp, 'agreedAt'>[];
}

export function buildFollowUpSection(input: {
  followUps: readonly ReportFollowUp[];
  statuses: readonly { id: string; label: string }[];
  visible: 'all' | ReadonlySet<Iso3>;
  threshold: number;
  /** Statuses agreed after this instant are not counted (the report's release point). */
  asOf?: string;
}): FollowUpSection {
  const isVisible = (iso3: Iso3) => input.visible === 'all' || input.visible.has(iso3);
  const counted = input.followUps.filter((f) => input.asOf === undefined || f.agreedAt <= input.asOf);
  // A status outside every scale read (a scale changed since) still counts, after the known ones.
  const keys = [...new Set([...input.statuses.map((s) => s.id), ...counted.map((f) => f.status)])];
  const row = (rows: readonly ReportFollowUp[]): StatusCounts => {
    const hidden = Object.fromEntries(keys.map((k) => [k, 0]));
    const shown = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const f of rows) {
      const side = isVisible(f.iso3) ? shown : hidden;
      side[f.status] = (side[f.status] ?? 0) + 1;
    }
    const { cells, pinned } = protectRow(keys, hidden, shown, input.threshold);
    return { total: rows.length, counts: cells, ...(pinned ? { disclosureRisk: true as const } : {}) };
  };
  const articles = [...new Set(counted.map((f) => f.article))].sort(compareArticleIds);
  const labels = new Map(input.statuses.map((s) => [s.id, s.label]));
  return {
    statuses: keys.map((id) => ({ id, label: labels.get(id) ?? id })),
    ...row(counted),
    byArticle: articles.map((article) => ({ article, ...row(counted.filter((f) => f.article === article)) })),
    items: counted
      .filter((f) => isVisible(f.iso3))
      .sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : compareArticleIds(a.article, b.article)))
      .map(({ agreedAt: _at, ...f }) => f),
  };
}
