/**
 * Where activation creates a person's sign-in identity (IDENTITY_PROVIDER). Locally the directory
 * is the identity provider (the dev sign-in issues tokens to activated people,
 * scripts/local/platform.ts), so the identity is the person's id. In AWS it is a Cognito user
 * (cognito-identities.ts), whose `sub` the API then checks on every request.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { config } from '../config.ts';
import type { Person } from '../domain/people.ts';
import { cognitoIdentities } from './cognito-identities.ts';

export interface IdentityProvider {
  /** Creates (or enables) the sign-in identity of an activated person; resolves to its subject (`sub`). */
  create: (person: Person, password: string | undefined) => Promise<string>;
  /** Disables the identity of a deactivated person (the directory refuses it already). */
  disable: (person: Person) => Promise<void>;
}

const directoryIdentities: IdentityProvider = {
  create: async (p) => p.personId,
  // The directory's status is the identity: a deactivated person's next request is refused.
  disable: async () => undefined,
};

let cached: IdentityProvider | undefined;

export const identityProvider = (): IdentityProvider => {
  if (cached) return cached;
  const c = config();
  if (c.IDENTITY_PROVIDER === 'cognito') {
    if (!c.COGNITO_USER_POOL_ID) throw new Error('IDENTITY_PROVIDER=cognito needs COGNITO_USER_POOL_ID');
    cached = cognitoIdentities(
      new CognitoIdentityProviderClient({ region: c.AWS_REGION }),
      c.COGNITO_USER_POOL_ID,
    );
  } else cached = directoryIdentities;
  return cached;
};
