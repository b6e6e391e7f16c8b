/**
 * State names in the six UN languages. English: the name as registered (the UN short name,
 * data/states-parties.json). Other languages: CLDR's localized country names through
 * `i18n-iso-countries` — a maintained source, but CLDR's names are not always the UN's official
 * short names (e.g. Arabic "ساحل العاج" where the UN writes "كوت ديفوار"); docs/i18n.md says so.
 * A code CLDR does not know falls back to the registered name.
 */
// The core without its node entry, which registers all of CLDR's ~80 languages (760 KB in a bundle).
import countries from 'i18n-iso-countries/index.js';
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import type { Language } from '#shared/domain/types.ts';

for (const locale of [ar, en, es, fr, ru, zh]) countries.registerLocale(locale);

/** The name of the State `iso3` in `lang`; `registered` is the registry's (English) UN short name. */
export function stateNameIn(iso3: string, registered: string, lang: Language): string {
  if (lang === 'en') return registered;
  return countries.getName(iso3, lang, { select: 'official' }) ?? registered;
}
