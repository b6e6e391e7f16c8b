/**
 * The platform's data files (data/*.json) are read at run time, not compiled into the code: a
 * JSON import becomes a JavaScript literal in every bundle that reaches it (the States list alone
 * was 136 KB of each Lambda's code) and is evaluated at module load. In a Lambda package the
 * files sit in `data/` beside `index.mjs` (AppFunction's afterBundling hook copies those a bundle
 * names, as it does the fonts); run from the repository (tsx, vitest, scripts) they are read from
 * data/ at the root.
 */
import { existsSync, readFileSync } from 'node:fs';
// Node's URL, not the global one: a DOM environment (happy-dom in the UI's component tests)
// replaces the global with a class node:fs does not take as a file URL.
import { pathToFileURL, URL } from 'node:url';

/** Every data file code reads, by its path under data/ (the hook copies the ones a bundle names). */
export const DATA_FILES = [
  'states-parties.json',
  'country-sets.json',
  'untc-names.json',
  'questionnaires/untoc-convention.json',
  'questionnaires/untoc-tip.json',
  'questionnaires/untoc-som.json',
  'questionnaires/untoc-firearms.json',
] as const;
export type DataFile = (typeof DATA_FILES)[number];

/** Beside the running module first (a bundle), then the repository's data/ (this file is in shared/). */
// In a DOM test environment vitest serves modules from an http: address; the repository's
// shared/ is then found from the working directory (vitest runs at the root).
const HERE = import.meta.url.startsWith('file:')
  ? import.meta.url
  : pathToFileURL(`${process.cwd()}/shared/`).href;
const FOLDERS = [new URL('./data/', HERE), new URL('../data/', HERE)];

/**
 * The parsed JSON of a data file. `T` is the file's shape as the caller's schema or the JSON's
 * own type states it; callers that can validate do so.
 */
export const readDataFile = <T = unknown>(name: DataFile): T => {
  for (const folder of FOLDERS) {
    const url = new URL(name, folder);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8')) as T;
  }
  throw new Error(`data file ${name} is neither beside the code nor in data/`);
};
