/**
 * Exports of a response report: CSV (one row per question), an accessible SVG bar chart and a
 * printable HTML page (its own print stylesheet; print to PDF from the browser). Pure: report in,
 * string out. Suppressed cells read "fewer than N" or "suppressed", never a number.
 */
import { csvField, escapeXml } from '#shared/domain/gap-report/export.ts';
import { YES_NO_PARTLY } from '#shared/domain/questionnaire/index.ts';
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
export function responseReportSvg(report: Report): string {
  const rows = report.questions.filter((q) => q.type === 'yes-no-partly');
  const width = 760;
  const labelW = 110;
  const barW = width - labelW - 200;
  const rowH = 22;
  const top = 44;
  const height = top + rows.length * rowH + 16;
  const title = `${report.set.name}: answers to ${report.questionnaire.title}`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" font-family="sans-serif" font-size="12">`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<desc id="d">${escapeXml(`One bar per question: yes (green), partly (amber), no (red). Grey bars have counts withheld to protect States' answers. ${report.submitted} of ${report.members} States submitted.`)}</desc>`,
    `<text x="0" y="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="0" y="32" fill="#555">${escapeXml(`${report.submitted} of ${report.members} submitted · yes / partly / no`)}</text>`,
  ];
  rows.forEach((q, i) => {
    const y = top + i * rowH;
    const label = YES_NO_PARTLY.map((o) => `${o} ${cell(q.counts[o])}`).join(' · ');
    parts.push(`<text x="0" y="${y + 14}">${escapeXml(q.questionId)}</text>`);
    const exact = YES_NO_PARTLY.every((o) => typeof q.counts[o] === 'number');
    if (!exact || q.answered === 0) {
      parts.push(
        `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 8}" fill="#bbb"><title>${escapeXml(`${q.questionId}: ${label}`)}</title></rect>`,
      );
    } else {
      let x = labelW;
      for (const o of ['yes', 'partly', 'no'] as const) {
        const n = q.counts[o] as number;
        const w = (n / q.answered) * barW;
        if (w > 0)
          parts.push(
            `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[o]}"><title>${escapeXml(`${q.questionId}: ${o} ${n}`)}</title></rect>`,
          );
        x += w;
      }
    }
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 14}" fill="#333">${escapeXml(label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const esc = escapeXml;

const table = (head: string[], body: (string | number)[][]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

const date = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

/** A self-contained page that prints well (A4, tables not split mid-row); no scripts. */
export function responseReportHtml(report: Report): string {
  const named = report.named !== 'none';
  const sections: string[] = [];
  sections.push(
    `<h2>Completion</h2>${table(
      ['State', 'Submitted', 'Version', 'Due', 'On time'],
      report.states.map((s) => [
        s.name,
        s.submitted ? date(s.submittedAt) : 'not submitted',
        s.version ?? '—',
        date(s.due),
        s.onTime === null ? '—' : s.onTime ? 'yes' : 'late',
      ]),
    )}`,
  );
  sections.push(
    `<h2>Gaps</h2><p>Questions ranked by the share of “no” and “partly” answers.</p>${table(
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
    )}<h3>By the four Ps</h3>${table(
      ['Lens', 'Answers', 'Share no/partly'],
      report.gaps.byFourP.map((g) => [g.fourP, g.answered, pct(g.gapShare)]),
    )}<h3>By SDG target</h3>${table(
      ['SDG target', 'Answers', 'Share no/partly'],
      report.gaps.bySdg.map((g) => [g.target, g.answered, pct(g.gapShare)]),
    )}`,
  );
  sections.push(`<h2>Answers per question</h2><figure>${responseReportSvg(report)}</figure>`);
  sections.push(
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
  );
  sections.push(
    `<h2>Per article</h2>${table(
      ['Article', 'Title', 'Cluster', 'Answers', 'Yes', 'No', 'Partly', 'Share no/partly'],
      report.articles.map((a) => [
        a.article,
        a.title,
        a.cluster,
        a.answered,
        ...YES_NO_PARTLY.map((o) => cell(a.counts[o])),
        pct(a.gapShare),
      ]),
    )}`,
  );
  const laws = report.laws.filter((l) => l.citations.length + l.attachments.length + l.hiddenCount > 0);
  sections.push(
    `<h2>Laws cited</h2>${
      laws
        .map(
          (l) =>
            `<h3>${esc(l.article)}</h3><ul>${l.citations
              .map(
                (c) =>
                  `<li>${c.url ? `<a href="${esc(c.url)}">${esc(c.title)}</a>` : esc(c.title)}${c.article ? `, ${esc(c.article)}` : ''} — ${esc(c.states.join(', '))}</li>`,
              )
              .join(
                '',
              )}${l.attachments.map((a) => `<li>${esc(a.name)} (attachment) — ${esc(a.iso3)}</li>`).join('')}${
              l.hiddenCount > 0 ? `<li>${l.hiddenCount} citation(s) of States not shown by name</li>` : ''
            }</ul>`,
        )
        .join('') || '<p>None.</p>'
    }`,
  );
  const scope =
    report.named === 'all'
      ? 'Answers are shown by State.'
      : report.named === 'some'
        ? 'Some States are shown by name (own State, or consent to share with this set); counts that could reveal the others are withheld.'
        : `Aggregates only: counts below ${report.threshold} are shown as “fewer than ${report.threshold}”, and further counts are withheld where they would reveal them.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`${report.set.name} — ${report.questionnaire.title}`)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}
th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}
@page{size:A4;margin:15mm}
@media print{body{margin:0}tr,figure{break-inside:avoid}h2{break-after:avoid}}
</style></head><body>
<h1>${esc(report.set.name)}: ${esc(report.questionnaire.title)}</h1>
<p>${esc(`${report.submitted} of ${report.members} States submitted${report.cycleId ? ` in cycle ${report.cycleId}` : ' (latest version of each State)'}${report.asOf ? `, counted as of ${date(report.asOf)}` : ''}${report.compareTo ? `; compared with ${report.compareTo}` : ''}. Generated ${report.generatedAt}.`)}</p>
<p>${esc(scope)}</p>
${sections.join('\n')}
</body></html>
`;
}
