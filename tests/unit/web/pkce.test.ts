import { describe, expect, it } from 'vitest';
import { authorizeUrl, challengeOf, pkcePair, tokenRequest } from '../../../web/src/pkce.ts';

const cognito = {
  domain: 'https://cop-review-1.auth.eu-west-1.amazoncognito.com',
  clientId: 'abc',
  scopes: ['openid', 'email'],
};

describe('sign-in with the authorization code flow and PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh 43-character verifier each time, with its challenge', async () => {
    const a = await pkcePair();
    const b = await pkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(await challengeOf(a.verifier));
  });

  it('asks the hosted sign-in for a code (never a token in the URL), with the challenge', () => {
    const url = new URL(authorizeUrl(cognito, 'https://site.example/', 'st', 'ch'));
    expect(url.origin + url.pathname).toBe(`${cognito.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc',
      redirect_uri: 'https://site.example/',
      scope: 'openid email',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('trades the code with the verifier at the token endpoint, without a client secret', () => {
    const req = tokenRequest(cognito, 'https://site.example/', 'the-code', 'the-verifier');
    expect(req.url).toBe(`${cognito.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(req.init.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'abc',
      code: 'the-code',
      redirect_uri: 'https://site.example/',
      code_verifier: 'the-verifier',
    });
  });
});
