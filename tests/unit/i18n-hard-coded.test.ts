/**
 * No English written straight into the interface (scripts/i18n/hard-coded.ts): every screen's
 * user-visible text goes through the catalogs. Screens not converted yet are listed; the list
 * only shrinks (a listed file that has become clean fails too, so it is taken off).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardCodedStrings } from '../../scripts/i18n/hard-coded.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const CATALOGS = 'web/src/i18n/messages';

/** Still English: converted screen by screen (docs/i18n.md). */
const NOT_YET_CONVERTED = new Set([
  'web/src/screens/activate.ts',
  'web/src/screens/comments.ts',
  'web/src/screens/cycles.ts',
  'web/src/screens/follow-ups.ts',
  'web/src/screens/gap-report.ts',
  'web/src/screens/observations.ts',
  'web/src/screens/people.ts',
  'web/src/screens/questionnaires.ts',
  'web/src/screens/registry.ts',
  'web/src/screens/responses.ts',
  'web/src/screens/review-overview.ts',
  'web/src/screens/review.ts',
  'web/src/screens/self-assessment.ts',
  'web/src/screens/summary.ts',
]);

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return path === CATALOGS ? [] : sources(path);
    return name.endsWith('.ts') ? [relative('.', path)] : [];
  });

describe('user-visible text goes through the catalogs', () => {
  it('finds text in children, visible properties, messages and phrases, not in codes or keys', () => {
    const found = hardCodedStrings(`
      h('p', { class: 'muted', 'data-testid': 'x-y' }, 'Nothing yet.');
      h('button', { 'aria-label': cond ? 'Close it' : t('a.b') }, t('a.c'), ' · ', '—');
      h(Field, { label: \`Name of \${who}\` });
      notify('Saved');
      throw new Error('Some answers are not saved: correct them.');
      const keep = 'cop-review'; // i18n-ignore: the brand
      api.get('/reviews/C2026.CIV'); const css = 'card primary';
    `);
    expect(found.map((f) => f.text)).toEqual([
      'Nothing yet.',
      'Close it',
      'Name of …',
      'Saved',
      'Some answers are not saved: correct them.',
    ]);
  });

  const files = sources('web/src');
  it.each(files)('%s', (file) => {
    const found = hardCodedStrings(readFileSync(join(ROOT, file), 'utf8'), file);
    if (NOT_YET_CONVERTED.has(file)) {
      expect(found.length, `${file} is clean now: take it off NOT_YET_CONVERTED`).toBeGreaterThan(0);
    } else {
      expect(found.map((f) => `${file}:${f.line}: ${f.text}`)).toEqual([]);
    }
  });
});
