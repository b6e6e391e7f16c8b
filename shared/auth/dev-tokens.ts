/**
 * Local dev sign-in: HS256 tokens with the same claim shape as Cognito's (see principal.ts).
 * Only the local gateway uses this; in AWS the HTTP API JWT authorizer verifies Cognito tokens.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Iso3, Role } from '../domain/types.ts';
import { CLAIMS } from './principal.ts';

export interface DevUser {
  sub: string;
  name: string;
  role: Role;
  state: Iso3 | null;
  /** A directory person's id (their tokens say so: the API then asks the directory, docs/people.md). */
  person?: string;
}

export interface TokenSettings {
  secret: Uint8Array;
  issuer: string;
  audience: string;
}

export const signDevToken = async (user: DevUser, s: TokenSettings, ttlSeconds = 8 * 3600): Promise<string> =>
  new SignJWT({
    [CLAIMS.role]: user.role,
    [CLAIMS.state]: user.state ?? '',
    [CLAIMS.name]: user.name,
    ...(user.person ? { [CLAIMS.person]: user.person } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(s.issuer)
    .setAudience(s.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(s.secret);

export type VerifyOutcome = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/** Verifies like the API Gateway JWT authorizer: signature, algorithm, issuer, audience, expiry. */
export const verifyToken = async (token: string, s: TokenSettings): Promise<VerifyOutcome> => {
  try {
    const { payload } = await jwtVerify(token, s.secret, {
      algorithms: ['HS256'],
      issuer: s.issuer,
      audience: s.audience,
    });
    return { ok: true, claims: payload as Record<string, unknown> };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'token expired' };
    if (err instanceof errors.JWTClaimValidationFailed)
      return { ok: false, reason: `token claim invalid: ${err.claim}` };
    return { ok: false, reason: 'token invalid' };
  }
};
