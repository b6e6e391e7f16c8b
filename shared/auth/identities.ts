/**
 * Where activation creates a person's sign-in identity. Locally the directory is the identity
 * provider (the dev sign-in issues tokens to activated people, scripts/local/platform.ts), so
 * the identity is the person's id. In AWS it is a Cognito user (cognito-identities.ts).
 */
import type { Person } from '../domain/people.ts';

export interface IdentityProvider {
  /** Creates the sign-in identity of an activated person; resolves to its subject (`sub`). */
  create: (person: Person, password: string | undefined) => Promise<string>;
}

const directoryIdentities: IdentityProvider = { create: async (p) => p.personId };

export const identityProvider = (): IdentityProvider => directoryIdentities;
