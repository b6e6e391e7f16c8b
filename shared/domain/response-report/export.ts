/**
 * Exports of a response report: CSV (one row per question), an accessible SVG bar chart and a
 * printable HTML page (its own print stylesheet; print to PDF from the browser). Pure: report in,
 * string out. Suppressed cells read "fewer than N" or "suppressed", never a number.
 */
import { csvField, escapeXml } from '#shared/domain/gap-report/export.ts';
import { REPORT_WORDS } from '#shared/domain/i18n/report-strings.ts';
import { fill } from '#shared/domain/i18n/summary-strings.ts';
import { YES_NO_PARTLY } from '#shared/domain/questionnaire/index.ts';
import type { Language } from '#shared/domain/types.ts';
import { type Cell, cellText } from './protect.ts';
import type { ResponseReport } from './report.ts';

/** What the exports need beyond the report itself. */
export interface ReportHead {
  set: { id: string | null; name: string };
  cycleId: string | null;
  generatedAt: string;
  asOf: string | null;
}

type Report = ResponseReport & ReportHead;

const pct = (share: number | null): string => (share === null ? 'suppressed' : `${Math.round(share * 100)}%`);
const cell = (c: Cell | undefined): string => (c === undefined ? '' : cellText(c));

export const RESPONSE_CSV_HEADER = [
  'question_id',
  'article',
  'cluster',
  'type',
  'answered',
  'yes',
  'no',
  'partly',
  'gap_share',
  'numbers_count',
  'numbers_sum',
  'numbers_median',
  'numbers_min',
  'numbers_max',
  'texts',
  'four_p',
  'sdg_targets',
] as const;

/** The question table (one row per question, no header): CSV and XLSX cells alike. */
export function responseReportRows(report: ResponseReport): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const q of report.questions) {
    const n = q.numbers;
    rows.push([
      q.questionId,
      q.article,
      q.cluster,
      q.type,
      q.answered,
      ...YES_NO_PARTLY.map((o) => (q.type === 'yes-no-partly' ? cell(q.counts[o]) : null)),
      q.type === 'yes-no-partly'
        ? q.gapShare === null
          ? 'suppressed'
          : Number(q.gapShare.toFixed(4))
        : null,
      ...(n
        ? [n.count, n.sum, n.median, n.min, n.max]
        : q.type === 'statistics'
          ? ['suppressed', null, null, null, null]
          : [null, null, null, null, null]),
      q.texts ? q.texts.count : null,
      q.fourP.join(' '),
      q.sdgTargets.join(' '),
    ]);
  }
  return rows;
}

/** One row per question, CRLF line ends, UTF-8; suppressed counts as their label. */
export function responseReportCsv(report: ResponseReport): string {
  const rows = [[...RESPONSE_CSV_HEADER], ...responseReportRows(report)];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const COLORS: Record<(typeof YES_NO_PARTLY)[number], string> = {
  yes: '#2f7d32',
  partly: '#e0a100',
  no: '#c62828',
};

/**
 * Stacked bars (yes / partly / no) per yes-no-partly question; a row with a suppressed cell is
 * drawn as a grey bar labelled with the published figures only. Has a title and a description.
 */
export function responseReportSvg(report: Report, lang: Language = 'en'): string {
  const words = REPORT_WORDS[lang];
  const rows = report.questions.filter((q) => q.type === 'yes-no-partly');
  const width = 760;
  const labelW = 110;
  const barW = width - labelW - 200;
  const rowH = 22;
  const top = 44;
  const height = top + rows.length * rowH + 16;
  // Right to left: the axis starts at the right edge and the bars grow leftwards (x mirrored; SVG's
  // `direction` makes each text run from its anchor towards the left).
  const rtl = lang === 'ar';
  const X = (x: number, w = 0): string => (rtl ? width - x - w : x).toFixed(1).replace(/\.0$/, '');
  const title = fill(words.chartTitle, { set: report.set.name, questionnaire: report.questionnaire.title });
  const counts = { submitted: report.submitted, members: report.members };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="12"${rtl ? ' direction="rtl"' : ''}>`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<desc id="d">${escapeXml(fill(words.chartDesc, counts))}</desc>`,
    `<text x="${X(0)}" y="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${X(0)}" y="32" fill="#555">${escapeXml(fill(words.chartSub, counts))}</text>`,
  ];
  rows.forEach((q, i) => {
    const y = top + i * rowH;
    const label = YES_NO_PARTLY.map((o) => `${o} ${cell(q.counts[o])}`).join(' · ');
    parts.push(`<text x="${X(0)}" y="${y + 14}">${escapeXml(q.questionId)}</text>`);
    const exact = YES_NO_PARTLY.every((o) => typeof q.counts[o] === 'number');
    if (!exact || q.answered === 0) {
      parts.push(
        `<rect x="${X(labelW, barW)}" y="${y + 3}" width="${barW}" height="${rowH - 8}" fill="#bbb"><title>${escapeXml(`${q.questionId}: ${label}`)}</title></rect>`,
      );
    } else {
      let x = labelW;
      for (const o of ['yes', 'partly', 'no'] as const) {
        const n = q.counts[o] as number;
        const w = (n / q.answered) * barW;
        if (w > 0)
          parts.push(
            `<rect x="${rtl ? X(x, w) : x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[o]}"><title>${escapeXml(`${q.questionId}: ${o} ${n}`)}</title></rect>`,
          );
        x += w;
      }
    }
    parts.push(`<text x="${X(labelW + barW + 8)}" y="${y + 14}" fill="#333">${escapeXml(label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
