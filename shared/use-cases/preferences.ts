/** The caller's own settings (domain/user-preferences.ts): read at sign-in, written on change. */
import type { Principal } from '../auth/principal.ts';
import { assertCan } from '../domain/authz.ts';
import type { UserPreferences, UserPreferencesPatch } from '../domain/user-preferences.ts';
import { getUserPreferences, setUserLanguage } from '../repos/user-preferences.ts';
import type { UseCaseContext } from './context.ts';

type User = Extract<Principal, { kind: 'user' }>;

/** A directory person's settings are theirs across identities (mail finds them by person id). */
const userKey = (actor: User): string => actor.person ?? actor.sub;

export const getMyPreferences = async (actor: User): Promise<UserPreferences> => {
  assertCan(actor, 'preferences.own');
  return getUserPreferences(userKey(actor));
};

export const putMyPreferences = async (
  actor: User,
  patch: UserPreferencesPatch,
  ctx: UseCaseContext,
): Promise<UserPreferences> => {
  assertCan(actor, 'preferences.own');
  return setUserLanguage(userKey(actor), patch.language, ctx.now);
};
