/**
 * The response report as an A4 PDF through the shared writer (shared/domain/pdf): the same blocks
 * as the HTML page (layout.ts), tables with their header repeated on each page, bars per question
 * drawn as a table of counts (the SVG chart's figures), in the report's language (Arabic shaped
 * right to left, Chinese in the CJK face, as the summaries).
 */

import { REPORT_WORDS } from '#shared/domain/i18n/report-strings.ts';
import { fill } from '#shared/domain/i18n/summary-strings.ts';
import { PdfWriter } from '#shared/domain/pdf/writer.ts';
import type { Language } from '#shared/domain/types.ts';
import { type Report, reportBlocks, reportIntro, reportTitle } from './layout.ts';

export async function responseReportPdf(
  report: Report,
  createdAt?: Date,
  lang: Language = 'en',
): Promise<Uint8Array> {
  const words = REPORT_WORDS[lang];
  const w = await PdfWriter.create({
    lang,
    title: reportTitle(report),
    subject: words.subject,
    ...(createdAt === undefined ? {} : { createdAt }),
  });
  w.heading(reportTitle(report), 16);
  for (const p of reportIntro(report, lang)) w.paragraph([{ text: p }], { after: 0.3 });
  w.gap(0.5);
  for (const b of reportBlocks(report, lang)) {
    switch (b.kind) {
      case 'heading':
        if (b.level === 2) w.bookmark(b.text);
        w.heading(b.text, b.level === 2 ? 13 : 11);
        break;
      case 'text':
        w.paragraph([{ text: b.text }], { after: 0.4 });
        break;
      case 'table':
        w.table(b.head, b.rows, { size: 8 });
        break;
      case 'chart':
        // The chart's figures are in the table that follows; the PDF does not repeat them as bars.
        break;
      case 'list':
        for (const i of b.items) {
          const link = i.url !== null && /^https?:\/\//.test(i.url) ? i.url : null;
          w.paragraph([{ text: `• ${i.text}`, link }, { text: i.rest }], { after: 0.2 });
        }
        break;
    }
  }
  return w.finish((page, pages) => fill(words.page, { page, pages }));
}
