/** A self-contained page of the response report that prints well (A4, tables not split mid-row); no scripts. */
import { escapeXml as esc } from '#shared/domain/gap-report/export.ts';
import { textDirection } from '#shared/domain/i18n/summary-strings.ts';
import type { Language } from '#shared/domain/types.ts';
import { responseReportSvg } from './export.ts';
import { type Report, type ReportBlock, reportBlocks, reportIntro, reportTitle } from './layout.ts';

const block = (report: Report, b: ReportBlock, lang: Language): string => {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'text':
      return `<p>${esc(b.text)}</p>`;
    case 'chart':
      return `<figure>${responseReportSvg(report, lang)}</figure>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items
        .map(
          (i) =>
            `<li>${i.url ? `<a href="${esc(i.url)}">${esc(i.text)}</a>` : esc(i.text)}${esc(i.rest)}</li>`,
        )
        .join('')}</ul>`;
  }
};

export function responseReportHtml(report: Report, lang: Language = 'en'): string {
  return `<!doctype html>
<html lang="${lang}" dir="${textDirection(lang)}"><head><meta charset="utf-8"><title>${esc(`${report.set.name} — ${report.questionnaire.title}`)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}
th,td{border:1px solid #999;padding:.2rem .4rem;text-align:start;vertical-align:top}
th{background:#eee}
@page{size:A4;margin:15mm}
@media print{body{margin:0}tr,figure{break-inside:avoid}h2{break-after:avoid}}
</style></head><body>
<h1>${esc(reportTitle(report))}</h1>
${reportIntro(report, lang)
  .map((p) => `<p>${esc(p)}</p>`)
  .join('\n')}
${reportBlocks(report, lang)
  .map((b) => block(report, b, lang))
  .join('\n')}
</body></html>
`;
}
