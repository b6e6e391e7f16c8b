/**
 * ExcelJS (with jszip, archiver, bluebird: ~700 KB of CommonJS) is loaded on the first workbook
 * read or written, not at module load: the functions that import it (reports, questionnaires)
 * should not pay for it in every cold start (bench/suites/cold-start.ts).
 */
import type ExcelJSModule from 'exceljs';

let excel: Promise<typeof ExcelJSModule> | undefined;

export const loadExcelJS = (): Promise<typeof ExcelJSModule> => {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
};
