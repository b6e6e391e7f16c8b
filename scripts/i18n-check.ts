/**
 * `npm run --silent i18n:check`: completeness of the interface's message catalogs
 * (web/src/i18n/messages). Prints one line per language, `<lang> <messages> <missing>`, then one
 * line per problem: `missing <lang> <key>`, `invalid <lang> <key>: <why>` (not ICU MessageFormat,
 * or placeholders other than English's), `unused <key>` (no source file under web/src names it)
 * and `unused <lang> <key>` (a key English does not have). Exits 1 when a language lacks a key or
 * a message is invalid; unused keys are listed only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, REFERENCE } from '../web/src/i18n/catalog.ts';
import { checkCatalogs } from './i18n/check.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CATALOG_DIR = 'web/src/i18n/messages';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return path === CATALOG_DIR ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const code = sourceFiles('web/src')
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('\n');
const { summary, problems, failed } = checkCatalogs(CATALOGS, REFERENCE, code);
for (const line of [...summary, ...problems]) console.log(line);
if (failed) process.exitCode = 1;
