/**
 * The directory's items. Every change is a conditional write on the version read, in one
 * transaction with its audit entry (the person's history: `auditScope.person`).
 *
 * Item layout (single table):
 * - person: pk `DIR#PERSON#{personId}`, sk `META`; gsi1pk `DIR#PEOPLE`, gsi1sk `{state|~}#{personId}`
 * - e-mail claim (one person per address): pk `DIR#EMAIL#{email}`, sk `META`
 * - nomination: pk `DIR#NOMINATION#{id}`, sk `META`; gsi1pk `DIR#NOMINATIONS`, gsi1sk `{state}#{recordedAt}#{id}`
 * - invitation: pk `DIR#INVITE#{invitationId}`, sk `META` (the SHA-256 of the link's secret, never
 *   the secret); gsi1pk `DIR#INVITATIONS`, gsi1sk `{createdAt}#{invitationId}`
 */
import * as z from 'zod';
import {
  type InvitationRecord,
  type Nomination,
  NominationSchema,
  type Person,
  PersonSchema,
} from '../domain/people.ts';
import type { Iso3 } from '../domain/types.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { getMany, queryAll, tableName, type writeAll } from './dynamo.ts';
import { directoryKeys, GSI1 } from './keys.ts';

const personKey = directoryKeys.person;
const emailKey = directoryKeys.email;
const nominationKey = directoryKeys.nomination;
const invitationKey = directoryKeys.invitation;

const personItem = (p: Person) => ({
  ...personKey(p.personId),
  gsi1pk: directoryKeys.people,
  gsi1sk: directoryKeys.personSort(p),
  ...p,
});

/** One item of a transaction (`writeAll`). */
export type Write = Parameters<typeof writeAll>[0][number];
type Put = Write;

const audited = (p: Person, a: Omit<AuditInput, 'object' | 'version'>) =>
  auditPut(auditScope.person(p.personId), { ...a, object: `person/${p.personId}`, version: p.version });

/** A new person and the claim on their e-mail address (a second person with it is refused). */
export const personCreateWrites = (p: Person, a: Omit<AuditInput, 'object' | 'version'>): Write[] => [
  { Put: { TableName: tableName(), Item: personItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
  {
    Put: {
      TableName: tableName(),
      Item: { ...emailKey(p.email), personId: p.personId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  audited(p, a),
];

/** `next` replaces the stored person if it is still at `next.version - 1`; a changed e-mail moves its claim. */
export const personUpdateWrites = (
  previous: Person,
  next: Person,
  a: Omit<AuditInput, 'object' | 'version'>,
): Write[] => [
  {
    Put: {
      TableName: tableName(),
      Item: personItem(next),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': next.version - 1 },
    },
  },
  ...(previous.email === next.email
    ? []
    : [
        {
          Put: {
            TableName: tableName(),
            Item: { ...emailKey(next.email), personId: next.personId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Delete: { TableName: tableName(), Key: emailKey(previous.email) } },
      ]),
  audited(next, a),
];

const parsePerson = (item: Record<string, unknown> | undefined): Person | null =>
  item ? PersonSchema.parse(item) : null;

export const findPerson = async (personId: string): Promise<Person | null> =>
  parsePerson((await getMany([personKey(personId)]))[0]);

/** People by id, in one round trip per 100; those not in the directory are absent. */
export const findPeople = async (ids: readonly string[]): Promise<Map<string, Person>> => {
  const out = new Map<string, Person>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    for (const item of await getMany(unique.slice(i, i + 100).map(personKey))) {
      const p = parsePerson(item);
      if (p) out.set(p.personId, p);
    }
  }
  return out;
};

export const listPeople = async (state?: Iso3): Promise<Person[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: state ? 'gsi1pk = :p AND begins_with(gsi1sk, :s)' : 'gsi1pk = :p',
      ExpressionAttributeValues: {
        ':p': directoryKeys.people,
        ...(state ? { ':s': directoryKeys.statePrefix(state) } : {}),
      },
    })
  ).map((i) => PersonSchema.parse(i));

export const nominationPut = (n: Nomination): Put => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...nominationKey(n.nominationId),
      gsi1pk: directoryKeys.nominations,
      gsi1sk: directoryKeys.nominationSort(n),
      ...n,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const findNomination = async (id: string): Promise<Nomination | null> => {
  const item = (await getMany([nominationKey(id)]))[0];
  return item ? NominationSchema.parse(item) : null;
};

export const listNominations = async (state?: Iso3): Promise<Nomination[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: state ? 'gsi1pk = :p AND begins_with(gsi1sk, :s)' : 'gsi1pk = :p',
      ExpressionAttributeValues: {
        ':p': directoryKeys.nominations,
        ...(state ? { ':s': directoryKeys.statePrefix(state) } : {}),
      },
    })
  ).map((i) => NominationSchema.parse(i));

const InvitationItemSchema = z.object({
  invitationId: z.string(),
  personId: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().optional(),
  supersededAt: z.iso.datetime().optional(),
  sentBy: z.string(),
  secretHash: z.string(),
});
export type InvitationItem = z.infer<typeof InvitationItemSchema>;

export const invitationPut = (inv: InvitationItem): Put => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...invitationKey(inv.invitationId),
      gsi1pk: directoryKeys.invitations,
      gsi1sk: directoryKeys.invitationSort(inv),
      ...inv,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The earlier link of a person stops working when a new one is sent. */
export const invitationSupersede = (invitationId: string, at: string) => ({
  Update: {
    TableName: tableName(),
    Key: invitationKey(invitationId),
    UpdateExpression: 'SET supersededAt = :at',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
    ExpressionAttributeValues: { ':at': at },
  },
});

/** Uses the link once: a second use, a newer link or expiry cancels the activation. */
export const invitationUse = (invitationId: string, at: Date) => ({
  Update: {
    TableName: tableName(),
    Key: invitationKey(invitationId),
    UpdateExpression: 'SET usedAt = :at',
    ConditionExpression:
      'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(supersededAt) AND expiresAt > :at',
    ExpressionAttributeValues: { ':at': at.toISOString() },
  },
});

export const findInvitation = async (invitationId: string): Promise<InvitationItem | null> => {
  const item = (await getMany([invitationKey(invitationId)]))[0];
  return item ? InvitationItemSchema.parse(item) : null;
};

/** Invitations, newest first, without their secrets' hashes. */
export const listInvitations = async (personId?: string): Promise<InvitationRecord[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': directoryKeys.invitations },
      ScanIndexForward: false,
    })
  )
    .map((i) => InvitationItemSchema.parse(i))
    .filter((i) => !personId || i.personId === personId)
    .map(({ secretHash: _hash, ...rest }) => rest);
