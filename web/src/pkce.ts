/**
 * The OAuth 2.0 authorization code flow with PKCE (RFC 7636) against Cognito's hosted sign-in:
 * the URLs and bodies, pure apart from the random verifier, so they are tested without a browser.
 */
import type { WebConfig } from './config.ts';

type Cognito = NonNullable<WebConfig['cognito']>;

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A fresh code verifier (43 characters) and its S256 challenge. */
export const pkcePair = async (): Promise<{ verifier: string; challenge: string }> => {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await challengeOf(verifier) };
};

export const challengeOf = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export const authorizeUrl = (c: Cognito, redirectUri: string, state: string, challenge: string): string => {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: redirectUri,
    scope: c.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${c.domain}/oauth2/authorize?${q}`;
};

/** The token request that trades the code for tokens (a public client: no secret, the verifier instead). */
export const tokenRequest = (c: Cognito, redirectUri: string, code: string, verifier: string) => ({
  url: `${c.domain}/oauth2/token`,
  init: {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: c.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  },
});
