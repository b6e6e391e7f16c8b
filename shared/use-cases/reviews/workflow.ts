/**
 * One review's workflow: reading it, acknowledging an assignment, naming contacts, moving it on by
 * a transition and extending a deadline. Every change goes through `saveReview` (conditional on
 * the version read, audit entry in the same transaction) and queues its notifications in that
 * same transaction (`outboxPut`).
 */
import type { User } from '../../auth/principal.ts';
import { config } from '../../config.ts';
import { expertLimitProblem, withContacts } from '../../domain/contacts.ts';
import {
  ConflictError,
  ForbiddenError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.ts';
import { nextVersion, type Review } from '../../domain/review.ts';
import type { ReviewView } from '../../domain/review-view.ts';
import type { Iso3 } from '../../domain/types.ts';
import {
  checkTransition,
  DEADLINE_PRESETS,
  type Deadline,
  type DeadlineKind,
  extendDeadline as extended,
  feedbackDeadline,
  markMet,
  type Transition,
} from '../../domain/workflow.ts';
import { type OutboxInput, outboxPut } from '../../repos/outbox.ts';
import { peopleDirectory } from '../../repos/people.ts';
import { saveReview } from '../../repos/reviews.ts';
import type { UseCaseContext } from '../context.ts';
import { loadReviewFor } from '../review-access.ts';
import { staleIfConflict } from '../versioning.ts';
import { currentOf, viewOf } from './view.ts';

const stateChanged = (r: Review, actor: User, text: string, now: Date): OutboxInput => ({
  kind: 'state-changed',
  review: r,
  audience: { to: 'parties' },
  text,
  now,
  actorSub: actor.sub,
});

/** Deadline effects of a transition: what it completes and what it opens. */
const deadlinesAfter = (r: Review, t: Transition, at: string): Deadline[] => {
  const policy = DEADLINE_PRESETS[r.mechanism];
  switch (t) {
    case 'name-contacts':
      return markMet(markMet(r.deadlines, 'focal-point', at), 'experts', at);
    case 'submit-self-assessment': {
      const met = markMet(r.deadlines, 'self-assessment', at);
      return met.some((d) => d.kind === 'feedback') ? met : [...met, feedbackDeadline(at, policy)];
    }
    // The reviewers' written feedback is what the dialogue starts from.
    case 'start-dialogue':
      return markMet(r.deadlines, 'feedback', at);
    default:
      return r.deadlines;
  }
};

/**
 * Transitions that carry content of their own go through their own endpoint, so a review never
 * reaches e.g. `published` without a published summary. The self-assessment submission stays
 * open to the secretariat here, to record a submission made outside the platform.
 */
const DEDICATED_ENDPOINTS: Partial<Record<Transition, string>> = {
  'name-contacts': 'PUT /reviews/{reviewId}/contacts',
  'agree-observations': 'POST /reviews/{reviewId}/observations/confirmations',
  'agree-summary': 'POST /reviews/{reviewId}/summaries/combined/agreement',
  publish: 'POST /reviews/{reviewId}/summaries/combined/publication',
};

/**
 * Contacts are people of the State they are named for (its focal point a focal point), so a
 * review's notifications reach only that State's people: 400 naming the field otherwise.
 */
const assertPeopleOf = async (iso3: Iso3, focalPoint: string | undefined, experts: readonly string[]) => {
  const named = [...(focalPoint ? [focalPoint] : []), ...experts];
  const people = await peopleDirectory()(named);
  const problems: string[] = [];
  if (focalPoint) {
    const p = people.get(focalPoint);
    if (p?.state !== iso3 || p.role !== 'focal-point')
      problems.push(`body.focalPoint: ${focalPoint} is not a focal point of ${iso3}`);
  }
  experts.forEach((sub, i) => {
    const p = people.get(sub);
    if (p?.state !== iso3 || (p.role !== 'expert' && p.role !== 'focal-point'))
      problems.push(`body.experts[${i}]: ${sub} is not a governmental expert or focal point of ${iso3}`);
  });
  if (problems.length) throw new ValidationError(problems.join('; '), { problems });
};

export const getReview = async (actor: User, input: { reviewId: string }, { now }: UseCaseContext) =>
  viewOf(actor, await loadReviewFor(actor, input.reviewId, 'review.read'), now);

/**
 * A reviewing State acknowledges its assignment. Repeating it changes nothing: `first` says
 * whether this call recorded the acknowledgement.
 */
export const acknowledgeAssignment = async (
  actor: User,
  input: { reviewId: string },
  { now }: UseCaseContext,
): Promise<{ review: ReviewView; first: boolean }> => {
  const r = await loadReviewFor(actor, input.reviewId, 'assignment.acknowledge');
  const iso3 = actor.state;
  if (!iso3) throw new ForbiddenError('only a State can acknowledge its assignment');
  if (r.acknowledgements[iso3]) return { review: viewOf(actor, r, now), first: false };
  const at = now.toISOString();
  const next = nextVersion(r, now, {
    acknowledgements: { ...r.acknowledgements, [iso3]: { by: actor.sub, at } },
  });
  await saveReview(
    next,
    { principal: actor, now, action: 'assignment.acknowledge', details: { state: iso3 } },
    outboxPut({
      kind: 'assignment',
      review: next,
      audience: { to: 'users', subs: [] },
      secretariat: true,
      text: `${iso3} acknowledged its assignment as a reviewing State of ${r.reviewedState}.`,
      now,
      actorSub: actor.sub,
    }),
  );
  return { review: viewOf(actor, next, now), first: true };
};

/**
 * Names a State's focal point and experts (a focal point: of their own State); when the reviewed
 * State has named both, the review moves to contacts-named.
 */
export const nameContacts = async (
  actor: User,
  input: { reviewId: string; state?: Iso3 | undefined; focalPoint?: string | undefined; experts: string[] },
  { now }: UseCaseContext,
): Promise<ReviewView> => {
  const r = await loadReviewFor(actor, input.reviewId, 'contacts.name');
  const iso3 = actor.role === 'secretariat' ? input.state : (input.state ?? actor.state);
  if (!iso3) throw new ValidationError('body.state: required when the secretariat names contacts');
  if (actor.role !== 'secretariat' && iso3 !== actor.state)
    throw new ForbiddenError('a focal point names the contacts of their own State only');
  if (iso3 !== r.reviewedState && !r.reviewerStates.includes(iso3))
    throw new ValidationError(`body.state: ${iso3} takes no part in review ${r.reviewId}`);
  // A focal point naming contacts names themself; anyone else keeps the focal point already named.
  const focalPoint =
    input.focalPoint ?? (actor.role === 'focal-point' ? actor.sub : r.contacts[iso3]?.focalPoint);
  const experts = [...new Set(input.experts)].sort();
  const limit = expertLimitProblem(iso3, experts.length, config().MAX_EXPERTS_PER_STATE);
  if (limit) throw new ValidationError(`body.experts: ${limit}`);
  await assertPeopleOf(iso3, focalPoint, input.experts);
  const entry = { ...(focalPoint ? { focalPoint } : {}), experts };
  const { contacts, deadlines, state } = withContacts(r, iso3, entry, now.toISOString());
  const next = nextVersion(r, now, { contacts, deadlines, state });
  const moved = state !== r.state;
  await saveReview(
    next,
    {
      principal: actor,
      now,
      action: 'contacts.name',
      details: {
        state: iso3,
        focalPoint: focalPoint ?? null,
        experts,
        ...(moved ? { from: r.state, to: state } : {}),
      },
    },
    moved
      ? outboxPut(
          stateChanged(next, actor, `Review ${r.reviewId}: contacts named; the review is now ${state}.`, now),
        )
      : [],
  );
  return viewOf(actor, next, now);
};

/** The secretariat moves the review on by a named transition, from the version it read. */
export const transitionReview = async (
  actor: User,
  input: { reviewId: string; expectedVersion: number; transition: Transition },
  { now }: UseCaseContext,
): Promise<ReviewView> => {
  const r = await loadReviewFor(actor, input.reviewId, 'workflow.advance');
  if (r.version !== input.expectedVersion)
    throw new PreconditionFailedError(
      `review ${r.reviewId} is at version ${r.version}, not ${input.expectedVersion}; reload`,
      currentOf(r),
    );
  const dedicated = DEDICATED_ENDPOINTS[input.transition];
  if (dedicated)
    throw new ValidationError(`body.transition: ${input.transition} happens through ${dedicated}`);
  const check = checkTransition(r.state, input.transition);
  if (!check.ok) throw new ConflictError(check.reason, { ...currentOf(r), transition: input.transition });
  const at = now.toISOString();
  const next = nextVersion(r, now, { state: check.to, deadlines: deadlinesAfter(r, input.transition, at) });
  await staleIfConflict(
    saveReview(
      next,
      {
        principal: actor,
        now,
        action: 'workflow.transition',
        details: { transition: input.transition, from: r.state, to: check.to },
      },
      outboxPut(stateChanged(next, actor, `Review ${r.reviewId} moved from ${r.state} to ${check.to}.`, now)),
    ),
  );
  return viewOf(actor, next, now);
};

/** The secretariat extends an unmet deadline (recorded on the deadline and in the audit log). */
export const extendDeadline = async (
  actor: User,
  input: { reviewId: string; kind: DeadlineKind; to: string; reason: string },
  { now }: UseCaseContext,
): Promise<ReviewView> => {
  const r = await loadReviewFor(actor, input.reviewId, 'deadline.extend');
  const current = r.deadlines.find((d) => d.kind === input.kind);
  if (!current)
    throw new ConflictError(`review ${r.reviewId} has no ${input.kind} deadline yet`, currentOf(r));
  if (current.metAt)
    throw new ConflictError(`the ${input.kind} deadline was met on ${current.metAt}`, currentOf(r));
  if (Date.parse(input.to) <= Date.parse(current.due))
    throw new ValidationError(`body.to: must be later than the current due date ${current.due}`);
  const deadlines = extended(
    r.deadlines,
    input.kind,
    new Date(input.to).toISOString(),
    actor.sub,
    input.reason,
  );
  const next = nextVersion(r, now, { deadlines });
  await saveReview(
    next,
    {
      principal: actor,
      now,
      action: 'deadline.extend',
      details: { kind: input.kind, from: current.due, to: input.to, reason: input.reason },
    },
    outboxPut(
      stateChanged(
        next,
        actor,
        `Review ${r.reviewId}: the ${input.kind} deadline now falls on ${input.to.slice(0, 10)}.`,
        now,
      ),
    ),
  );
  return viewOf(actor, next, now);
};
