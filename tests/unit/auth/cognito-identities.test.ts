/**
 * The Cognito adapter, through the real SDK: there is no local Cognito emulator, so the client's
 * HTTP handler is replaced by one that records the signed requests the SDK serialized and
 * answers as Cognito does (including its errors, for the fault paths). What is checked is what
 * would go over the wire: the operation (X-Amz-Target) and the JSON body of each call.
 */
import {
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { COGNITO_ADMIN_ACTIONS, cognitoIdentities, groupOf } from '#shared/auth/cognito-identities.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import type { Person } from '#shared/domain/people.ts';

interface Call {
  op: string;
  body: Record<string, unknown>;
}
type Answer = { status?: number; body?: Record<string, unknown>; error?: string };

/** A client whose wire is a script: each call gets the answer for its operation (default `{}`). */
const scripted = (answers: Partial<Record<string, Answer>>) => {
  const calls: Call[] = [];
  const requestHandler: CognitoIdentityProviderClientConfig['requestHandler'] = {
    handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
      const op = String(request.headers['x-amz-target']).replace('AWSCognitoIdentityProviderService.', '');
      const raw =
        request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body);
      calls.push({ op, body: JSON.parse(raw) });
      const a = answers[op] ?? {};
      const payload = a.error ? { __type: a.error, message: `${a.error} (scripted)` } : (a.body ?? {});
      return {
        response: {
          statusCode: a.error ? (a.status ?? 400) : 200,
          headers: { 'content-type': 'application/x-amz-json-1.1' },
          body: new TextEncoder().encode(JSON.stringify(payload)),
        },
      };
    },
  } as never;
  const client = new CognitoIdentityProviderClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler,
    maxAttempts: 1,
  });
  return { calls, ids: cognitoIdentities(client, 'eu-west-1_pool') };
};

const person = (over: Partial<Person> = {}): Person => ({
  personId: 'p-1',
  name: 'Ana Lima',
  title: '',
  institution: '',
  email: 'ana@example.org',
  language: 'pt' as never,
  state: 'BRA',
  status: 'invited',
  roles: [
    { role: 'expert', state: 'BRA', reviewId: 'r1', nominationId: 'n1' },
    { role: 'focal-point', state: 'BRA', reviewId: 'r2', nominationId: 'n1' },
  ],
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const created = { User: { Username: 'ana@example.org', Attributes: [{ Name: 'sub', Value: 'cog-sub-1' }] } };

describe('Cognito identities', () => {
  it('creates the user with the claims the API reads, sets the chosen password and adds the group', async () => {
    const { calls, ids } = scripted({ AdminCreateUser: { body: created } });
    await expect(ids.create(person(), 'Str0ng!Passw0rd#2026')).resolves.toBe('cog-sub-1');
    expect(calls.map((c) => c.op)).toEqual([
      'AdminCreateUser',
      'AdminSetUserPassword',
      'AdminAddUserToGroup',
    ]);
    expect(calls[0]?.body).toEqual({
      UserPoolId: 'eu-west-1_pool',
      Username: 'ana@example.org',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'ana@example.org' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Ana Lima' },
        { Name: 'custom:person', Value: 'p-1' },
        { Name: 'custom:role', Value: 'focal-point' },
        { Name: 'custom:state', Value: 'BRA' },
      ],
    });
    expect(calls[1]?.body).toEqual({
      UserPoolId: 'eu-west-1_pool',
      Username: 'ana@example.org',
      Password: 'Str0ng!Passw0rd#2026',
      Permanent: true,
    });
    // Focal point outranks expert: the group is the person's main role.
    expect(calls[2]?.body).toEqual({
      UserPoolId: 'eu-west-1_pool',
      Username: 'ana@example.org',
      GroupName: 'focal-point',
    });
  });

  it("without a password lets Cognito e-mail its temporary one, and omits the State of the secretariat's staff", async () => {
    const { calls, ids } = scripted({ AdminCreateUser: { body: created } });
    const staff = person({
      state: null,
      roles: [{ role: 'secretariat', state: null, reviewId: null, nominationId: null }],
    });
    await ids.create(staff, undefined);
    expect(calls.map((c) => c.op)).toEqual(['AdminCreateUser', 'AdminAddUserToGroup']);
    expect(calls[0]?.body).toMatchObject({ DesiredDeliveryMediums: ['EMAIL'] });
    expect(calls[0]?.body.MessageAction).toBeUndefined();
    expect(JSON.stringify(calls[0]?.body)).not.toContain('custom:state');
    expect(calls[1]?.body.GroupName).toBe('secretariat');
  });

  it('an account that exists already is updated and enabled, keeping its sub (activation can be retried)', async () => {
    const { calls, ids } = scripted({
      AdminCreateUser: { error: 'UsernameExistsException' },
      AdminGetUser: {
        body: { Username: 'ana@example.org', UserAttributes: [{ Name: 'sub', Value: 'cog-old' }] },
      },
    });
    await expect(ids.create(person(), undefined)).resolves.toBe('cog-old');
    expect(calls.map((c) => c.op)).toEqual([
      'AdminCreateUser',
      'AdminGetUser',
      'AdminUpdateUserAttributes',
      'AdminEnableUser',
      'AdminAddUserToGroup',
    ]);
    expect(calls[2]?.body).toMatchObject({ Username: 'ana@example.org' });
    expect(JSON.stringify(calls[2]?.body)).toContain('"custom:person","Value":"p-1"');
  });

  it("a password Cognito's policy refuses is a 4xx naming body.password; other faults propagate", async () => {
    const weak = scripted({
      AdminCreateUser: { body: created },
      AdminSetUserPassword: { error: 'InvalidPasswordException' },
    });
    const err = await weak.ids.create(person(), 'short').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^body\.password: /);
    expect(weak.calls.map((c) => c.op)).not.toContain('AdminAddUserToGroup');

    const down = scripted({ AdminCreateUser: { error: 'InternalErrorException', status: 500 } });
    await expect(down.ids.create(person(), undefined)).rejects.toMatchObject({
      name: 'InternalErrorException',
    });
    expect(down.calls.map((c) => c.op)).toEqual(['AdminCreateUser']);
  });

  it('deactivation disables the user and signs it out everywhere; a person without an account is fine', async () => {
    const { calls, ids } = scripted({});
    await ids.disable(person());
    expect(calls).toEqual([
      { op: 'AdminDisableUser', body: { UserPoolId: 'eu-west-1_pool', Username: 'ana@example.org' } },
      { op: 'AdminUserGlobalSignOut', body: { UserPoolId: 'eu-west-1_pool', Username: 'ana@example.org' } },
    ]);
    const none = scripted({ AdminDisableUser: { error: 'UserNotFoundException' } });
    await expect(none.ids.disable(person())).resolves.toBeUndefined();
  });

  it('the IAM grant lists exactly the operations the adapter calls', async () => {
    const { calls, ids } = scripted({
      AdminCreateUser: { error: 'UsernameExistsException' },
      AdminGetUser: { body: { UserAttributes: [{ Name: 'sub', Value: 's' }] } },
    });
    await ids.create(person(), 'Str0ng!Passw0rd#2026');
    await ids.disable(person());
    expect([...new Set(calls.map((c) => `cognito-idp:${c.op}`))].sort()).toEqual(
      [...COGNITO_ADMIN_ACTIONS].sort(),
    );
    expect(groupOf(person({ roles: [] }))).toBe('expert');
  });
});
