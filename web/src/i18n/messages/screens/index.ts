/**
 * The screens' message modules, merged per language into the catalogs (messages/<lang>.ts).
 * A new screen module is added here once: to `SCREENS` and to the English spread.
 */
import type { Language } from '#shared/domain/types.ts';
import { common } from './common.ts';
import { cycleForm } from './cycle-form.ts';
import { inbox } from './inbox.ts';
import { personPicker } from './person-picker.ts';
import { preferences } from './preferences.ts';
import { publicPages } from './public.ts';
import { questionnaire } from './questionnaire.ts';
import { search } from './search.ts';

const SCREENS = [
  common,
  inbox,
  personPicker,
  preferences,
  publicPages,
  questionnaire,
  cycleForm,
  search,
] as const;

export const screensEn = {
  ...common.en,
  ...inbox.en,
  ...personPicker.en,
  ...preferences.en,
  ...publicPages.en,
  ...questionnaire.en,
  ...cycleForm.en,
  ...search.en,
};

/** Every screen's messages in one of the other languages. */
export const screensIn = (lang: Exclude<Language, 'en'>): Record<string, string> =>
  Object.assign({}, ...SCREENS.map((s) => s[lang]));
