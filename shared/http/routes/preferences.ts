/** The caller's own settings (the interface language), kept on the server per user. */
import { UserPreferencesPatchSchema, UserPreferencesSchema } from '../../domain/user-preferences.ts';
import { defineRoute } from '../route.ts';

export const preferenceRoutes = [
  defineRoute({
    operationId: 'getMyPreferences',
    method: 'GET',
    path: '/me/preferences',
    fn: 'people',
    auth: 'user',
    summary: "The caller's own settings: the interface language (null until chosen)",
    tags: ['people'],
    response: UserPreferencesSchema,
  }),
  defineRoute({
    operationId: 'putMyPreferences',
    method: 'PUT',
    path: '/me/preferences',
    fn: 'people',
    auth: 'user',
    summary: 'Sets the interface language of the caller (also the language of mail to a directory person)',
    tags: ['people'],
    body: UserPreferencesPatchSchema,
    response: UserPreferencesSchema,
  }),
] as const;
