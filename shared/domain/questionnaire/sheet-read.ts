/**
 * Spreadsheet rows → the JSON shape of a definition, remembering which row and column each part
 * came from so every problem can be reported as `Questions!7 prompt.fr: …`. Cells that cannot
 * be read (a cluster that is not a number, `required` that is not yes/no) are reported here; all
 * the rest is checked by the definition schema, like a JSON upload.
 */
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import type { DefinitionIssue, Locate } from './check.ts';
import {
  columnOf,
  languageColumns,
  OPTION_SEPARATOR,
  QUESTION_COLUMNS,
  REQUIRED_COLUMNS,
  SHEETS,
} from './sheet-columns.ts';

/** One sheet as text cells, row 1 first; blank rows kept so row numbers match the sheet. */
export type SheetRows = readonly (readonly string[])[];

export interface ReadSheets {
  raw: Record<string, unknown>;
  issues: DefinitionIssue[];
  locate: Locate;
}

const rowName = (sheet: string, n: number) => `${sheet}!${n}`;

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);
const list = (cell: string, sep: string | RegExp): string[] =>
  cell
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');

interface Place {
  row: number;
}

export function readSheets(meta: SheetRows, questions: SheetRows): ReadSheets {
  const issues: DefinitionIssue[] = [];
  const problem = (sheet: string, row: number, field: string, message: string) =>
    issues.push({ row: rowName(sheet, row), field, message });

  // ---- the Questionnaire sheet: key | value ----
  const raw: Record<string, unknown> = {};
  const metaRows = new Map<string, number>();
  const notes: string[] = [];
  const titles: Record<string, string> = {};
  meta.forEach((cells, i) => {
    const [key = '', value = ''] = cells;
    const row = i + 1;
    if (key === '' || (row === 1 && key.toLowerCase() === 'key')) return;
    const titleLang = /^title\.([a-z]{2})$/.exec(key)?.[1];
    if (key === 'note') notes.push(value);
    else if (titleLang && titleLang !== 'en') titles[titleLang] = value;
    else if (['id', 'instrument', 'title', 'wording'].includes(key)) raw[key] = value;
    else if (key === 'version') raw.version = /^\d+$/.test(value) ? Number(value) : value;
    else if (key === 'languages') raw.languages = list(value, /[,;\s]+/);
    else {
      problem(
        SHEETS.meta,
        row,
        key,
        `unknown key ${key} (id, instrument, title, title.<lang>, languages, wording, version, note)`,
      );
      return;
    }
    const at = key === 'note' ? 'notes' : key;
    if (metaRows.has(at) && key !== 'note') problem(SHEETS.meta, row, key, `${key} is given twice`);
    if (!metaRows.has(at)) metaRows.set(at, row);
    if (titleLang) metaRows.set('titles', metaRows.get('titles') ?? row);
  });
  if (notes.length > 0) raw.notes = notes;
  if (Object.keys(titles).length > 0) raw.titles = titles;

  // ---- the Questions sheet ----
  const header = (questions[0] ?? []).map((h) => h.trim());
  const known = new Set<string>([...QUESTION_COLUMNS, ...LANGUAGES.flatMap((l) => languageColumns(l))]);
  header.forEach((h) => {
    if (h !== '' && !known.has(h)) problem(SHEETS.questions, 1, h, `unknown column ${h}`);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!header.includes(required))
      problem(SHEETS.questions, 1, required, `the column ${required} is missing`);
  }
  const at = new Map(header.map((h, i) => [h, i]));

  type Article = { raw: Record<string, unknown>; place: Place; questions: Place[] };
  type Cluster = { raw: Record<string, unknown>; place: Place; articles: Map<string, Article> };
  const clusters = new Map<string, Cluster>();

  questions.forEach((cells, i) => {
    const row = i + 1;
    if (row === 1 || cells.every((c) => c.trim() === '')) return;
    const cell = (col: string) => (cells[at.get(col) ?? -1] ?? '').trim();
    const bad = (col: string, message: string) => problem(SHEETS.questions, row, col, message);
    const flag = (col: string): boolean | string => {
      const v = cell(col).toLowerCase();
      if (YES.has(v)) return true;
      if (NO.has(v)) return false;
      bad(col, `must be yes or no (got "${cell(col)}")`);
      return cell(col);
    };
    const int = (col: string): number | string | undefined => {
      const v = cell(col);
      if (v === '') return undefined;
      if (/^-?\d+$/.test(v)) return Number(v);
      bad(col, `must be a whole number (got "${v}")`);
      return v;
    };
    /** An article/cluster value given on this row must agree with the first row that gave it. */
    const agree = (
      target: Record<string, unknown>,
      key: string,
      col: string,
      value: unknown,
      first: number,
    ) => {
      if (value === undefined || value === '') return;
      if (target[key] === undefined) target[key] = value;
      else if (JSON.stringify(target[key]) !== JSON.stringify(value)) {
        bad(
          col,
          `differs from row ${first}, the first row of this ${col.startsWith('cluster') ? 'cluster' : 'article'}`,
        );
      }
    };

    const clusterKey = cell('cluster');
    let cluster = clusters.get(clusterKey);
    if (!cluster) {
      cluster = { raw: { articles: [] }, place: { row }, articles: new Map() };
      const n = int('cluster');
      if (n === undefined) bad('cluster', 'the cluster number is missing');
      cluster.raw.number = n;
      clusters.set(clusterKey, cluster);
    }
    agree(cluster.raw, 'name', 'cluster_name', cell('cluster_name') || undefined, cluster.place.row);
    if (cell('cluster_name_unconfirmed') !== '') {
      agree(
        cluster.raw,
        'nameUnconfirmed',
        'cluster_name_unconfirmed',
        flag('cluster_name_unconfirmed'),
        cluster.place.row,
      );
    }
    const articleId = cell('article');
    let article = cluster.articles.get(articleId);
    if (!article) {
      article = { raw: { id: articleId, questions: [] }, place: { row }, questions: [] };
      cluster.articles.set(articleId, article);
    }
    const a = article.raw;
    const first = article.place.row;
    agree(a, 'title', 'article_title', cell('article_title') || undefined, first);
    for (const [col, key] of [
      ['article_title_unconfirmed', 'titleUnconfirmed'],
      ['cluster_unconfirmed', 'clusterUnconfirmed'],
    ] as const) {
      if (cell(col) !== '') agree(a, key, col, flag(col), first);
    }
    if (cell('four_ps') !== '') agree(a, 'fourP', 'four_ps', list(cell('four_ps'), /[,;]/), first);
    if (cell('article_sdg') !== '')
      agree(a, 'sdgTargets', 'article_sdg', list(cell('article_sdg'), /[,;]/), first);

    const q: Record<string, unknown> = { id: cell('id'), type: cell('type'), prompt: cell('prompt.en') };
    q.required = flag('required');
    if (cell('help.en') !== '') q.help = cell('help.en');
    const cond = cell('required_if');
    if (cond !== '') {
      const m = /^(\S+)\s*(?:=|in)\s*(.+)$/.exec(cond);
      if (m?.[1] && m[2]) q.requiredIf = { question: m[1], answerIn: list(m[2], /[|,]/) };
      else bad('required_if', `must look like "TIP.5.q1 = yes|partly" (got "${cond}")`);
    }
    const options = cell('options') === '' ? undefined : list(cell('options'), OPTION_SEPARATOR);
    if (options) q.options = options;
    if (cell('sdg') !== '') q.sdgTargets = list(cell('sdg'), /[,;]/);
    for (const [col, key] of [
      ['max_length', 'maxLength'],
      ['max_items', 'maxItems'],
      ['min_year', 'minYear'],
      ['max_year', 'maxYear'],
    ] as const) {
      const v = int(col);
      if (v !== undefined) q[key] = v;
    }
    if (cell('unit') !== '') q.unit = cell('unit');

    const texts: Record<string, Record<string, unknown>> = {};
    for (const lang of LANGUAGES.filter((l): l is Exclude<Language, 'en'> => l !== 'en')) {
      const prompt = cell(`prompt.${lang}`);
      const help = cell(`help.${lang}`);
      // A cell of separators only (a template's empty labels) gives no labels.
      const labels =
        list(cell(`options.${lang}`), OPTION_SEPARATOR).length === 0 ? '' : cell(`options.${lang}`);
      if (cell(`article_title.${lang}`) !== '') {
        a.titles ??= {};
        agree(
          a.titles as Record<string, unknown>,
          lang,
          `article_title.${lang}`,
          cell(`article_title.${lang}`),
          first,
        );
      }
      if (cell(`cluster_name.${lang}`) !== '') {
        cluster.raw.names ??= {};
        const names = cluster.raw.names as Record<string, unknown>;
        agree(names, lang, `cluster_name.${lang}`, cell(`cluster_name.${lang}`), cluster.place.row);
      }
      if (prompt === '' && help === '' && labels === '') continue;
      if (prompt === '') {
        bad(`prompt.${lang}`, `no prompt in ${lang}`);
        continue;
      }
      const t: Record<string, unknown> = { prompt };
      if (help !== '') t.help = help;
      if (labels !== '') {
        const values = options ?? ['yes', 'no', 'partly'];
        const given = list(labels, OPTION_SEPARATOR);
        if (given.length !== values.length) {
          bad(
            `options.${lang}`,
            `gives ${given.length} labels for ${values.length} options (${values.join(OPTION_SEPARATOR)})`,
          );
        }
        t.options = Object.fromEntries(
          values.map((v, k) => [v, given[k]]).filter(([, l]) => l !== undefined),
        );
      }
      texts[lang] = t;
    }
    if (Object.keys(texts).length > 0) q.texts = texts;
    (a.questions as unknown[]).push(q);
    article.questions.push({ row });
  });

  const clusterList = [...clusters.values()];
  raw.clusters = clusterList.map((c) => ({ ...c.raw, articles: [...c.articles.values()].map((a) => a.raw) }));

  const locate: Locate = (path) => {
    const [top, ci, , ai, , qi, ...rest] = path;
    if (top === 'clusters' && typeof ci !== 'number')
      return { row: rowName(SHEETS.questions, 2), field: 'id' };
    if (top !== 'clusters' || typeof ci !== 'number') {
      const key = String(top ?? 'clusters');
      const row = metaRows.get(key) ?? 1;
      return { row: rowName(SHEETS.meta, row), field: key === 'titles' ? `title.${String(path[1])}` : key };
    }
    const cluster = clusterList[ci];
    const articles = cluster ? [...cluster.articles.values()] : [];
    const article = typeof ai === 'number' ? articles[ai] : undefined;
    const question = article && typeof qi === 'number' ? article.questions[qi] : undefined;
    if (question) return { row: rowName(SHEETS.questions, question.row), field: columnOf('question', rest) };
    if (article)
      return { row: rowName(SHEETS.questions, article.place.row), field: columnOf('article', path.slice(4)) };
    return {
      row: rowName(SHEETS.questions, cluster?.place.row ?? 1),
      field: columnOf('cluster', path.slice(2)),
    };
  };
  return { raw, issues, locate };
}
