/**
 * The response report: how a set of States answered one questionnaire. Pure: it takes the
 * indexed answers (one entry per submitted version) and what the reader may see, and returns
 * counts per question, roll-ups per article and cluster, completion per State, gaps (ranked by
 * the share of "no" and "partly" answers, grouped by the four Ps and SDG targets), the change
 * against an earlier cycle or version, and the laws cited. Named answers appear only for the
 * States in `visible`; everything else is aggregated with small-cell protection (protect.ts).
 */
import {
  type LegislationCitation,
  type QuestionnaireDefinition,
  type QuestionType,
  questionsOf,
  YES_NO_PARTLY,
  type YesNoPartly,
} from '#shared/domain/questionnaire/index.ts';
import { FOUR_PS, type FourP, type Instrument, type Iso3 } from '#shared/domain/types.ts';
import { type Cell, isExact, protectRow, sumCells } from './protect.ts';

/** One submitted version as the answer index holds it. */
export interface IndexedSubmission {
  iso3: Iso3;
  cycleId: string;
  reviewId: string;
  version: number;
  submittedAt: string;
  questionnaireId: string;
  questionnaireVersion: number;
  /** The review's self-assessment deadline when the version was submitted. */
  due?: string;
  /** question id → stored answer value. */
  answers: Readonly<Record<string, unknown>>;
  /** attachment id → file name, for the attachments the answers reference. */
  attachmentNames?: Readonly<Record<string, string>>;
}

export interface ReportMember {
  iso3: Iso3;
  name: string;
}

export interface ReportInput {
  def: QuestionnaireDefinition;
  members: readonly ReportMember[];
  /** Every indexed version of the members; the latest on or before `asOf` of each State counts. */
  submissions: readonly IndexedSubmission[];
  /** The earlier cycle or version to compare with (latest per State of these). */
  compare?: { label: string; submissions: readonly IndexedSubmission[] };
  /** "Complete by" date of the exercise; without it each review's own deadline is used. */
  deadline?: string;
  /** Versions submitted after this instant are not counted (an aggregate release point). */
  asOf?: string;
  /** The clock, to call a State that has not submitted by its deadline late. */
  now?: string;
  /** States whose answers the reader may see by name. */
  visible: 'all' | ReadonlySet<Iso3>;
  /** Counts of hidden answers below this are suppressed. */
  threshold: number;
}

type Options = Partial<Record<YesNoPartly, Cell>>;

interface NumberStats {
  count: number;
  sum: number;
  median: number;
  min: number;
  max: number;
}

interface QuestionRow {
  questionId: string;
  article: string;
  cluster: number;
  type: QuestionType;
  prompt: string;
  fourP: FourP[];
  sdgTargets: string[];
  /** States that answered (public: the denominator of the shares). */
  answered: number;
  /** Per option, for yes-no-partly questions (empty otherwise). */
  counts: Options;
  /** Share of "no" + "partly" among answers, when both cells are exact. */
  gapShare: number | null;
  /** Statistics questions: one figure per State (its most recent year); null when suppressed. */
  numbers?: NumberStats | null;
  /** Free-text questions: how many answered, and the texts of the visible States. */
  texts?: { count: number; items: { iso3: Iso3; text: string }[] };
  /** Answers of the visible States, by State. */
  byState: Partial<Record<Iso3, unknown>>;
  /** Set when suppression cannot keep every hidden count from following from the total (protect.ts). */
  disclosureRisk?: true;
  /** The same question in the comparison, and the visible States whose answer moved. */
  change?: { before: Options; beforeAnswered: number; moves: { iso3: Iso3; from: string; to: string }[] };
}

interface RollUp {
  answered: number;
  counts: Options;
  gapShare: number | null;
}

interface ArticleRow extends RollUp {
  article: string;
  title: string;
  cluster: number;
  fourP: FourP[];
  sdgTargets: string[];
  questions: number;
}

interface ClusterRow extends RollUp {
  cluster: number;
  name: string;
  articles: number;
}

