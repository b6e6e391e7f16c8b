/**
 * The .xlsx file of the spreadsheet form (exceljs): bytes → text rows for sheet-read.ts, and a
 * definition → bytes (the template and the download of a version).
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../exceljs.ts';
import type { CheckResult } from './check.ts';
import { checkJsonText, checkSheets } from './check.ts';
import type { QuestionnaireDefinition } from './definition.ts';
import { SHEETS } from './sheet-columns.ts';
import type { SheetRows } from './sheet-read.ts';
import { sheetsOf } from './sheet-write.ts';

/** A cell as the text a person typed (numbers, booleans, rich text and formulas' results included). */
const textOf = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return textOf(value.result as ExcelJS.CellValue);
  return '';
};

const rowsOf = (sheet: ExcelJS.Worksheet | undefined): SheetRows => {
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(textOf(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
};

/** Checks a spreadsheet definition; an unreadable file or a missing sheet is one issue. */
export async function checkWorkbook(bytes: Uint8Array, version?: number): Promise<CheckResult> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, issues: [{ row: 'file', field: '-', message: 'not a readable .xlsx workbook' }] };
  }
  const missing = Object.values(SHEETS).filter((name) => !wb.getWorksheet(name));
  if (missing.length > 0) {
    return {
      ok: false,
      issues: missing.map((name) => ({ row: name, field: '-', message: `the sheet ${name} is missing` })),
    };
  }
  return checkSheets(
    rowsOf(wb.getWorksheet(SHEETS.meta)),
    rowsOf(wb.getWorksheet(SHEETS.questions)),
    version,
  );
}

/** The .xlsx of arbitrary rows (tests build broken workbooks with it). */
export async function workbookBytes(sheets: { meta: SheetRows; questions: SheetRows }): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.addWorksheet(SHEETS.meta).addRows(sheets.meta.map((r) => [...r]));
  const questions = wb.addWorksheet(SHEETS.questions, { views: [{ state: 'frozen', ySplit: 1 }] });
  questions.addRows(sheets.questions.map((r) => [...r]));
  questions.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A definition as a spreadsheet the secretariat can edit and upload again. */
export const definitionWorkbook = (def: QuestionnaireDefinition): Promise<Uint8Array> =>
  workbookBytes(sheetsOf(def));

export type DefinitionFormat = 'json' | 'xlsx';

/** The format of an uploaded file: an .xlsx is a zip (it starts with `PK`). */
export const formatOf = (bytes: Uint8Array): DefinitionFormat =>
  bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'json';

/** Checks a definition file of either format. */
export const checkDefinitionFile = (bytes: Uint8Array, version?: number): Promise<CheckResult> =>
  formatOf(bytes) === 'xlsx'
    ? checkWorkbook(bytes, version)
    : Promise.resolve(checkJsonText(Buffer.from(bytes).toString('utf8'), version));
