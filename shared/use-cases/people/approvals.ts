/**
 * The secretariat's decisions on people: approving an activated profile against its nomination
 * (the nominated roles take effect, the person becomes a contact of their reviews, and whoever
 * they replace hands over at that moment), and deactivating a person (at once: their next
 * request is refused). Each writes the people, the reviews and their audit entries in one
 * transaction, conditional on the versions read.
 */
import { identityProvider } from '../../auth/identities.ts';
import type { Principal } from '../../auth/principal.ts';
import { config } from '../../config.ts';
import { assertCan } from '../../domain/authz.ts';
import { type ContactEntry, expertLimitProblem, withContacts } from '../../domain/contacts.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import {
  approveRoles,
  endAllRoles,
  endReplacedRoles,
  handOverContacts,
  joinContacts,
  type Person,
  profileDifferences,
} from '../../domain/people.ts';
import { nextVersion, type Review } from '../../domain/review.ts';
import { logger } from '../../logger.ts';
import { auditPut, auditScope } from '../../repos/audit.ts';
import { findNomination, findPeople, personUpdateWrites, type Write } from '../../repos/directory.ts';
import { writeAll } from '../../repos/dynamo.ts';
import { reviewUpdatePut } from '../../repos/reviews.ts';
import { findLiveReview } from '../review-access.ts';
import { getPerson, type PeopleContext } from './directory.ts';
import { handOverNotifications } from './hand-over-notifications.ts';

type Edit = (entry: ContactEntry | undefined) => ContactEntry;

/** The review writes for contact edits per review and State; refuses what breaks the expert limit. */
const reviewWrites = async (
  actor: Principal,
  edits: Map<string, { state: string; edit: Edit }[]>,
  now: Date,
  action: string,
  details: Record<string, unknown>,
): Promise<Write[]> => {
  const writes: Write[] = [];
  for (const [reviewId, list] of edits) {
    const review = await findLiveReview(reviewId);
    // A review that closed or went away keeps its history; nothing to hand over there.
    if (!review || review.state === 'published') continue;
    let r: Review = review;
    for (const { state, edit } of list) {
      const entry = edit(r.contacts[state]);
      const limit = expertLimitProblem(state, entry.experts.length, config().MAX_EXPERTS_PER_STATE);
      if (limit) throw new ValidationError(`review ${reviewId}: ${limit}`);
      r = { ...r, ...withContacts(r, state, entry, now.toISOString()) };
    }
    const next = nextVersion(review, now, { contacts: r.contacts, deadlines: r.deadlines, state: r.state });
    writes.push(
      reviewUpdatePut(next),
      auditPut(auditScope.review(reviewId), {
        principal: actor,
        now,
        action,
        object: `review/${reviewId}`,
        version: next.version,
        details,
      }),
    );
  }
  return writes;
};

const addEdit = (
  edits: Map<string, { state: string; edit: Edit }[]>,
  reviewId: string,
  state: string,
  edit: Edit,
) => edits.set(reviewId, [...(edits.get(reviewId) ?? []), { state, edit }]);

const bump = (p: Person, changes: Partial<Person>, now: Date): Person => ({
  ...p,
  ...changes,
  version: p.version + 1,
  updatedAt: now.toISOString(),
});

