/**
 * The non-JSON representations of a response report: CSV, SVG, HTML and PDF from the pure
 * exporters, XLSX through ExcelJS (sheets: questions, completion, gaps, articles, laws).
 */
import { loadExcelJS } from '../domain/exceljs.ts';
import { YES_NO_PARTLY } from '../domain/questionnaire/index.ts';
import {
  cellText,
  RESPONSE_CSV_HEADER,
  type ReportHead,
  type ResponseReport,
  responseReportCsv,
  responseReportHtml,
  responseReportPdf,
  responseReportRows,
  responseReportSvg,
} from '../domain/response-report/index.ts';
import type { Language } from '../domain/types.ts';
import type { ServedDocument } from './context.ts';

type Report = ResponseReport & ReportHead;

const fileBase = (r: Report): string =>
  `responses-${r.instrument}-${r.set.id ?? 'states'}${r.cycleId ? `-${r.cycleId}` : ''}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );

/** Formula-like texts are written as plain strings by ExcelJS; numbers stay numbers. */
async function responseReportXlsx(r: Report): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cop-review';
  wb.created = new Date(r.generatedAt);
  const sheet = (name: string, header: readonly string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...header]).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((c) => c ?? ''));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  sheet('Questions', RESPONSE_CSV_HEADER, responseReportRows(r));
  sheet(
    'Completion',
    ['iso3', 'state', 'submitted', 'submitted_at', 'version', 'due', 'on_time'],
    r.states.map((s) => [
      s.iso3,
      s.name,
      s.submitted ? 'yes' : 'no',
      s.submittedAt,
      s.version,
      s.due,
      s.onTime === null ? '' : s.onTime ? 'yes' : 'late',
    ]),
  );
  sheet(
    'Gaps',
    ['question_id', 'article', 'answered', 'no', 'partly', 'gap_share', 'states'],
    r.gaps.questions.map((g) => [
      g.questionId,
      g.article,
      g.answered,
      cellText(g.no),
      cellText(g.partly),
      g.gapShare === null ? 'suppressed' : g.gapShare,
      g.states.map((s) => `${s.iso3} (${s.answer})`).join(', '),
    ]),
  );
  sheet(
    'Articles',
    ['article', 'title', 'cluster', 'answered', ...YES_NO_PARTLY, 'gap_share'],
    r.articles.map((a) => [
      a.article,
      a.title,
      a.cluster,
      a.answered,
      ...YES_NO_PARTLY.map((o) => (a.counts[o] === undefined ? '' : cellText(a.counts[o]))),
      a.gapShare === null ? 'suppressed' : a.gapShare,
    ]),
  );
  sheet(
    'Laws cited',
    ['article', 'title', 'article_of_law', 'url', 'states'],
    r.laws.flatMap((l) => [
      ...l.citations.map((c) => [l.article, c.title, c.article ?? '', c.url ?? '', c.states.join(', ')]),
      ...l.attachments.map((a) => [l.article, a.name, 'attachment', '', a.iso3]),
    ]),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A report in a downloadable format; the binding adds the headers of each (shared/http/bindings/reports.ts). */
export async function renderReport(
  r: Report,
  format: 'csv' | 'xlsx' | 'html' | 'pdf' | 'svg',
  lang: Language = 'en',
): Promise<ServedDocument> {
  const base = fileBase(r);
  switch (format) {
    case 'csv':
      return { body: responseReportCsv(r), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
    case 'xlsx':
      return {
        body: await responseReportXlsx(r),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: `${base}.xlsx`,
      };
    case 'svg':
      return { body: responseReportSvg(r, lang), contentType: 'image/svg+xml; charset=utf-8' };
    case 'pdf':
      return {
        body: await responseReportPdf(r, new Date(r.generatedAt), lang),
        contentType: 'application/pdf',
        fileName: `${base}.pdf`,
      };
    case 'html':
      return { body: responseReportHtml(r, lang), contentType: 'text/html; charset=utf-8' };
  }
}