interface GapRow {
  questionId: string;
  article: string;
  gapShare: number | null;
  answered: number;
  no: Cell;
  partly: Cell;
  /** Visible States that answered "no" or "partly". */
  states: { iso3: Iso3; answer: 'no' | 'partly' }[];
}

interface StateCompletion {
  iso3: Iso3;
  name: string;
  submitted: boolean;
  submittedAt: string | null;
  version: number | null;
  cycleId: string | null;
  due: string | null;
  /** null when there is no deadline to judge by, or nothing was submitted and it is not due yet. */
  onTime: boolean | null;
  /** Whether the reader sees this State's answers by name. */
  named: boolean;
}

interface LawsCited {
  article: string;
  citations: { title: string; article?: string; url?: string; states: Iso3[] }[];
  attachments: { name: string; iso3: Iso3 }[];
  /** Citations and attachments of hidden States (counted, not listed). */
  hiddenCount: number;
}

export interface ResponseReport {
  instrument: Instrument;
  questionnaire: { id: string; version: number; title: string };
  threshold: number;
  /** Whether the reader sees every submitting State by name (then nothing is suppressed), some, or none. */
  named: 'all' | 'some' | 'none';
  submitted: number;
  members: number;
  compareTo: string | null;
  states: StateCompletion[];
  questions: QuestionRow[];
  articles: ArticleRow[];
  clusters: ClusterRow[];
  gaps: {
    questions: GapRow[];
    articles: { article: string; title: string; gapShare: number | null; answered: number }[];
    byFourP: ({ fourP: FourP } & RollUp)[];
    bySdg: ({ target: string } & RollUp)[];
  };
  laws: LawsCited[];
}

const OPTIONS = YES_NO_PARTLY;
const zero = (): Record<YesNoPartly, number> => ({ yes: 0, no: 0, partly: 0 });
const isOption = (v: unknown): v is YesNoPartly =>
  typeof v === 'string' && OPTIONS.includes(v as YesNoPartly);

const answered = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  (typeof v === 'string' ? v.trim() !== '' : !Array.isArray(v) || v.length > 0);

/** The latest version of each State among `subs` submitted on or before `asOf`. */
export function latestPerState(
  subs: readonly IndexedSubmission[],
  asOf?: string,
): Map<Iso3, IndexedSubmission> {
  const out = new Map<Iso3, IndexedSubmission>();
  for (const s of subs) {
    if (asOf !== undefined && s.submittedAt > asOf) continue;
    const current = out.get(s.iso3);
    if (
      !current ||
      s.submittedAt > current.submittedAt ||
      (s.submittedAt === current.submittedAt && s.version > current.version)
    )
      out.set(s.iso3, s);
  }
  return out;
}

/** A State's figure for a statistics answer: the value of its most recent year (first entry of that year). */
const figureOf = (v: unknown): number | null => {
  if (!Array.isArray(v)) return null;
  let best: { value: number; year: number } | null = null;
  for (const e of v) {
    if (typeof e !== 'object' || e === null) continue;
    const { value, year } = e as { value?: unknown; year?: unknown };
    if (typeof value !== 'number' || typeof year !== 'number') continue;
    if (!best || year > best.year) best = { value, year };
  }
  return best?.value ?? null;
};

const statsOf = (values: readonly number[]): NumberStats | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    count: sorted.length,
    sum: sorted.reduce((n, x) => n + x, 0),
    median,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
  };
};

const shareOf = (counts: Options, total: number): number | null => {
  const { no, partly } = counts;
  if (total === 0 || no === undefined || partly === undefined || !isExact(no) || !isExact(partly))
    return null;
  return (no + partly) / total;
};

/** Sorted by gap share, highest first; withheld shares last; then by questionnaire order. */
const byShare = <T extends { gapShare: number | null }>(rows: T[]): T[] =>
  rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (b.row.gapShare ?? -1) - (a.row.gapShare ?? -1) || a.i - b.i)
    .map(({ row }) => row);

const rollUp = (rows: readonly QuestionRow[]): RollUp => {
  const choice = rows.filter((r) => r.type === 'yes-no-partly');
  const total = choice.reduce((n, r) => n + r.answered, 0);
  const counts: Options = {};
  if (choice.length > 0) for (const o of OPTIONS) counts[o] = sumCells(choice.map((r) => r.counts[o] ?? 0));
  return { answered: total, counts, gapShare: shareOf(counts, total) };
};

