/**
 * `npm run --silent i18n:check`: the contract (one `<lang> <messages> <missing>` line per language,
 * exit 0 when complete) on the real catalogs, and the failures on catalogs made to fail.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import { checkCatalogs } from '../../scripts/i18n/check.ts';

const reference = { 'a.hello': 'Hello {name}', 'a.count': '{n, plural, one {# item} other {# items}}' };
const complete = { 'a.hello': 'x {name}', 'a.count': '{n, plural, other {#}}' };
const all = (c: Record<string, string>) =>
  Object.fromEntries(LANGUAGES.map((l) => [l, c])) as Record<Language, Record<string, string>>;
const code = "t('a.hello'); t('a.count')";

describe('i18n:check', () => {
  it('prints one "<lang> <messages> <missing>" line per language and exits 0 on the shipped catalogs', () => {
    const out = execFileSync('npm', ['run', '--silent', 'i18n:check'], { encoding: 'utf8' });
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 6).map((l) => l.split(' ')[0])).toEqual([...LANGUAGES]);
    for (const line of lines.slice(0, 6)) expect(line).toMatch(/^(ar|zh|en|fr|ru|es) \d+ 0$/);
    expect(lines.slice(6).filter((l) => l.startsWith('missing') || l.startsWith('invalid'))).toEqual([]);
  });

  it('fails and names the key when a language lacks it', () => {
    const r = checkCatalogs({ ...all(complete), fr: { 'a.hello': 'Bonjour {name}' } }, reference, code);
    expect(r.failed).toBe(true);
    expect(r.summary).toContain('fr 1 1');
    expect(r.problems).toContain('missing fr a.count');
  });

  it('fails on a message that is not ICU MessageFormat or uses other placeholders than English', () => {
    const r = checkCatalogs(
      { ...all(complete), ru: { 'a.hello': 'Привет {имя}', 'a.count': '{n, plural, one {#}' } },
      reference,
      code,
    );
    expect(r.failed).toBe(true);
    expect(r.problems.some((p) => p.startsWith('invalid ru a.hello: placeholders'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('invalid ru a.count:'))).toBe(true);
  });

  it('lists keys no source names and keys English does not have, without failing', () => {
    const r = checkCatalogs(
      { ...all(complete), es: { ...complete, 'a.old': 'viejo' } },
      reference,
      "t('a.hello')",
    );
    expect(r.failed).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining(['unused a.count', 'unused es a.old']));
  });
});
