/**
 * Exports of a gap report: CSV (one table with a `table` column), JSON and accessible SVG
 * bar charts for the web UI. All pure: report in, string out.
 */
import { OBSERVATION_KINDS, type ObservationKind } from '#shared/domain/types.ts';
import type { GapReport, KindCounts } from './gap-report.ts';

const GAP_REPORT_JSON_VERSION = 1;

/** Stable, indented JSON with a format version. */
export function gapReportJson(report: GapReport): string {
  return `${JSON.stringify({ version: GAP_REPORT_JSON_VERSION, ...report }, null, 2)}\n`;
}

/**
 * RFC 4180 field. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe: observation texts are user input.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const GAP_CSV_HEADER = [
  'table',
  'key',
  'label',
  'good_practice',
  'challenge',
  'recommendation',
  'ta_need',
  'total',
  'reviews',
] as const;

/**
 * One CSV table: `total`, `article` and `four-p` rows carry counts per kind; `top-challenge`
 * rows carry the group key, its wording, the observation count (in `challenge`) and the
 * number of reviews raising it; `ta-need-status` rows the TA needs per tracking status, `follow-up-status` rows the agreed follow-ups per status (in
 * `total`). CRLF line ends, UTF-8 (no BOM).
 */
export function gapReportCsv(report: GapReport): string {
  const rows: (string | number | null)[][] = [[...GAP_CSV_HEADER]];
  const counts = (c: KindCounts, total: number): number[] => [...OBSERVATION_KINDS.map((k) => c[k]), total];
  rows.push(['total', 'all', null, ...counts(report.totals, report.totals.total), report.reviewsCounted]);
  for (const r of report.byArticle)
    rows.push(['article', r.article, null, ...counts(r.counts, r.total), null]);
  for (const r of report.byFourP) rows.push(['four-p', r.fourP, null, ...counts(r.counts, r.total), null]);
  for (const t of report.topChallenges) {
    rows.push(['top-challenge', t.key, t.text, null, t.observations, null, null, t.observations, t.reviews]);
  }
  for (const t of report.taNeedsByStatus) {
    rows.push(['ta-need-status', t.status, null, null, null, null, null, t.count, null]);
  }
  for (const f of report.followUpByStatus) {
    rows.push(['follow-up-status', f.status, null, null, null, null, null, f.count, null]);
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Escapes text and attribute values for SVG/XML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const KIND_COLORS: Readonly<Record<ObservationKind, string>> = {
  'good-practice': '#009E73',
  challenge: '#D55E00',
  recommendation: '#0072B2',
  'ta-need': '#E69F00',
};

const KIND_LABELS: Readonly<Record<ObservationKind, string>> = {
  'good-practice': 'Good practices',
  challenge: 'Challenges',
  recommendation: 'Recommendations',
  'ta-need': 'Technical assistance needs',
};

export type GapChart = 'by-article' | 'by-four-p';

/**
 * Horizontal stacked bar chart (one bar per article or per P, one segment per kind) as a
 * standalone SVG with `role="img"`, `<title>`/`<desc>` (the desc lists every figure so a
 * screen reader gets the data), a `<title>` per segment for tooltips and a legend.
 */
export function gapReportSvg(report: GapReport, chart: GapChart): string {
  const rows =
    chart === 'by-article'
      ? report.byArticle.map((r) => ({ label: r.article, counts: r.counts, total: r.total }))
      : report.byFourP.map((r) => ({ label: r.fourP, counts: r.counts, total: r.total }));
  const title =
    chart === 'by-article'
      ? 'Observations per article, by kind'
      : 'Observations per "four Ps" theme, by kind';
  const desc =
    rows.length === 0
      ? 'No observations match the filter.'
      : rows
          .map(
            (r) =>
              `${r.label}: ${OBSERVATION_KINDS.map((k) => `${r.counts[k]} ${KIND_LABELS[k].toLowerCase()}`).join(', ')}`,
          )
          .join('; ');

  const labelWidth = 110;
  const barMax = 360;
  const rowHeight = 22;
  const top = 34;
  const width = labelWidth + barMax + 60;
  const legendY = top + rows.length * rowHeight + 14;
  const height = legendY + 24;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = barMax / max;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="gap-title gap-desc" font-family="sans-serif" font-size="12">`,
    `<title id="gap-title">${escapeXml(title)}</title>`,
    `<desc id="gap-desc">${escapeXml(desc)}</desc>`,
    `<text x="0" y="16" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    out.push(
      `<g>`,
      `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeXml(r.label)}</text>`,
    );
    let x = labelWidth;
    for (const k of OBSERVATION_KINDS) {
      const n = r.counts[k];
      if (n === 0) continue;
      const w = Number((n * scale).toFixed(2));
      out.push(
        `<rect x="${Number(x.toFixed(2))}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${KIND_COLORS[k]}"><title>${escapeXml(`${r.label}: ${n} ${KIND_LABELS[k].toLowerCase()}`)}</title></rect>`,
      );
      x += w;
    }
    out.push(`<text x="${Number((x + 4).toFixed(2))}" y="${y + 14}">${r.total}</text>`, `</g>`);
  });
  let lx = 0;
  for (const k of OBSERVATION_KINDS) {
    out.push(
      `<rect x="${lx}" y="${legendY}" width="10" height="10" fill="${KIND_COLORS[k]}"/>`,
      `<text x="${lx + 14}" y="${legendY + 9}">${escapeXml(KIND_LABELS[k])}</text>`,
    );
    lx += 14 + KIND_LABELS[k].length * 6.5 + 12;
  }
  out.push('</svg>', '');
  return out.join('\n');
}