export function buildResponseReport(input: ReportInput): ResponseReport {
  const { def, threshold } = input;
  const memberSet = new Set(input.members.map((m) => m.iso3));
  const isVisible = (iso3: Iso3) => input.visible === 'all' || input.visible.has(iso3);
  const current = latestPerState(
    input.submissions.filter((s) => memberSet.has(s.iso3)),
    input.asOf,
  );
  const before = input.compare
    ? latestPerState(
        input.compare.submissions.filter((s) => memberSet.has(s.iso3)),
        input.asOf,
      )
    : undefined;

  /** yes/no/partly counts of `subs` for one question, split by visibility. */
  const tally = (subs: ReadonlyMap<Iso3, IndexedSubmission>, qid: string) => {
    const hidden = zero();
    const shown = zero();
    let count = 0;
    for (const [iso3, s] of subs) {
      const v = s.answers[qid];
      if (!answered(v)) continue;
      count++;
      if (isOption(v)) (isVisible(iso3) ? shown : hidden)[v]++;
    }
    const { cells, pinned } = protectRow(OPTIONS, hidden, shown, threshold);
    return { count, counts: cells as Options, pinned };
  };

  const questions: QuestionRow[] = questionsOf(def).map(({ question, article, cluster }) => {
    const qid = question.id;
    const { count, counts, pinned } = tally(current, qid);
    const byState: Partial<Record<Iso3, unknown>> = {};
    for (const [iso3, s] of current)
      if (isVisible(iso3) && answered(s.answers[qid])) byState[iso3] = s.answers[qid];
    const row: QuestionRow = {
      questionId: qid,
      article: article.id,
      cluster: cluster.number,
      type: question.type,
      prompt: question.prompt,
      fourP: [...article.fourP],
      sdgTargets: [...new Set([...article.sdgTargets, ...(question.sdgTargets ?? [])])],
      answered: count,
      counts: question.type === 'yes-no-partly' ? counts : {},
      gapShare: question.type === 'yes-no-partly' ? shareOf(counts, count) : null,
      byState,
      ...(pinned && question.type === 'yes-no-partly' ? { disclosureRisk: true } : {}),
    };
    if (question.type === 'statistics') {
      const all: number[] = [];
      let hiddenCount = 0;
      for (const [iso3, s] of current) {
        const f = figureOf(s.answers[qid]);
        if (f === null) continue;
        all.push(f);
        if (!isVisible(iso3)) hiddenCount++;
      }
      // A sum or an extreme over fewer than `threshold` hidden figures would give them away.
      row.numbers = hiddenCount === 0 || hiddenCount >= threshold ? statsOf(all) : null;
    }
    if (question.type === 'text') {
      row.texts = {
        count,
        items: [...current]
          .filter(
            ([iso3, s]) => isVisible(iso3) && typeof s.answers[qid] === 'string' && answered(s.answers[qid]),
          )
          .map(([iso3, s]) => ({ iso3, text: String(s.answers[qid]) })),
      };
    }
    if (before && question.type === 'yes-no-partly') {
      const b = tally(before, qid);
      const moves: { iso3: Iso3; from: string; to: string }[] = [];
      for (const [iso3, s] of current) {
        const prev = before.get(iso3);
        if (!prev || !isVisible(iso3)) continue;
        const from = prev.answers[qid];
        const to = s.answers[qid];
        if (isOption(from) && isOption(to) && from !== to) moves.push({ iso3, from, to });
      }
      row.change = { before: b.counts, beforeAnswered: b.count, moves };
    }
    return row;
  });

  const articles: ArticleRow[] = def.clusters.flatMap((cluster) =>
    cluster.articles.map((article) => {
      const rows = questions.filter((q) => q.article === article.id);
      return {
        article: article.id,
        title: article.title,
        cluster: cluster.number,
        fourP: [...article.fourP],
        sdgTargets: [...article.sdgTargets],
        questions: rows.length,
        ...rollUp(rows),
      };
    }),
  );
  const clusters: ClusterRow[] = def.clusters.map((cluster) => ({
    cluster: cluster.number,
    name: cluster.name,
    articles: cluster.articles.length,
    ...rollUp(questions.filter((q) => q.cluster === cluster.number)),
  }));

  const choiceRows = questions.filter((q) => q.type === 'yes-no-partly');
  const gapQuestions: GapRow[] = byShare(
    choiceRows.map((q) => ({
      questionId: q.questionId,
      article: q.article,
      gapShare: q.gapShare,
      answered: q.answered,
      no: q.counts.no ?? 0,
      partly: q.counts.partly ?? 0,
      states: Object.entries(q.byState)
        .filter((e): e is [Iso3, 'no' | 'partly'] => e[1] === 'no' || e[1] === 'partly')
        .map(([iso3, answer]) => ({ iso3, answer })),
    })),
  );
  const sdgTargets = [...new Set(questions.flatMap((q) => q.sdgTargets))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );

  const laws: LawsCited[] = articles.map(({ article }) => {
    const citations = new Map<string, LawsCited['citations'][number]>();
    const attachments: LawsCited['attachments'] = [];
    let hiddenCount = 0;
    for (const { question } of questionsOf(def).filter((q) => q.article.id === article)) {
      if (question.type !== 'legislation' && question.type !== 'attachments') continue;
      for (const [iso3, s] of current) {
        const v = s.answers[question.id];
        if (!Array.isArray(v)) continue;
        if (!isVisible(iso3)) {
          hiddenCount += v.length;
          continue;
        }
        if (question.type === 'attachments') {
          for (const id of v) attachments.push({ name: s.attachmentNames?.[String(id)] ?? String(id), iso3 });
          continue;
        }
        for (const c of v as LegislationCitation[]) {
          const key = `${c.title}\u0000${c.article ?? ''}\u0000${c.url ?? ''}`;
          const entry = citations.get(key) ?? {
            title: c.title,
            ...(c.article ? { article: c.article } : {}),
            ...(c.url ? { url: c.url } : {}),
            states: [],
          };
          if (!entry.states.includes(iso3)) entry.states.push(iso3);
          citations.set(key, entry);
        }
      }
    }
    return { article, citations: [...citations.values()], attachments, hiddenCount };
  });

  const states: StateCompletion[] = input.members.map((m) => {
    const s = current.get(m.iso3);
    const due = input.deadline ?? s?.due ?? null;
    return {
      iso3: m.iso3,
      name: m.name,
      submitted: s !== undefined,
      submittedAt: s?.submittedAt ?? null,
      version: s?.version ?? null,
      cycleId: s?.cycleId ?? null,
      due,
      onTime:
        due === null ? null : s ? s.submittedAt <= due : (input.asOf ?? input.now ?? '') > due ? false : null,
      named: isVisible(m.iso3),
    };
  });
  // Over the States that submitted: an unsubmitted one has no answers to show or hide.
  const submittedStates = states.filter((s) => s.submitted);
  const namedCount = submittedStates.filter((s) => s.named).length;

  return {
    instrument: def.instrument,
    questionnaire: { id: def.id, version: def.version, title: def.title },
    threshold,
    named: namedCount === submittedStates.length ? 'all' : namedCount === 0 ? 'none' : 'some',
    submitted: current.size,
    members: input.members.length,
    compareTo: input.compare?.label ?? null,
    states,
    questions,
    articles,
    clusters,
    gaps: {
      questions: gapQuestions,
      articles: byShare(
        articles
          .filter((a) => questions.some((q) => q.article === a.article && q.type === 'yes-no-partly'))
          .map((a) => ({ article: a.article, title: a.title, gapShare: a.gapShare, answered: a.answered })),
      ),
      byFourP: FOUR_PS.map((fourP) => ({
        fourP,
        ...rollUp(choiceRows.filter((q) => q.fourP.includes(fourP))),
      })),
      bySdg: sdgTargets.map((target) => ({
        target,
        ...rollUp(choiceRows.filter((q) => q.sdgTargets.includes(target))),
      })),
    },
    laws,
  };
}
