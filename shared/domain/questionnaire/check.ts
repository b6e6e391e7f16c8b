/**
 * Checking an uploaded definition (JSON or the spreadsheet form): either the parsed definition,
 * or every problem found, each with the row and field it is about. Nothing is half-loaded: a
 * definition with any problem is refused as a whole.
 */
import type { z } from 'zod';
import {
  checkDefinition,
  type QuestionnaireDefinition,
  QuestionnaireDefinitionSchema,
  salvage,
} from './definition.ts';
import { SHEETS } from './sheet-columns.ts';
import { readSheets, type SheetRows } from './sheet-read.ts';

/** One problem: `row` is `Questions!7` (spreadsheet) or a JSON path like `clusters[0].articles[1]`. */
export interface DefinitionIssue {
  row: string;
  field: string;
  message: string;
}

export type CheckResult =
  | { ok: true; definition: QuestionnaireDefinition }
  | { ok: false; issues: DefinitionIssue[] };

/** Where a path of the JSON shape came from. */
export type Locate = (path: readonly PropertyKey[]) => { row: string; field: string };

/** The CLI's and the API's one-line form of an issue. */
export const formatIssue = (i: DefinitionIssue): string => `${i.row} ${i.field}: ${i.message}`;

const jsonRow = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? String(k) : `${out}.${String(k)}`),
    '',
  );

/** In a JSON file the "row" is the question (article, cluster) object and the field the rest. */
export const locateJson: Locate = (path) => {
  const depth =
    path[4] === 'questions' && typeof path[5] === 'number'
      ? 6
      : path[2] === 'articles' && typeof path[3] === 'number'
        ? 4
        : path[0] === 'clusters' && typeof path[1] === 'number'
          ? 2
          : 0;
  const rest = path.slice(depth);
  return {
    row: depth === 0 ? '$' : jsonRow(path.slice(0, depth)),
    field: rest.length === 0 ? '-' : jsonRow(rest),
  };
};

/**
 * `raw` in the JSON shape → the definition, or its issues located by `locate`. A missing version
 * is filled with `version` (an upload's number is the one it is published as). Structural
 * problems and the cross-field rules are reported in the same pass (the rules run on the parts
 * that parse), earlier reports (`known`) win over the schema's on the same cell.
 */
export function checkRaw(
  raw: unknown,
  locate: Locate,
  options: { version?: number; known?: readonly DefinitionIssue[] } = {},
): CheckResult {
  const input =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('version' in raw)
      ? { ...raw, version: options.version ?? 1 }
      : raw;
  const parsed = QuestionnaireDefinitionSchema.safeParse(input);
  const known = options.known ?? [];
  if (parsed.success && known.length === 0) return { ok: true, definition: parsed.data };
  const cellOf = (i: { row: string; field: string }) => `${i.row}\u0000${i.field}`;
  // A cell the reader already reported (not a number, not yes/no) keeps only that report.
  const readerCells = new Set(known.map(cellOf));
  const found = new Map<string, DefinitionIssue>(known.map((i) => [`${cellOf(i)}\u0000${i.message}`, i]));
  const add = (path: readonly PropertyKey[], message: string) => {
    const issue = { ...locate(path), message };
    if (!readerCells.has(cellOf(issue))) found.set(`${cellOf(issue)}\u0000${message}`, issue);
  };
  if (!parsed.success) {
    for (const issue of (parsed.error as z.ZodError).issues) {
      if (issue.code !== 'custom') add(issue.path, issue.message);
    }
    checkDefinition(salvage(input), add);
  }
  return { ok: false, issues: [...found.values()] };
}

export function checkJsonText(text: string, version?: number): CheckResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      issues: [{ row: '$', field: '-', message: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  return checkRaw(raw, locateJson, { version });
}

export function checkSheets(meta: SheetRows, questions: SheetRows, version?: number): CheckResult {
  const read = readSheets(meta, questions);
  const result = checkRaw(read.raw, read.locate, { version, known: read.issues });
  if (result.ok) return result;
  // In sheet order, so the list reads alongside the spreadsheet.
  const order = (row: string) => {
    const [sheet = '', n = '0'] = row.split('!');
    return [sheet === SHEETS.meta ? 0 : 1, Number(n)] as const;
  };
  const issues = [...result.issues].sort((a, b) => {
    const [sa, ra] = order(a.row);
    const [sb, rb] = order(b.row);
    return sa - sb || ra - rb;
  });
  return { ok: false, issues };
}
