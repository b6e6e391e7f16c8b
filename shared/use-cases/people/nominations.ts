/**
 * Nominations: a State names its focal point, governmental experts and observers by diplomatic
 * note; the secretariat records the note here. New people are registered, people already in the
 * directory get the nominated roles; every role waits for the secretariat's approval of the
 * person's profile (approvals.ts), which is also when a replacement takes over.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import {
  isActive,
  type NominatedRole,
  type Nomination,
  type Person,
  type Profile,
} from '../../domain/people.ts';
import type { Iso3 } from '../../domain/types.ts';
import { auditPut, auditScope } from '../../repos/audit.ts';
import {
  findNomination,
  findPeople,
  listNominations as listStored,
  nominationPut,
  personCreateWrites,
  personUpdateWrites,
  type Write,
} from '../../repos/directory.ts';
import { getLiveReview } from '../review-access.ts';
import { createPeople, newPerson, type PeopleContext } from './directory.ts';

export interface NominationInput {
  state: Iso3;
  noteReference: string;
  noteDate: string;
  people: {
    personId?: string;
    profile?: Profile;
    role: NominatedRole;
    reviewId: string | null;
    replaces?: string;
  }[];
}

export const recordNomination = async (
  actor: Principal,
  input: NominationInput,
  ctx: PeopleContext,
): Promise<{ nomination: Nomination; people: Person[] }> => {
  assertCan(actor, 'people.manage');
  const problems: string[] = [];
  const reviewIds = [...new Set(input.people.flatMap((e) => (e.reviewId ? [e.reviewId] : [])))];
  for (const id of reviewIds) {
    const review = await getLiveReview(id).catch(() => null);
    if (!review) problems.push(`body.people: review ${id} not found`);
    else if (review.reviewedState !== input.state && !review.reviewerStates.includes(input.state))
      problems.push(`body.people: ${input.state} takes no part in review ${id}`);
  }
  const known = await findPeople(
    input.people.flatMap((e) => [...(e.personId ? [e.personId] : []), ...(e.replaces ? [e.replaces] : [])]),
  );
  const focalPoints = new Set<string>();
  input.people.forEach((e, i) => {
    const at = `body.people[${i}]`;
    if (Boolean(e.personId) === Boolean(e.profile))
      problems.push(`${at}: give either personId (someone in the directory) or profile (someone new)`);
    if (e.personId) {
      const p = known.get(e.personId);
      if (!p) problems.push(`${at}.personId: ${e.personId} is not in the directory`);
      else if (p.state !== input.state)
        problems.push(`${at}.personId: ${p.name} does not act for ${input.state}`);
      else if (p.status === 'deactivated') problems.push(`${at}.personId: ${p.name} was deactivated`);
    }
    if (e.role === 'focal-point') {
      const scope = e.reviewId ?? 'every review';
      if (focalPoints.has(scope))
        problems.push(`${at}.role: one focal point per State per review (${scope})`);
      focalPoints.add(scope);
    }
    if (e.replaces) {
      const old = known.get(e.replaces);
      const holds = old?.roles.some((a) => isActive(a) && a.role === e.role && a.reviewId === e.reviewId);
      if (!old || old.state !== input.state || !holds)
        problems.push(
          `${at}.replaces: ${e.replaces} holds no ${e.role} role of ${input.state} in that review`,
        );
    }
  });
  if (problems.length) throw new ValidationError(problems.join('; '), { problems });

  const nominationId = randomUUID();
  const recordedAt = ctx.now.toISOString();
  const audit = { principal: actor, now: ctx.now, action: 'nomination.record', details: { nominationId } };
  const created: Person[] = [];
  const changed = new Map<string, Person>();
  const entries: Nomination['people'] = [];
  for (const e of input.people) {
    const role = { role: e.role, state: input.state, reviewId: e.reviewId, nominationId };
    let personId = e.personId;
    if (e.profile) {
      const p = newPerson(e.profile, input.state, [role], ctx.now);
      created.push(p);
      personId = p.personId;
    } else if (personId) {
      const base = changed.get(personId) ?? known.get(personId);
      if (base) changed.set(personId, { ...base, roles: [...base.roles, role] });
    }
    if (personId)
      entries.push({
        personId,
        role: e.role,
        reviewId: e.reviewId,
        ...(e.replaces ? { replaces: e.replaces } : {}),
      });
  }
  const nomination: Nomination = {
    nominationId,
    state: input.state,
    noteReference: input.noteReference,
    noteDate: input.noteDate,
    people: entries,
    recordedAt,
    recordedBy: actor.kind === 'user' ? actor.sub : 'system',
  };
  const writes: Write[] = [
    nominationPut(nomination),
    auditPut(auditScope.nominations(), {
      ...audit,
      object: `nomination/${nominationId}`,
      details: { state: input.state, noteReference: input.noteReference },
    }),
    ...created.flatMap((p) => personCreateWrites(p, audit)),
    ...[...changed.values()].flatMap((p) => {
      const before = known.get(p.personId) ?? p;
      const next = { ...p, version: before.version + 1, updatedAt: recordedAt };
      return personUpdateWrites(before, next, audit);
    }),
  ];
  await createPeople(writes, created);
  return { nomination, people: created };
};

export const listNominations = async (actor: Principal, input: { state?: Iso3 }): Promise<Nomination[]> => {
  assertCan(actor, 'nominations.read');
  return (await listStored(input.state)).sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
};

export const getNomination = async (actor: Principal, nominationId: string): Promise<Nomination> => {
  assertCan(actor, 'nominations.read');
  const n = await findNomination(nominationId);
  if (!n) throw new NotFoundError(`nomination ${nominationId} not found`);
  return n;
};
