/**
 * The directory of people: registering the secretariat's staff (and observers no State
 * nominates), reading profiles, correcting them, and each person's history. Plain functions of
 * (actor, input, context): no HTTP here.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { assertCan, can } from '../../domain/authz.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Person, Profile } from '../../domain/people.ts';
import type { Iso3 } from '../../domain/types.ts';
import { auditScope, listAudit } from '../../repos/audit.ts';
import {
  findPerson,
  listPeople as listStored,
  personCreateWrites,
  personUpdateWrites,
} from '../../repos/directory.ts';
import { writeAll } from '../../repos/dynamo.ts';

export interface PeopleContext {
  now: Date;
}

/** A person as the API shows them. */
export type PersonView = Person;

export const newPerson = (
  profile: Profile,
  state: Iso3 | null,
  roles: Person['roles'],
  now: Date,
): Person => ({
  ...profile,
  personId: randomUUID(),
  state,
  status: 'registered',
  roles,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

const emailTaken = (email: string) =>
  new ConflictError(`body.email: ${email} is already in the directory`, { field: 'email' });

/** Creates people; a taken e-mail address is a 409 naming it (nothing written). */
export const createPeople = async (
  writes: Parameters<typeof writeAll>[0],
  people: Person[],
): Promise<void> => {
  try {
    await writeAll(writes, 'a person with one of these e-mail addresses is already in the directory');
  } catch (err) {
    if (err instanceof ConflictError && people.length === 1 && people[0]) throw emailTaken(people[0].email);
    throw err;
  }
};

/** Secretariat staff or an observer no State nominates: registered directly by the secretariat. */
export const registerPerson = async (
  actor: Principal,
  input: { profile: Profile; role: 'secretariat' | 'observer' },
  ctx: PeopleContext,
): Promise<PersonView> => {
  assertCan(actor, 'people.manage');
  const person = newPerson(
    input.profile,
    null,
    [{ role: input.role, state: null, reviewId: null, nominationId: null }],
    ctx.now,
  );
  await createPeople(
    personCreateWrites(person, {
      principal: actor,
      now: ctx.now,
      action: 'person.register',
      details: { role: input.role },
    }),
    [person],
  );
  return person;
};

/** The people the actor may see: all for the secretariat, their own State's for a State's people. */
export const listPeople = async (actor: Principal, input: { state?: Iso3 }): Promise<PersonView[]> => {
  const state =
    actor.kind === 'user' && actor.role !== 'secretariat' ? (actor.state ?? undefined) : input.state;
  if (actor.kind !== 'user') assertCan(actor, 'people.manage');
  const people = await listStored(state);
  return people
    .filter((p) => can(actor, 'person.read', p))
    .sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
};

/** One person, or 404 (also when the actor may not see them: nothing about them leaks). */
export const getPerson = async (actor: Principal, personId: string): Promise<PersonView> => {
  const person = await findPerson(personId);
  if (!person || !can(actor, 'person.read', person)) {
    if (actor.kind !== 'user') assertCan(actor, 'people.manage');
    throw new NotFoundError(`person ${personId} not found`);
  }
  return person;
};

/** The secretariat corrects a profile; conditional on the version the caller saw. */
export const updatePerson = async (
  actor: Principal,
  input: { personId: string; expectedVersion: number; changes: Partial<Profile> },
  ctx: PeopleContext,
): Promise<PersonView> => {
  assertCan(actor, 'people.manage');
  const person = await getPerson(actor, input.personId);
  if (person.version !== input.expectedVersion)
    throw new ConflictError(
      `person ${person.personId} is at version ${person.version}, not ${input.expectedVersion}; reload`,
      {
        current: { version: person.version },
      },
    );
  const next: Person = {
    ...person,
    ...input.changes,
    version: person.version + 1,
    updatedAt: ctx.now.toISOString(),
  };
  try {
    await writeAll(
      personUpdateWrites(person, next, {
        principal: actor,
        now: ctx.now,
        action: 'person.update',
        details: { changed: Object.keys(input.changes).sort() },
      }),
      `person ${person.personId} changed meanwhile; reload and retry`,
    );
  } catch (err) {
    if (err instanceof ConflictError && next.email !== person.email) {
      const current = await findPerson(person.personId);
      if (current?.version === person.version) throw emailTaken(next.email);
    }
    throw err;
  }
  return next;
};

/** Every change to a person, oldest first (the audit stream of the person). */
export const personHistory = async (actor: Principal, personId: string): Promise<AuditEntry[]> => {
  assertCan(actor, 'audit.read');
  await getPerson(actor, personId);
  return (await listAudit(auditScope.person(personId), { limit: 500 })).entries;
};
