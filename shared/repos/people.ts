/**
 * The people the platform knows, and which State each acts for: the directory contacts are
 * checked against. In AWS the identity provider (Cognito) is the source of truth; the API records
 * a verified caller here when they open their dashboard (`PERSON#{sub}` / `PROFILE`: role, State
 * and name from the token), so a person can be named once they have signed in. The local
 * platform plugs in its demo accounts instead (`setPeopleDirectory`), its identity provider.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../auth/principal.ts';
import { dynamo } from '../aws/clients.ts';
import { accessOf } from '../domain/people.ts';
import type { Iso3, Role } from '../domain/types.ts';
import { findPeople } from './directory.ts';
import { queryAll, tableName } from './dynamo.ts';
import { GSI1, personKeys } from './keys.ts';

interface Person {
  sub: string;
  role: Role;
  state: Iso3 | null;
}

/** Looks people up by sub; those it does not know are absent from the map. */
export type PeopleDirectory = (subs: readonly string[]) => Promise<Map<string, Person>>;

const personKey = personKeys.profile;

/** The people recorded from verified tokens. */
export const recordedPeople: PeopleDirectory = async (subs) => {
  const out = new Map<string, Person>();
  const unique = [...new Set(subs)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(personKey);
    for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
      const res: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of res.Responses?.[tableName()] ?? [])
        out.set(String(item.sub), {
          sub: String(item.sub),
          role: item.role as Role,
          state: item.state ?? null,
        });
      keys = res.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return out;
};

let directory: PeopleDirectory = recordedPeople;

/**
 * Approved people of the directory (docs/people.md) first, then the identity provider's people
 * (recorded from tokens in AWS; the demo accounts locally). A person awaiting approval or
 * deactivated is not offered as a contact.
 */
const withDirectory =
  (fallback: PeopleDirectory): PeopleDirectory =>
  async (subs) => {
    const people = await findPeople(subs);
    const out = await fallback(subs.filter((s) => !people.has(s)));
    for (const [id, p] of people) {
      if (p.status !== 'approved') continue;
      const a = accessOf(p);
      out.set(id, { sub: id, role: a.role, state: a.state });
    }
    return out;
  };

/** The directory in use (the local platform replaces the fallback with its demo accounts). */
export const peopleDirectory = (): PeopleDirectory => withDirectory(directory);
export const setPeopleDirectory = (d: PeopleDirectory): void => {
  directory = d;
};

/** Recorded people by State (gsi1), for the contact picker. */
const RECORDED = personKeys.recorded;
const recordedIndex = (state: Iso3 | null, sub: string) => ({
  gsi1pk: RECORDED,
  gsi1sk: personKeys.recordedSort(state, sub),
});

/** Someone the identity provider knows who may be named a contact of their State. */
interface Account {
  sub: string;
  name: string;
  role: Role;
  state: Iso3 | null;
}

/** The identity provider's people of a State (recorded from tokens in AWS; the demo accounts locally). */
export type AccountsOfState = (state: Iso3) => Promise<Account[]>;

export const recordedAccounts: AccountsOfState = async (state) =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :s)',
      ExpressionAttributeValues: { ':p': RECORDED, ':s': personKeys.statePrefix(state) },
    })
  ).map((i) => ({
    sub: String(i.sub),
    name: String(i.name ?? i.sub),
    role: i.role as Role,
    state: (i.state as Iso3 | null) ?? null,
  }));

let accounts: AccountsOfState = recordedAccounts;
export const accountsOfState = (): AccountsOfState => accounts;
/** The local platform lists its demo accounts instead. */
export const setAccountsOfState = (a: AccountsOfState): void => {
  accounts = a;
};

/** Profiles already recorded by this process (a Lambda container), as `role|state`. */
const recorded = new Map<string, string>();

/**
 * Records a verified caller (once per process, and again when their role or State changed).
 * Best effort: the request goes on if it fails, the next one tries again.
 */
export const recordPerson = async (p: Principal): Promise<void> => {
  if (p.kind !== 'user') return;
  const profile = `${p.role}|${p.state ?? ''}`;
  if (recorded.get(p.sub) === profile) return;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...personKey(p.sub),
          ...recordedIndex(p.state, p.sub),
          sub: p.sub,
          role: p.role,
          state: p.state,
          name: p.name,
        },
        // Records from before the index are written once more to join it.
        ConditionExpression:
          'attribute_not_exists(pk) OR attribute_not_exists(gsi1pk) OR #r <> :r OR #s <> :s OR #n <> :n',
        ExpressionAttributeNames: { '#r': 'role', '#s': 'state', '#n': 'name' },
        ExpressionAttributeValues: { ':r': p.role, ':s': p.state, ':n': p.name },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) return;
  }
  recorded.set(p.sub, profile);
};
