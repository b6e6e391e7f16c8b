/**
 * The interface language of the app: this device's memory first (so the first paint is already
 * right), then, once signed in, the choice the server keeps for the user (GET /me/preferences),
 * so it follows them to another device. A change is written to both.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Language } from '#shared/domain/types.ts';
import type { UserPreferences } from '#shared/domain/user-preferences.ts';
import type { Api } from '../api.ts';
import { applyLanguage, initialLanguage } from './index.ts';

export const useLanguage = (
  sub: string | null,
  api: Api,
  onSaveFailed: () => void,
): [Language, (next: Language) => void] => {
  const [lang, setLang] = useState<Language>(() => initialLanguage(sub));
  useEffect(() => {
    setLang(initialLanguage(sub));
    if (!sub) return;
    let live = true;
    api.get<UserPreferences>('/me/preferences').then(
      ({ language }) => {
        if (!live || !language) return;
        applyLanguage(language, sub, true);
        setLang(language);
      },
      // Unreachable settings leave this device's choice in place.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sub]);
  // Before the screens render, so every t() call reads the chosen language.
  applyLanguage(lang, sub);
  const choose = (next: Language) => {
    applyLanguage(next, sub, true);
    setLang(next);
    if (sub) api.put('/me/preferences', { language: next }).catch(onSaveFailed);
  };
  return [lang, choose];
};
