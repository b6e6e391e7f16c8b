/**
 * Sign-in. Locally: pick a demo user or an activated person (`GET /dev/users`, `POST /dev/sign-in`).
 * In AWS: Cognito's hosted sign-in, authorization code flow with PKCE (web/src/pkce.ts). Either way the session
 * is the token plus the user it names, kept in localStorage so every tab of the browser shares
 * it until the token expires or the user signs out (the API checks the token either way).
 */
import type { DevUser } from '#shared/auth/dev-tokens.ts';
import { CLAIMS } from '#shared/auth/principal.ts';
import { RoleSchema } from '#shared/domain/types.ts';
import type { WebConfig } from './config.ts';
import { authorizeUrl, pkcePair, tokenRequest } from './pkce.ts';

export type User = DevUser;
export interface Session {
  token: string;
  user: User;
}

const KEY = 'cop-review.session';

/** The token's `exp` (epoch seconds), if it has one. */
const expiryOf = (token: string): number | null => {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
};

export const loadSession = (): Session | null => {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || typeof s.user?.sub !== 'string') return null;
    const exp = expiryOf(s.token);
    // An expired token would only earn 401s: sign in again instead.
    if (exp !== null && exp * 1000 <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
};

export const saveSession = (s: Session | null): void => {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
};

/** Reads the claims of a JWT the API will verify; the UI only uses them to shape what it shows. */
const userFromToken = (token: string): User | null => {
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

/** Sends the browser to the Cognito hosted sign-in (authorization code flow with PKCE). */
export const cognitoSignIn = async (config: WebConfig): Promise<void> => {
  const c = config.cognito;
  if (!c) return;
  const state = crypto.randomUUID();
  const { verifier, challenge } = await pkcePair();
  sessionStorage.setItem(`${KEY}.state`, state);
  sessionStorage.setItem(`${KEY}.verifier`, verifier);
  // Come back to the page that asked for the sign-in (a deep link), not the start page.
  sessionStorage.setItem(`${KEY}.return`, location.hash || '#/');
  location.assign(authorizeUrl(c, redirectUri(config), state, challenge));
};

/**
 * On return from the hosted sign-in (`?code=…&state=…`): checks `state`, trades the code and the
 * verifier for tokens, and keeps the ID token (it carries the role and State claims).
 */
export const completeCognitoSignIn = async (config: WebConfig): Promise<Session | null> => {
  const c = config.cognito;
  const q = new URLSearchParams(location.search);
  const code = q.get('code');
  if (!c || !code) return null;
  const expected = sessionStorage.getItem(`${KEY}.state`);
  const verifier = sessionStorage.getItem(`${KEY}.verifier`);
  const back = sessionStorage.getItem(`${KEY}.return`) ?? '#/';
  for (const k of ['state', 'verifier', 'return']) sessionStorage.removeItem(`${KEY}.${k}`);
  history.replaceState(null, '', `${location.pathname}${back.startsWith('#/') ? back : '#/'}`);
  if (!expected || !verifier || q.get('state') !== expected) return null;
  const req = tokenRequest(c, redirectUri(config), code, verifier);
  const res = await fetch(req.url, req.init);
  if (!res.ok) return null;
  const token = ((await res.json()) as { id_token?: unknown }).id_token;
  if (typeof token !== 'string') return null;
  const user = userFromToken(token);
  return user ? { token, user } : null;
};

export const cognitoSignOut = (config: WebConfig): void => {
  const c = config.cognito;
  if (!c) return;
  const q = new URLSearchParams({ client_id: c.clientId, logout_uri: redirectUri(config) });
  location.assign(`${c.domain}/logout?${q}`);
};
