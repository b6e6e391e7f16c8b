/**
 * A signed-in user's own settings kept on the server, so they follow the user from device to
 * device: for now the interface language (null until the user picks one: the browser's language
 * is the default then). Mail to a directory person uses it before the profile's language.
 */
import * as z from 'zod';
import { type Language, LanguageSchema } from './types.ts';

export const UserPreferencesSchema = z.object({
  language: LanguageSchema.nullable(),
  /** Counts the changes (0 = never written). */
  version: z.number().int().min(0),
});
export type UserPreferences = z.infer<typeof UserPreferencesSchema>;

export const UserPreferencesPatchSchema = z
  .object({ language: z.enum(LanguageSchema.options, 'must be one of ar, zh, en, fr, ru, es') })
  .strict();
export type UserPreferencesPatch = z.infer<typeof UserPreferencesPatchSchema>;

export const NO_PREFERENCES: UserPreferences = { language: null, version: 0 };

/** The language to write to a person in: their own choice, else their profile's. */
export const mailLanguage = (chosen: Language | null, profile: Language): Language => chosen ?? profile;
