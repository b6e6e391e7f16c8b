/**
 * The interface language: messages from the catalogs (ICU MessageFormat through
 * `intl-messageformat`; numbers inside messages via `#` and `{n, number}`), the language chosen by the user (remembered per user on this device,
 * the browser's language by default), `lang`/`dir` on <html>, and `Intl` formatting of dates,
 * numbers and lists in that language. docs/i18n.md says how to add a string.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import { CATALOGS, type MessageKey, REFERENCE } from './catalog.ts';

export type { MessageKey };

/** Each language in its own name, for the language picker. */
export const LANGUAGE_SELF_NAMES: Readonly<Record<Language, string>> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

const RTL: readonly Language[] = ['ar'];
const directionOf = (lang: Language): 'rtl' | 'ltr' => (RTL.includes(lang) ? 'rtl' : 'ltr');

let current: Language = 'en';
export const currentLanguage = (): Language => current;

const compiled = new Map<string, IntlMessageFormat>();

/** The message `key` in the current language (English when the catalog lacks it), with `values` filled in. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const own = CATALOGS[current][key];
  const lang = own === undefined ? 'en' : current;
  const source = own ?? REFERENCE[key];
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, lang);
    compiled.set(id, format);
  }
  return String(format.format(values));
}

const STORE = 'cop-review.lang';
const storeKey = (sub: string | null) => (sub ? `${STORE}:${sub}` : STORE);

const isLanguage = (x: unknown): x is Language => (LANGUAGES as readonly unknown[]).includes(x);

/** The user's remembered choice, else this device's last choice, else the browser's first UN language, else English. */
export function initialLanguage(sub: string | null): Language {
  for (const key of sub ? [storeKey(sub), STORE] : [STORE]) {
    const stored = localStorage.getItem(key);
    if (isLanguage(stored)) return stored;
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Makes `lang` the interface language (and remembers it for `sub`, when signed in). */
export function applyLanguage(lang: Language, sub: string | null, remember = false): void {
  current = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
  if (remember) {
    localStorage.setItem(STORE, lang);
    if (sub) localStorage.setItem(storeKey(sub), lang);
  }
}

/** A date (ISO string or Date) in the interface language, e.g. "2 décembre 2026". */
export const formatDate = (d: string | Date, style: 'medium' | 'long' = 'medium'): string =>
  new Intl.DateTimeFormat(current, { dateStyle: style }).format(typeof d === 'string' ? new Date(d) : d);

export const formatDateTime = (d: string | Date): string =>
  new Intl.DateTimeFormat(current, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(typeof d === 'string' ? new Date(d) : d);

export const formatList = (items: readonly string[]): string =>
  new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(items);