export const approvePerson = async (
  actor: Principal,
  input: { personId: string; expectedVersion: number },
  ctx: PeopleContext,
): Promise<{ person: Person; differences: ReturnType<typeof profileDifferences> }> => {
  assertCan(actor, 'people.manage');
  const person = await getPerson(actor, input.personId);
  if (person.version !== input.expectedVersion)
    throw new ConflictError(
      `person ${person.personId} is at version ${person.version}, not ${input.expectedVersion}; reload`,
      {
        current: { version: person.version, status: person.status },
      },
    );
  if (person.status !== 'activated')
    throw new ConflictError(
      person.status === 'approved'
        ? `${person.name} is already approved`
        : `${person.name} has not activated their account yet (status ${person.status}): a profile is approved once submitted`,
      { current: { version: person.version, status: person.status } },
    );
  const at = ctx.now.toISOString();
  const pending = person.roles.filter((a) => a.from === undefined && a.until === undefined);
  const nominations = await Promise.all(
    [...new Set(pending.flatMap((a) => (a.nominationId ? [a.nominationId] : [])))].map(findNomination),
  );
  const handOvers = nominations.flatMap((n) =>
    (n?.people ?? []).filter((e) => e.personId === person.personId && e.replaces),
  );
  const leaving = await findPeople(handOvers.flatMap((h) => (h.replaces ? [h.replaces] : [])));
  const edits = new Map<string, { state: string; edit: Edit }[]>();
  const changedPeople = new Map<string, Person>();
  for (const h of handOvers) {
    const old = h.replaces;
    if (!old) continue;
    const prior = changedPeople.get(old) ?? leaving.get(old);
    if (prior)
      changedPeople.set(old, {
        ...prior,
        roles: endReplacedRoles(prior.roles, h.role, h.reviewId, person.personId, at),
      });
    if (h.reviewId && person.state)
      addEdit(edits, h.reviewId, person.state, (e) => handOverContacts(e, old, null));
  }
  for (const a of pending) {
    if (!a.reviewId || !a.state || a.role === 'observer') continue;
    const role = a.role;
    addEdit(edits, a.reviewId, a.state, (e) => {
      if (role === 'focal-point' && e?.focalPoint && e.focalPoint !== person.personId)
        throw new ConflictError(
          `review ${a.reviewId} already has a focal point of ${a.state} (${e.focalPoint}); one at a time: nominate this person as their replacement`,
        );
      return joinContacts(e, person.personId, role);
    });
  }
  const details = { personId: person.personId, replaces: handOvers.map((h) => h.replaces) };
  const next = bump(
    person,
    {
      status: 'approved',
      roles: approveRoles(person.roles, at),
      approvedAt: at,
      approvedBy: actor.kind === 'user' ? actor.sub : 'system',
    },
    ctx.now,
  );
  const audit = { principal: actor, now: ctx.now, action: 'person.approve', details };
  const writes: Write[] = [
    ...personUpdateWrites(person, next, audit),
    ...[...changedPeople.values()].flatMap((p) => {
      const before = leaving.get(p.personId) ?? p;
      return personUpdateWrites(before, bump(p, {}, ctx.now), {
        ...audit,
        action: 'person.replaced',
        details: { by: person.personId },
      });
    }),
    ...(await reviewWrites(actor, edits, ctx.now, 'contacts.hand-over', details)),
  ];
  await writeAll(writes, 'a person or review changed meanwhile; reload and retry');
  // Then what was addressed to the people leaving goes to the successor (audited, per item).
  for (const h of handOvers)
    if (h.replaces)
      await handOverNotifications(
        actor,
        { from: h.replaces, to: person.personId, reviewId: h.reviewId },
        ctx.now,
      );
  const differences = person.nominated ? profileDifferences(person.nominated, person) : [];
  return { person: next, differences };
};

/** Deactivation takes effect at once: the person's next request is refused, their contact seats are freed. */
export const deactivatePerson = async (
  actor: Principal,
  input: { personId: string; reason: string },
  ctx: PeopleContext,
): Promise<Person> => {
  assertCan(actor, 'people.manage');
  const person = await getPerson(actor, input.personId);
  if (person.status === 'deactivated') return person;
  const at = ctx.now.toISOString();
  const edits = new Map<string, { state: string; edit: Edit }[]>();
  for (const a of person.roles)
    if (a.reviewId && a.state && a.until === undefined)
      addEdit(edits, a.reviewId, a.state, (e) => handOverContacts(e, person.personId, null));
  const next = bump(
    person,
    { status: 'deactivated', roles: endAllRoles(person.roles, at), deactivatedAt: at },
    ctx.now,
  );
  const audit = {
    principal: actor,
    now: ctx.now,
    action: 'person.deactivate',
    details: { reason: input.reason },
  };
  await writeAll(
    [
      ...personUpdateWrites(person, next, audit),
      ...(await reviewWrites(actor, edits, ctx.now, 'contacts.departure', { personId: person.personId })),
    ],
    `person ${person.personId} changed meanwhile; reload and retry`,
  );
  // The directory refuses the person from now on; the identity provider's account goes too.
  if (person.identity)
    await identityProvider()
      .disable(person)
      .catch((err: unknown) =>
        logger.error('the deactivated person keeps an enabled sign-in account; disable it by hand', {
          personId: person.personId,
          err,
        }),
      );
  return next;
};
