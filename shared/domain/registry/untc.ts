/**
 * Reading the UN Treaty Collection participant tables of the Convention and its Protocols (MTDSG
 * XVIII-12, -12-a, -12-b, -12-c), from a CSV in the shape of the UNTC table or the status page
 * saved as HTML. Pure: text in, participants with ISO3 codes out; nothing is dropped silently (a
 * name that maps to no code is returned in `unknown`, a cell that is not a date is an error).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml } from 'node-html-parser';
import * as z from 'zod';
import { readDataFile } from '../../data-files.ts';
import { ValidationError } from '../errors.ts';
import { type ActionKind, ActionKindSchema, type Instrument, type Iso3 } from '../types.ts';

/** The MTDSG chapter of each instrument, as the UNTC numbers it. */
const MTDSG: Record<Instrument, string> = {
  UNTOC: 'XVIII-12',
  TIP: 'XVIII-12-a',
  SOM: 'XVIII-12-b',
  FIREARMS: 'XVIII-12-c',
};

/** The source label an import writes on the facts it sets, e.g. "UNTC XVIII-12-c". */
export const untcSource = (instrument: Instrument): string => `UNTC ${MTDSG[instrument]}`;

/** One row of a participant table, as printed. */
interface UntcRow {
  participant: string;
  signature: string;
  action: string;
}

/** A participant with its action, resolved to an ISO3 code (or the EU's id). */
export const UntcPartySchema = z.object({
  iso3: z.string(),
  name: z.string(),
  action: ActionKindSchema,
  date: z.string(),
});
export type UntcParty = z.infer<typeof UntcPartySchema>;

export interface UntcTable {
  instrument: Instrument;
  /** The status date of the table (`--as-of`, the page's "Status as at", or its newest action). */
  asOf: string;
  source: string;
  /** States with a ratification, acceptance, approval, accession or succession. */
  parties: UntcParty[];
  /** Organizations (the European Union) with such an action: parties, never drawn. */
  organizations: UntcParty[];
  /** ISO3 of the States that have signed only. */
  signatories: Iso3[];
  /** Participant names that map to no known State or organization, as printed. */
  unknown: string[];
}

/** Input that is not a participant table (the CLI exits 1 on it, the API answers 422). */
export class UntcFormatError extends ValidationError {}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** The suffix after the date names the kind; no suffix is a ratification (case matters: A ≠ a). */
const KIND_OF_SUFFIX: Record<string, ActionKind> = {
  '': 'ratification',
  A: 'acceptance',
  AA: 'approval',
  a: 'accession',
  d: 'succession',
};

/** "7 Jun 2004 a" → { date: '2004-06-07', action: 'accession' }; "" → null; anything else throws. */
export const parseActionCell = (cell: string, where: string): { date: string; action: ActionKind } | null => {
  const text = cell.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})(?: (AA|A|a|d))?$/.exec(text);
  const month = m ? MONTHS[(m[2] ?? '').toLowerCase()] : undefined;
  const action = m ? KIND_OF_SUFFIX[m[4] ?? ''] : undefined;
  if (!m || !month || !action) {
    throw new UntcFormatError(`${where}: "${cell}" is not a date such as "7 Jun 2004" or "7 Jun 2004 a"`);
  }
  return { date: `${m[3]}-${month}-${(m[1] ?? '').padStart(2, '0')}`, action };
};

/**
 * Comparable form of a participant name: footnote markers (trailing digits, commas, asterisks,
 * bracketed numbers), diacritics, apostrophe style, "St." and case do not matter.
 */
