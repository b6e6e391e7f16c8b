/**
 * A screen's messages in all six languages in one module (messages/screens/<screen>.ts), so a
 * screen's strings change together and two people converting different screens never edit the
 * same lines. The compiler checks that every language has every key English has.
 */
import type { Language } from '#shared/domain/types.ts';

type Others = Exclude<Language, 'en'>;

export const screenMessages = <const E extends Record<string, string>>(
  m: { en: E } & Record<Others, Record<keyof E, string>>,
): { en: E } & Record<Others, Record<keyof E, string>> => m;
