/**
 * Sign-in. Locally: pick a demo user (`GET /dev/users`, `POST /dev/sign-in`). In AWS: the Cognito
 * hosted UI (implicit grant; the ID token comes back in the URL fragment). Either way the session
 * is the token plus the user it names, kept in sessionStorage (gone when the tab closes).
 */
import type { DevUser } from '#shared/auth/dev-tokens.ts';
import { CLAIMS } from '#shared/auth/principal.ts';
import { RoleSchema } from '#shared/domain/types.ts';
import type { WebConfig } from './config.ts';

export type User = DevUser;
export interface Session {
  token: string;
  user: User;
}

const KEY = 'cop-review.session';

export const loadSession = (): Session | null => {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && typeof s.user?.sub === 'string' ? s : null;
  } catch {
    return null;
  }
};

export const saveSession = (s: Session | null): void => {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
};

/** Reads the claims of a JWT the API will verify; the UI only uses them to shape what it shows. */
export const userFromToken = (token: string): User | null => {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
    ) as Record<string, unknown>;
    const role = RoleSchema.safeParse(claims[CLAIMS.role]);
    const sub = claims[CLAIMS.subject];
    if (!role.success || typeof sub !== 'string') return null;
    const state = claims[CLAIMS.state];
    const name = claims[CLAIMS.name];
    return {
      sub,
      role: role.data,
      state: typeof state === 'string' && /^[A-Z]{3}$/.test(state) ? state : null,
      name: typeof name === 'string' ? name : sub,
    };
  } catch {
    return null;
  }
};

const redirectUri = (config: WebConfig) =>
  config.cognito?.redirectUri ?? `${location.origin}${location.pathname}`;

/** Sends the browser to the Cognito hosted UI. */
export const cognitoSignIn = (config: WebConfig): void => {
  const c = config.cognito;
  if (!c) return;
  const state = crypto.randomUUID();
  sessionStorage.setItem(`${KEY}.state`, state);
  const q = new URLSearchParams({
    response_type: 'token',
    client_id: c.clientId,
    redirect_uri: redirectUri(config),
    scope: c.scopes.join(' '),
    state,
  });
  location.assign(`${c.domain}/oauth2/authorize?${q}`);
};

/** On return from the hosted UI: takes the ID token from the fragment (checking `state`). */
export const completeCognitoSignIn = (): Session | null => {
  if (!location.hash.includes('id_token=')) return null;
  const q = new URLSearchParams(location.hash.slice(1));
  const expected = sessionStorage.getItem(`${KEY}.state`);
  sessionStorage.removeItem(`${KEY}.state`);
  history.replaceState(null, '', `${location.pathname}#/`);
  const token = q.get('id_token');
  if (!token || !expected || q.get('state') !== expected) return null;
  const user = userFromToken(token);
  return user ? { token, user } : null;
};

export const cognitoSignOut = (config: WebConfig): void => {
  const c = config.cognito;
  if (!c) return;
  const q = new URLSearchParams({ client_id: c.clientId, logout_uri: redirectUri(config) });
  location.assign(`${c.domain}/logout?${q}`);
};
