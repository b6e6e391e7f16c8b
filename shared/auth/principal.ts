/**
 * Who is calling. Built from the JWT claims that the API Gateway JWT authorizer (AWS, Cognito)
 * or the local gateway (dev sign-in, HS256) has already verified.
 */
import * as z from 'zod';
import type { Iso3, Role } from '../domain/types.ts';
import { Iso3Schema, RoleSchema } from '../domain/types.ts';

/** Claim names, shared by Cognito (custom attributes) and the local dev sign-in. */
export const CLAIMS = {
  subject: 'sub',
  role: 'custom:role',
  state: 'custom:state',
  name: 'name',
  /** Set on the identities activation creates: the person in the directory (docs/people.md). */
  person: 'custom:person',
} as const;

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      sub: string;
      role: Role;
      state: Iso3 | null;
      name: string;
      /** A directory person (the token names them): role, State and reviews come from the directory. */
      person?: string;
      /**
       * Directory people only: review id → the role held in it. A review not listed is one the
       * person has no part in, whatever their State (only approved people see their reviews).
       */
      reviewRoles?: Readonly<Record<string, Role>>;
    };

/** A signed-in caller: the actor of every use case behind a `user` route. */
export type User = Extract<Principal, { kind: 'user' }>;

export const ANONYMOUS: Principal = { kind: 'anonymous' };

const ClaimsSchema = z.object({
  [CLAIMS.subject]: z.string().min(1).max(128),
  [CLAIMS.role]: RoleSchema,
  [CLAIMS.state]: z.union([Iso3Schema, z.literal('')]).optional(),
  [CLAIMS.name]: z.string().max(200).optional(),
  [CLAIMS.person]: z.string().min(1).max(128).optional(),
});

/** Parses verified claims into a principal; `null` when they do not describe a valid user. */
export const principalFromClaims = (claims: unknown): Principal | null => {
  const parsed = ClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const c = parsed.data;
  const role = c[CLAIMS.role];
  const state = c[CLAIMS.state] || null;
  // Focal points and governmental experts act for a State; without one the token is malformed.
  if ((role === 'focal-point' || role === 'expert') && !state) return null;
  const person = c[CLAIMS.person];
  return {
    kind: 'user',
    sub: c[CLAIMS.subject],
    role,
    state,
    name: c[CLAIMS.name] ?? c[CLAIMS.subject],
    ...(person ? { person } : {}),
  };
};
