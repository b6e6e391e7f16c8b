/**
 * The spreadsheet form of a questionnaire definition, for people who do not edit JSON: a
 * `Questionnaire` sheet of key/value rows (id, instrument, title, languages, wording, notes) and
 * a `Questions` sheet with one row per question. Article and cluster columns are read from the
 * first row of each article (later rows may leave them blank, or repeat them unchanged).
 * docs/questionnaires.md shows the layout.
 */
import type { Language } from '#shared/domain/types.ts';

export const SHEETS = { meta: 'Questionnaire', questions: 'Questions' } as const;

/** Columns of the Questions sheet; `prompt.en`… are per language (see `languageColumns`). */
export const QUESTION_COLUMNS = [
  'cluster',
  'cluster_name',
  'cluster_name_unconfirmed',
  'article',
  'article_title',
  'article_title_unconfirmed',
  'cluster_unconfirmed',
  'four_ps',
  'article_sdg',
  'id',
  'type',
  'required',
  'required_if',
  'options',
  'sdg',
  'max_length',
  'max_items',
  'unit',
  'min_year',
  'max_year',
] as const;
export type QuestionColumn = (typeof QUESTION_COLUMNS)[number];

/** Columns that must be present (others may be left out of the sheet). */
export const REQUIRED_COLUMNS: readonly string[] = [
  'cluster',
  'article',
  'id',
  'type',
  'required',
  'prompt.en',
];

/** Columns of one language: `prompt.fr`, `help.fr`, `options.fr`, `article_title.fr`, `cluster_name.fr`. */
export const languageColumns = (lang: Language): string[] =>
  lang === 'en'
    ? ['prompt.en', 'help.en']
    : [`prompt.${lang}`, `help.${lang}`, `options.${lang}`, `article_title.${lang}`, `cluster_name.${lang}`];

/** Option values and labels are separated by `|` (labels may contain commas); tag lists by commas. */
export const OPTION_SEPARATOR = '|';

/** Question fields → their column (the rest of a path after `questions.<n>`). */
const QUESTION_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  type: 'type',
  required: 'required',
  requiredIf: 'required_if',
  options: 'options',
  sdgTargets: 'sdg',
  maxLength: 'max_length',
  maxItems: 'max_items',
  unit: 'unit',
  minYear: 'min_year',
  maxYear: 'max_year',
  prompt: 'prompt.en',
  help: 'help.en',
};

const ARTICLE_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  id: 'article',
  title: 'article_title',
  titleUnconfirmed: 'article_title_unconfirmed',
  clusterUnconfirmed: 'cluster_unconfirmed',
  fourP: 'four_ps',
  sdgTargets: 'article_sdg',
  questions: 'id',
};

const CLUSTER_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  number: 'cluster',
  name: 'cluster_name',
  nameUnconfirmed: 'cluster_name_unconfirmed',
  articles: 'article',
};

/** The column a path inside a question, article or cluster refers to. */
export const columnOf = (level: 'question' | 'article' | 'cluster', rest: readonly PropertyKey[]): string => {
  const [head, lang, sub] = rest.map(String);
  if (head === undefined) return level === 'cluster' ? 'cluster' : level === 'article' ? 'article' : 'id';
  if (level === 'question' && head === 'texts' && lang) return `${sub ?? 'prompt'}.${lang}`;
  if (level === 'article' && head === 'titles' && lang) return `article_title.${lang}`;
  if (level === 'cluster' && head === 'names' && lang) return `cluster_name.${lang}`;
  const table =
    level === 'question'
      ? QUESTION_FIELD_COLUMNS
      : level === 'article'
        ? ARTICLE_FIELD_COLUMNS
        : CLUSTER_FIELD_COLUMNS;
  return table[head] ?? head;
};
