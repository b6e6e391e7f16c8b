/**
 * The printable response report as a sequence of blocks (headings, paragraphs, tables, the chart,
 * lists of laws), built once and written by the HTML page (render-html.ts) and the PDF
 * (render-pdf.ts), so both say the same thing, in the report's language (i18n/report-strings.ts).
 * Suppressed cells read "fewer than N" or "suppressed", never a number.
 */

import { REPORT_WORDS, type ReportWords } from '#shared/domain/i18n/report-strings.ts';
import { fill } from '#shared/domain/i18n/summary-strings.ts';
import { YES_NO_PARTLY } from '#shared/domain/questionnaire/index.ts';
import type { Language } from '#shared/domain/types.ts';
import type { ReportHead } from './export.ts';
import type { Cell } from './protect.ts';
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

/** A count in words: the number, or why it is withheld. */
const cellWords = (c: Cell | undefined, w: ReportWords): string =>
  c === undefined
    ? ''
    : typeof c === 'number'
      ? String(c)
      : c.suppressed === 'small'
        ? fill(w.fewerThan, { n: c.below })
        : w.suppressed;
const date = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

export function reportTitle(report: Report): string {
  return `${report.set.name}: ${report.questionnaire.title}`;
}

/** The lines under the title: what was counted, and how States are protected. */
export function reportIntro(report: Report, lang: Language = 'en'): string[] {
  const w = REPORT_WORDS[lang];
  const counted = [
    fill(w.counted, { submitted: report.submitted, members: report.members }),
    report.cycleId ? fill(w.inCycle, { cycle: report.cycleId }) : w.latest,
    report.asOf ? fill(w.asOf, { date: date(report.asOf) }) : '',
    report.compareTo ? fill(w.compared, { compareTo: report.compareTo }) : '',
    fill(w.generated, { at: report.generatedAt }),
  ].join('');
  const scope =
    report.named === 'all'
      ? w.scopeAll
      : report.named === 'some'
        ? w.scopeSome
        : fill(w.scopeNone, { threshold: report.threshold });
  return [counted, scope];
}

const table = (head: string[], rows: (string | number)[][]): ReportBlock => ({
  kind: 'table',
  head,
  rows: rows.map((r) => r.map(String)),
});

export function reportBlocks(report: Report, lang: Language = 'en'): ReportBlock[] {
  const w = REPORT_WORDS[lang];
  const pct = (share: number | null): string =>
    share === null ? w.suppressed : `${Math.round(share * 100)}%`;
  const cell = (c: Cell | undefined): string => cellWords(c, w);
  const named = report.named !== 'none';
  const h = (level: 2 | 3, text: string): ReportBlock => ({ kind: 'heading', level, text });
  const laws = report.laws.filter((l) => l.citations.length + l.attachments.length + l.hiddenCount > 0);
  return [
    h(2, w.completion),
    table(
      [w.state, w.submitted, w.version, w.due, w.onTime],
      report.states.map((s) => [
        s.name,
        s.submitted ? date(s.submittedAt) : w.notSubmitted,
        s.version ?? '—',
        date(s.due),
        s.onTime === null ? '—' : s.onTime ? w.yes : w.late,
      ]),
    ),
    h(2, w.gaps),
    { kind: 'text', text: w.gapsText },
    table(
      [w.question, w.article, w.answered, w.colNo, w.colPartly, w.share, ...(named ? [w.states] : [])],
      report.gaps.questions.map((g) => [
        g.questionId,
        g.article,
        g.answered,
        cell(g.no),
        cell(g.partly),
        pct(g.gapShare),
        ...(named ? [g.states.map((s) => `${s.iso3} (${s.answer})`).join(', ')] : []),
      ]),
    ),
    h(3, w.byFourP),
    table(
      [w.lens, w.answers, w.shareNoPartly],
      report.gaps.byFourP.map((g) => [g.fourP, g.answered, pct(g.gapShare)]),
    ),
    h(3, w.bySdg),
    table(
      [w.sdgTarget, w.answers, w.shareNoPartly],
      report.gaps.bySdg.map((g) => [g.target, g.answered, pct(g.gapShare)]),
    ),
    h(2, w.perQuestion),
    { kind: 'chart' },
    table(
      [
        w.question,
        w.article,
        w.answered,
        w.colYes,
        w.colNo,
        w.colPartly,
        w.figures,
        ...(report.compareTo ? [w.moved] : []),
      ],
      report.questions.map((q) => [
        q.questionId,
        q.article,
        q.answered,
        ...YES_NO_PARTLY.map((o) => cell(q.counts[o])),
        q.numbers
          ? `${q.numbers.count} / ${q.numbers.sum} / ${q.numbers.median} / ${q.numbers.min} / ${q.numbers.max}`
          : q.type === 'statistics'
            ? w.suppressed
            : '',
        ...(report.compareTo
          ? [(q.change?.moves ?? []).map((m) => `${m.iso3}: ${m.from} → ${m.to}`).join(', ')]
          : []),
      ]),
    ),
    h(2, w.perArticle),
    table(
      [w.article, w.title, w.cluster, w.answers, w.colYes, w.colNo, w.colPartly, w.shareNoPartly],
      report.articles.map((a) => [
        a.article,
        a.title,
        a.cluster,
        a.answered,
        ...YES_NO_PARTLY.map((o) => cell(a.counts[o])),
        pct(a.gapShare),
      ]),
    ),
    h(2, w.laws),
    ...(laws.length === 0
      ? [{ kind: 'text', text: w.none } as const]
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
              ...l.attachments.map((a) => ({ text: a.name, url: null, rest: `${w.attachment} — ${a.iso3}` })),
              ...(l.hiddenCount > 0
                ? [{ text: fill(w.hidden, { count: l.hiddenCount }), url: null, rest: '' }]
                : []),
            ],
          },
        ])),
  ];
}