export const normalizeName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\[\d+\]/g, ' ')
    .replace(/[\s\d,*†‡]+$/u, '')
    .replace(/[’`´]/g, "'")
    .replace(/\bSt\.\s*/gi, 'Saint ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** The name a participant is printed with, footnote markers removed. */
const cleanName = (name: string): string =>
  name
    .replace(/\[\d+\]/g, ' ')
    .replace(/[\s\d,*†‡]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();

type Resolved = { kind: 'state' | 'organization'; iso3: Iso3 } | { kind: 'unknown' };

type UntcNames = typeof import('../../../data/untc-names.json', { with: { type: 'json' }});

let names: { table: UntcNames; index: Map<string, Resolved> } | undefined;

/** data/untc-names.json and its name index, built on first use (imports only). */
const untcNames = (): { table: UntcNames; index: Map<string, Resolved> } => {
  if (names) return names;
  const table = readDataFile<UntcNames>('untc-names.json');
  const index = new Map<string, Resolved>();
  for (const s of table.states)
    for (const n of s.names) index.set(normalizeName(n), { kind: 'state', iso3: s.iso3 });
  for (const o of table.organizations)
    for (const n of o.names) index.set(normalizeName(n), { kind: 'organization', iso3: o.id });
  names = { table, index };
  return names;
};

/** The State or organization a UNTC participant name stands for. */
export const resolveParticipant = (name: string): Resolved =>
  untcNames().index.get(normalizeName(name)) ?? { kind: 'unknown' };

/** Registration data for a State that is not a party yet (group, legal system), when the name table has it. */
export const candidateState = (iso3: Iso3) => untcNames().table.states.find((s) => s.iso3 === iso3);

const HEADER = /^participant/i;

/** Rows of a CSV participant table: header row with `Participant`, then participant, signature, action. */
const readUntcCsv = (text: string): UntcRow[] => {
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new UntcFormatError(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const start = records.findIndex((r) => HEADER.test((r[0] ?? '').trim()));
  if (start < 0 || (records[start]?.length ?? 0) < 3) {
    throw new UntcFormatError(
      'the CSV has no header row "Participant, Signature, Ratification…" (three columns)',
    );
  }
  return records.slice(start + 1).map((r) => ({
    participant: r[0] ?? '',
    signature: r[1] ?? '',
    action: r[2] ?? '',
  }));
};

/** Rows of the participant table of a UNTC status page saved as HTML (footnote `<sup>`s dropped). */
const readUntcHtml = (html: string): { rows: UntcRow[]; statusAsOf?: string } => {
  const root = parseHtml(html);
  for (const sup of root.querySelectorAll('sup')) sup.remove();
  const text = (el: { text: string }) => el.text.replace(/\u00a0/g, ' ').trim();
  // Saved pages nest the participant table in layout tables: take the innermost one whose first
  // row starts with "Participant" (document order puts inner tables after the outer ones).
  const table = root
    .querySelectorAll('table')
    .filter((t) => {
      const first = t.querySelector('tr');
      return first !== null && HEADER.test(text(first.querySelectorAll('th, td')[0] ?? { text: '' }));
    })
    .at(-1);
  if (!table) throw new UntcFormatError('the HTML page has no participant table (a "Participant" column)');
  const rows = table
    .querySelectorAll('tr')
    .slice(1)
    .map((tr) => tr.querySelectorAll('td').map(text))
    .filter((cells) => cells.length >= 3 && cells[0] !== '')
    .map((cells) => ({ participant: cells[0] ?? '', signature: cells[1] ?? '', action: cells[2] ?? '' }));
  // "Status as at : 04-05-2024 05:00:42 EDT" (day-month-year) on the status pages.
  const m = /Status as at\s*:\s*(\d{2})-(\d{2})-(\d{4})/i.exec(root.text);
  return { rows, statusAsOf: m ? `${m[3]}-${m[2]}-${m[1]}` : undefined };
};

/** Which reader a file name or upload calls for. */
export const formatOf = (fileName: string): 'csv' | 'html' | undefined =>
  /\.csv$/i.test(fileName) ? 'csv' : /\.html?$/i.test(fileName) ? 'html' : undefined;

/**
 * The table as the registry needs it. `asOf` defaults to the page's status date, else the newest
 * action in the table (a lower bound of the date the table speaks for).
 */
export const importUntcTable = (input: {
  instrument: Instrument;
  format: 'csv' | 'html';
  text: string;
  asOf?: string;
}): UntcTable => {
  const { rows, statusAsOf } =
    input.format === 'csv'
      ? { rows: readUntcCsv(input.text), statusAsOf: undefined }
      : readUntcHtml(input.text);
  if (rows.length === 0) throw new UntcFormatError('the table lists no participant');
  const parties: UntcParty[] = [];
  const organizations: UntcParty[] = [];
  const signatories: Iso3[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = cleanName(row.participant);
    const where = `row ${i + 1} (${name || 'no name'})`;
    const act = parseActionCell(row.action, where);
    if (parseActionCell(row.signature, where) === null && !act) {
      throw new UntcFormatError(`${where}: neither a signature nor an action date`);
    }
    const resolved = resolveParticipant(name);
    if (resolved.kind === 'unknown') {
      unknown.push(name);
      return;
    }
    if (seen.has(resolved.iso3)) throw new UntcFormatError(`${where}: ${resolved.iso3} is listed twice`);
    seen.add(resolved.iso3);
    if (!act) {
      if (resolved.kind === 'state') signatories.push(resolved.iso3);
      return;
    }
    (resolved.kind === 'state' ? parties : organizations).push({ iso3: resolved.iso3, name, ...act });
  });
  const newest = [...parties, ...organizations]
    .map((p) => p.date)
    .sort()
    .at(-1);
  const asOf = input.asOf ?? statusAsOf ?? newest;
  if (!asOf) throw new UntcFormatError('no as-of date: the table has no action date; give --as-of');
  return {
    instrument: input.instrument,
    asOf,
    source: untcSource(input.instrument),
    parties,
    organizations,
    signatories,
    unknown,
  };
};
