/**
 * The printable response report as a sequence of blocks (headings, paragraphs, tables, the chart,
 * lists of laws), built once and written by the HTML page (render-html.ts) and the PDF
 * (render-pdf.ts), so both say the same thing. Suppressed cells read "fewer than N" or
 * "suppressed", never a number.
 */
import { YES_NO_PARTLY } from '#shared/domain/questionnaire/index.ts';
import type { ReportHead } from './export.ts';
import { type Cell, cellText } from './protect.ts';
import type { ResponseReport } from './report.ts';

export type Report = ResponseReport & ReportHead;

interface LinkItem {
  text: string;
  url: string | null;
  rest: string;
}

export type ReportBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'chart' }
  | { kind: 'list'; items: LinkItem[] };

const pct = (share: number | null): string => (share === null ? 'suppressed' : `${Math.round(share * 100)}%`);
const cell = (c: Cell | undefined): string => (c === undefined ? '' : cellText(c));
const date = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

export function reportTitle(report: Report): string {
  return `${report.set.name}: ${report.questionnaire.title}`;
}

/** The lines under the title: what was counted, and how States are protected. */
export function reportIntro(report: Report): string[] {
  const counted = `${report.submitted} of ${report.members} States submitted${report.cycleId ? ` in cycle ${report.cycleId}` : ' (latest version of each State)'}${report.asOf ? `, counted as of ${date(report.asOf)}` : ''}${report.compareTo ? `; compared with ${report.compareTo}` : ''}. Generated ${report.generatedAt}.`;
  const scope =
    report.named === 'all'
      ? 'Answers are shown by State.'
      : report.named === 'some'
        ? 'Some States are shown by name (own State, or consent to share with this set); counts that could reveal the others are withheld.'
        : `Aggregates only: counts below ${report.threshold} are shown as “fewer than ${report.threshold}”, and further counts are withheld where they would reveal them.`;
  return [counted, scope];
}

const table = (head: string[], rows: (string | number)[][]): ReportBlock => ({
  kind: 'table',
  head,
  rows: rows.map((r) => r.map(String)),
});

export function reportBlocks(report: Report): ReportBlock[] {
  const named = report.named !== 'none';
  const h = (level: 2 | 3, text: string): ReportBlock => ({ kind: 'heading', level, text });
  const laws = report.laws.filter((l) => l.citations.length + l.attachments.length + l.hiddenCount > 0);
  return [
    h(2, 'Completion'),
    table(
      ['State', 'Submitted', 'Version', 'Due', 'On time'],
      report.states.map((s) => [
        s.name,
        s.submitted ? date(s.submittedAt) : 'not submitted',
        s.version ?? '—',
        date(s.due),
        s.onTime === null ? '—' : s.onTime ? 'yes' : 'late',
      ]),
    ),
    h(2, 'Gaps'),
    { kind: 'text', text: 'Questions ranked by the share of “no” and “partly” answers.' },
    table(
      ['Question', 'Article', 'Answered', 'No', 'Partly', 'Share', ...(named ? ['States'] : [])],
      report.gaps.questions.map((g) => [
        g.questionId,
        g.article,
        g.answered,
        cellText(g.no),
        cellText(g.partly),
        pct(g.gapShare),
        ...(named ? [g.states.map((s) => `${s.iso3} (${s.answer})`).join(', ')] : []),
      ]),
    ),
    h(3, 'By the four Ps'),
    table(
      ['Lens', 'Answers', 'Share no/partly'],
      report.gaps.byFourP.map((g) => [g.fourP, g.answered, pct(g.gapShare)]),
    ),
    h(3, 'By SDG target'),
    table(
      ['SDG target', 'Answers', 'Share no/partly'],
      report.gaps.bySdg.map((g) => [g.target, g.answered, pct(g.gapShare)]),
    ),
    h(2, 'Answers per question'),
    { kind: 'chart' },
    table(
      [
        'Question',
        'Article',
        'Answered',
        'Yes',
        'No',
        'Partly',
        'Figures (count / sum / median / min / max)',
        ...(report.compareTo ? ['Moved'] : []),
      ],
      report.questions.map((q) => [
        q.questionId,
        q.article,
        q.answered,
        ...YES_NO_PARTLY.map((o) => cell(q.counts[o])),
        q.numbers
          ? `${q.numbers.count} / ${q.numbers.sum} / ${q.numbers.median} / ${q.numbers.min} / ${q.numbers.max}`
          : q.type === 'statistics'
            ? 'suppressed'
            : '',
        ...(report.compareTo
          ? [(q.change?.moves ?? []).map((m) => `${m.iso3}: ${m.from} → ${m.to}`).join(', ')]
          : []),
      ]),
    ),
    h(2, 'Per article'),
    table(
      ['Article', 'Title', 'Cluster', 'Answers', 'Yes', 'No', 'Partly', 'Share no/partly'],
      report.articles.map((a) => [
        a.article,
        a.title,
        a.cluster,
        a.answered,
        ...YES_NO_PARTLY.map((o) => cell(a.counts[o])),
        pct(a.gapShare),
      ]),
    ),
    h(2, 'Laws cited'),
    ...(laws.length === 0
      ? [{ kind: 'text', text: 'None.' } as const]
      : laws.flatMap((l): ReportBlock[] => [
          h(3, l.article),
          {
            kind: 'list',
            items: [
              ...l.citations.map((c) => ({
                text: c.title,
                url: c.url ?? null,
                rest: `${c.article ? `, ${c.article}` : ''} — ${c.states.join(', ')}`,
              })),
              ...l.attachments.map((a) => ({ text: a.name, url: null, rest: ` (attachment) — ${a.iso3}` })),
              ...(l.hiddenCount > 0
                ? [{ text: `${l.hiddenCount} citation(s) of States not shown by name`, url: null, rest: '' }]
                : []),
            ],
          },
        ])),
  ];
}
