/**
 * The catalog completeness check behind `npm run --silent i18n:check` (scripts/i18n-check.ts),
 * pure so tests can feed it catalogs: one summary line per language, then the problems.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';

/** Names of the arguments a message uses (`{name}`, `{n, plural, ...}`), nested ones included. */
function argumentsOf(message: string, lang: string): Set<string> {
  const names = new Set<string>();
  type El = {
    type: number;
    value?: unknown;
    options?: Record<string, { value: unknown[] }>;
    children?: unknown[];
  };
  const walk = (elements: unknown[]): void => {
    for (const el of elements as El[]) {
      // 0 = literal, 7 = pound (#): no argument name.
      if (typeof el.value === 'string' && el.type !== 0 && el.type !== 7) names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, lang).getAst() as unknown[]);
  return names;
}

export interface CheckResult {
  /** `<lang> <messages> <missing>`, one per language, in LANGUAGES order. */
  summary: string[];
  problems: string[];
  /** A language lacks a key, or a message is not valid ICU / has other placeholders than English. */
  failed: boolean;
}

export function checkCatalogs(
  catalogs: Readonly<Record<Language, Readonly<Record<string, string | undefined>>>>,
  reference: Readonly<Record<string, string>>,
  code: string,
): CheckResult {
  const keys = Object.keys(reference);
  const summary: string[] = [];
  const problems: string[] = [];
  let failed = false;
  for (const lang of LANGUAGES) {
    const catalog = catalogs[lang];
    const present = keys.filter((k) => catalog[k] !== undefined);
    const missing = keys.filter((k) => catalog[k] === undefined);
    summary.push(`${lang} ${present.length} ${missing.length}`);
    for (const k of missing) problems.push(`missing ${lang} ${k}`);
    if (missing.length > 0) failed = true;
    for (const k of present) {
      try {
        const want = [...argumentsOf(reference[k] as string, 'en')].sort().join(',');
        const got = [...argumentsOf(catalog[k] as string, lang)].sort().join(',');
        if (want !== got) {
          problems.push(`invalid ${lang} ${k}: placeholders {${got}} where English has {${want}}`);
          failed = true;
        }
      } catch (err) {
        problems.push(`invalid ${lang} ${k}: ${(err as Error).message}`);
        failed = true;
      }
    }
    for (const k of Object.keys(catalog)) if (!(k in reference)) problems.push(`unused ${lang} ${k}`);
  }
  for (const k of keys) {
    if (!code.includes(`'${k}'`) && !code.includes(`"${k}"`) && !code.includes(`\`${k}\``))
      problems.push(`unused ${k}`);
  }
  return { summary, problems, failed };
}
