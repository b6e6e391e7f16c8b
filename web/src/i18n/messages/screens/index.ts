/**
 * The screens' message modules, merged per language into the catalogs (messages/<lang>.ts).
 * A new screen module is added here once: to `SCREENS` and to the English spread.
 */
import type { Language } from '#shared/domain/types.ts';
import { personPicker } from './person-picker.ts';
import { preferences } from './preferences.ts';

const SCREENS = [preferences, personPicker] as const;

export const screensEn = { ...preferences.en, ...personPicker.en };

/** Every screen's messages in one of the other languages. */
export const screensIn = (lang: Exclude<Language, 'en'>): Record<string, string> =>
  Object.assign({}, ...SCREENS.map((s) => s[lang]));
