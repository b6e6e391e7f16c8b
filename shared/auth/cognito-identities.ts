/**
 * Sign-in identities in the Cognito user pool (the AWS deployment, IDENTITY_PROVIDER=cognito).
 * Activation creates (or, for a person who had one, enables and updates) the user, with the
 * claims the API reads (`custom:person`, `custom:role`, `custom:state`, `name`), and adds it to
 * the group of the person's role; deactivation disables it and signs it out everywhere. The
 * people function alone may call these (infra/access.ts `manageIdentities`, on this pool only).
 *
 * There is no local Cognito emulator: locally the directory is the identity provider
 * (identities.ts), and this adapter is tested against the real SDK with its HTTP handler
 * replaced (tests/unit/auth/cognito-identities.test.ts).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ValidationError } from '../domain/errors.ts';
import type { Person } from '../domain/people.ts';
import { CLAIMS } from './principal.ts';

/** The Cognito calls activation and deactivation make (the IAM grant lists exactly these). */
export const COGNITO_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

const PRECEDENCE = ['secretariat', 'focal-point', 'expert', 'observer'] as const;

/** The group of the person's main role (groups are named after ROLES, infra/constructs/auth.ts). */
export const groupOf = (p: Pick<Person, 'roles'>): string => {
  const open = p.roles.filter((a) => a.until === undefined);
  return PRECEDENCE.find((r) => open.some((a) => a.role === r)) ?? 'expert';
};

const attributesOf = (p: Person): AttributeType[] => [
  { Name: 'email', Value: p.email },
  { Name: 'email_verified', Value: 'true' },
  { Name: CLAIMS.name, Value: p.name },
  { Name: CLAIMS.person, Value: p.personId },
  { Name: CLAIMS.role, Value: groupOf(p) },
  ...(p.state ? [{ Name: CLAIMS.state, Value: p.state }] : []),
];

const subOf = (attrs: readonly AttributeType[] | undefined): string => {
  const sub = attrs?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('Cognito returned a user without a sub');
  return sub;
};

const named = (err: unknown, name: string): boolean => (err as { name?: string } | null)?.name === name;

export interface CognitoIdentities {
  create: (person: Person, password: string | undefined) => Promise<string>;
  disable: (person: Person) => Promise<void>;
}

export const cognitoIdentities = (
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): CognitoIdentities => {
  const UserPoolId = userPoolId;
  return {
    create: async (person, password) => {
      // The pool signs in by e-mail address, so the address is the user name.
      const Username = person.email;
      const UserAttributes = attributesOf(person);
      let sub: string;
      try {
        const created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username,
            UserAttributes,
            // With a password the person chose at activation, Cognito's own invitation (a
            // temporary password) would only confuse; without one, it is how they get in.
            ...(password ? { MessageAction: 'SUPPRESS' } : { DesiredDeliveryMediums: ['EMAIL'] }),
          }),
        );
        sub = subOf(created.User?.Attributes);
      } catch (err) {
        // An identity made before (an earlier activation that did not complete, or by hand):
        // the same account, brought up to date and enabled, so retrying activation is safe.
        if (!named(err, 'UsernameExistsException')) throw err;
        const existing = await client.send(new AdminGetUserCommand({ UserPoolId, Username }));
        sub = subOf(existing.UserAttributes);
        await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes }));
        await client.send(new AdminEnableUserCommand({ UserPoolId, Username }));
      }
      if (password) {
        try {
          await client.send(
            new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: password, Permanent: true }),
          );
        } catch (err) {
          if (named(err, 'InvalidPasswordException'))
            throw new ValidationError(
              'body.password: at least 14 characters with upper- and lower-case letters, digits and symbols',
              { field: 'password' },
            );
          throw err;
        }
      }
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: groupOf(person) }));
      return sub;
    },
    disable: async (person) => {
      const Username = person.email;
      try {
        await client.send(new AdminDisableUserCommand({ UserPoolId, Username }));
        await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username }));
      } catch (err) {
        // Never activated (no account): nothing to disable.
        if (!named(err, 'UserNotFoundException')) throw err;
      }
    },
  };
};
