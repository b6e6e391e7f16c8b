/**
 * The review workflow, deadlines, acknowledgements, contacts, audit and notifications. Every
 * mutation goes through `saveReview` (conditional on the version read, audit entry in the same
 * transaction) and queues its notifications in that same transaction (`outboxPut`).
 */
import type { Principal } from '../auth/principal.ts';
import { config } from '../config.ts';
import { assertCan, can, relationTo } from '../domain/authz.ts';
import { contactsComplete, expertLimitProblem, namingOverdue, withContacts } from '../domain/contacts.ts';
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError } from '../domain/errors.ts';
import { isNamingKind } from '../domain/naming-reminders.ts';
import {
  DEFAULT_NOTIFICATION_POLICY,
  DEFAULT_PREFERENCES,
  mailboxesOf,
  type NotificationPolicy,
  planDelivery,
  reminderId,
  reminderText,
  subjectOf,
} from '../domain/notifications.ts';
import { nextVersion, type Review } from '../domain/review.ts';
import { allowedActions, tasksFor } from '../domain/review-actions.ts';
import type { Iso3 } from '../domain/types.ts';
import {
  checkTransition,
  DEADLINE_PRESETS,
  type Deadline,
  type DeadlineKind,
  extendDeadline,
  feedbackDeadline,
  isOverdue,
  markMet,
  type Reminder,
  remindersDue,
  type Transition,
} from '../domain/workflow.ts';
import type { Operations, User } from '../http/operation.ts';
import type { ReviewView } from '../http/routes/reviews.ts';
import { logger } from '../logger.ts';
import { auditScope, listAudit } from '../repos/audit.ts';
import {
  getPreferences,
  getPreferencesOf,
  getReadMarker,
  listMailbox,
  listOpenReviews,
  mailboxTransport,
  putPreferences,
  setReadMarker,
  type Transport,
  unreadMessages,
} from '../repos/notifications.ts';
import {
  deferItem,
  deliverToMailbox,
  enqueue,
  listPending,
  type OutboxInput,
  outboxPut,
  skipItem,
} from '../repos/outbox.ts';
import { peopleDirectory, recordPerson } from '../repos/people.ts';
import { saveReview } from '../repos/reviews.ts';
import { getLiveReview, liveCycleReviews, liveOnly, loadReviewFor } from './review-access.ts';
import { staleIfConflict } from './versioning.ts';

const missingAcknowledgements = (r: Review): Iso3[] =>
  r.reviewerStates.filter((s) => !r.acknowledgements[s]).sort();

const overdueKinds = (r: Review, now: Date): DeadlineKind[] =>
  r.deadlines.filter((d) => isOverdue(d, now)).map((d) => d.kind);

const viewOf = (p: Principal, r: Review, now: Date): ReviewView => {
  const rel = relationTo(p, r);
  if (rel === 'none') throw new ForbiddenError('no part in this review');
  return {
    ...r,
    relation: rel,
    overdue: overdueKinds(r, now),
    missingAcknowledgements: missingAcknowledgements(r),
    allowedActions: allowedActions(p, r),
    tasks: tasksFor(p, r),
  };
};

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

const currentOf = (r: Review) => ({ current: { state: r.state, version: r.version } });

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

/** Throws unless the ISO 8601 text is a real instant (zod checks the shape only). */
const AUDIT_CURSOR = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f-]{36}$/;
const encodeCursor = (sk: string): string => Buffer.from(sk, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!AUDIT_CURSOR.test(sk)) throw new ValidationError('query.cursor: not a cursor this endpoint returned');
  return sk;
};

export const reviewsOperations: Operations<'reviews'> = {
  listMyReviews: async ({ actor, principal, query, now }) => {
    assertCan(principal, 'cycle.read');
    const user = actor;
    // The dashboard is where a signed-in person lands: from then on they can be named a contact.
    await recordPerson(user);
    const reviews = (await liveCycleReviews(query.cycleId)).filter((r) => can(principal, 'review.read', r));
    const readUpTo = await getReadMarker(user.sub);
    const unread = reviews.length > 0 ? await unreadMessages(mailboxesOf(user), readUpTo) : [];
    return {
      body: {
        reviews: reviews
          .sort((a, b) => a.reviewId.localeCompare(b.reviewId))
          .map((r) => {
            const view = viewOf(principal, r, now);
            const next = r.deadlines.filter((d) => !d.metAt).sort((a, b) => a.due.localeCompare(b.due))[0];
            return {
              reviewId: r.reviewId,
              cycleId: r.cycleId,
              reviewedState: r.reviewedState,
              reviewerStates: r.reviewerStates,
              relation: view.relation,
              state: r.state,
              version: r.version,
              updatedAt: r.updatedAt,
              nextDeadline: next ? { kind: next.kind, due: next.due } : null,
              overdue: view.overdue,
              acknowledgementNeeded:
                view.relation === 'reviewer' && user.state !== null && !r.acknowledgements[user.state],
              missingAcknowledgements: view.missingAcknowledgements,
              unreadNotifications: unread.filter((m) => m.reviewIds.includes(r.reviewId)).length,
              tasks: view.tasks,
            };
          }),
      },
    };
  },

  getReview: async ({ principal, params, now }) => {
    const r = await loadReviewFor(principal, params.reviewId, 'review.read');
    return { body: viewOf(principal, r, now) };
  },

  acknowledgeAssignment: async ({ actor, principal, params, now }) => {
    const r = await loadReviewFor(principal, params.reviewId, 'assignment.acknowledge');
    const user = actor;
    const iso3 = user.state;
    if (!iso3) throw new ForbiddenError('only a State can acknowledge its assignment');
    if (r.acknowledgements[iso3]) return { status: 200, body: viewOf(principal, r, now) };
    const at = now.toISOString();
    const next = nextVersion(r, now, {
      acknowledgements: { ...r.acknowledgements, [iso3]: { by: user.sub, at } },
    });
    await saveReview(
      next,
      { principal, now, action: 'assignment.acknowledge', details: { state: iso3 } },
      outboxPut({
        kind: 'assignment',
        review: next,
        audience: { to: 'users', subs: [] },
        secretariat: true,
        text: `${iso3} acknowledged its assignment as a reviewing State of ${r.reviewedState}.`,
        now,
        actorSub: user.sub,
      }),
    );
    return { status: 201, body: viewOf(principal, next, now) };
  },

  nameContacts: async ({ actor, principal, params, body, now }) => {
    const r = await loadReviewFor(principal, params.reviewId, 'contacts.name');
    const user = actor;
    const iso3 = user.role === 'secretariat' ? body.state : (body.state ?? user.state);
    if (!iso3) throw new ValidationError('body.state: required when the secretariat names contacts');
    if (user.role !== 'secretariat' && iso3 !== user.state)
      throw new ForbiddenError('a focal point names the contacts of their own State only');
    if (iso3 !== r.reviewedState && !r.reviewerStates.includes(iso3))
      throw new ValidationError(`body.state: ${iso3} takes no part in review ${r.reviewId}`);
    const focalPoint = body.focalPoint ?? (user.role === 'focal-point' ? user.sub : undefined);
    const experts = [...new Set(body.experts)].sort();
    const limit = expertLimitProblem(iso3, experts.length, config().MAX_EXPERTS_PER_STATE);
    if (limit) throw new ValidationError(`body.experts: ${limit}`);
    await assertPeopleOf(iso3, focalPoint, body.experts);
    const entry = { ...(focalPoint ? { focalPoint } : {}), experts };
    const { contacts, deadlines, state } = withContacts(r, iso3, entry, now.toISOString());
    const next = nextVersion(r, now, { contacts, deadlines, state });
    await saveReview(
      next,
      {
        principal,
        now,
        action: 'contacts.name',
        details: {
          state: iso3,
          focalPoint: focalPoint ?? null,
          experts,
          ...(state !== r.state ? { from: r.state, to: state } : {}),
        },
      },
      state !== r.state
        ? outboxPut(
            stateChanged(
              next,
              user,
              `Review ${r.reviewId}: contacts named; the review is now ${state}.`,
              now,
            ),
          )
        : [],
    );
    return { body: viewOf(principal, next, now) };
  },

  transitionReview: async ({ actor, principal, params, body, expectedVersion, now }) => {
    const r = await loadReviewFor(principal, params.reviewId, 'workflow.advance');
    const user = actor;
    if (r.version !== expectedVersion)
      throw new PreconditionFailedError(
        `review ${r.reviewId} is at version ${r.version}, not ${expectedVersion}; reload`,
        currentOf(r),
      );
    const dedicated = DEDICATED_ENDPOINTS[body.transition];
    if (dedicated)
      throw new ValidationError(`body.transition: ${body.transition} happens through ${dedicated}`);
    const check = checkTransition(r.state, body.transition);
    if (!check.ok) throw new ConflictError(check.reason, { ...currentOf(r), transition: body.transition });
    const at = now.toISOString();
    const next = nextVersion(r, now, { state: check.to, deadlines: deadlinesAfter(r, body.transition, at) });
    await staleIfConflict(
      saveReview(
        next,
        {
          principal,
          now,
          action: 'workflow.transition',
          details: { transition: body.transition, from: r.state, to: check.to },
        },
        outboxPut(
          stateChanged(next, user, `Review ${r.reviewId} moved from ${r.state} to ${check.to}.`, now),
        ),
      ),
    );
    return { body: viewOf(principal, next, now) };
  },

  extendDeadline: async ({ actor, principal, params, body, now }) => {
    const r = await loadReviewFor(principal, params.reviewId, 'deadline.extend');
    const user = actor;
    const current = r.deadlines.find((d) => d.kind === params.kind);
    if (!current)
      throw new ConflictError(`review ${r.reviewId} has no ${params.kind} deadline yet`, currentOf(r));
    if (current.metAt)
      throw new ConflictError(`the ${params.kind} deadline was met on ${current.metAt}`, currentOf(r));
    if (Date.parse(body.to) <= Date.parse(current.due))
      throw new ValidationError(`body.to: must be later than the current due date ${current.due}`);
    const deadlines = extendDeadline(
      r.deadlines,
      params.kind,
      new Date(body.to).toISOString(),
      user.sub,
      body.reason,
    );
    const next = nextVersion(r, now, { deadlines });
    await saveReview(
      next,
      {
        principal,
        now,
        action: 'deadline.extend',
        details: { kind: params.kind, from: current.due, to: body.to, reason: body.reason },
      },
      outboxPut(
        stateChanged(
          next,
          user,
          `Review ${r.reviewId}: the ${params.kind} deadline now falls on ${body.to.slice(0, 10)}.`,
          now,
        ),
      ),
    );
    return { status: 201, body: viewOf(principal, next, now) };
  },

  listOverdue: async ({ principal, params, now }) => {
    assertCan(principal, 'progress.read');
    const reviews = await liveCycleReviews(params.cycleId);
    const entries = reviews
      .map((r) => ({
        reviewId: r.reviewId,
        reviewedState: r.reviewedState,
        state: r.state,
        overdue: r.deadlines
          .filter((d) => isOverdue(d, now))
          .map((d) => ({
            kind: d.kind,
            due: d.due,
            daysLate: Math.floor((now.getTime() - Date.parse(d.due)) / 86_400_000),
          })),
        missingAcknowledgements: missingAcknowledgements(r),
        missingContacts: [r.reviewedState, ...r.reviewerStates].filter(
          (s) => !contactsComplete(r.contacts[s]),
        ),
        // Every participating State names its people within the deadlines, reviewing States too.
        namingOverdue: namingOverdue(r, now),
      }))
      .filter(
        (e) =>
          e.overdue.length > 0 ||
          e.missingAcknowledgements.length > 0 ||
          e.missingContacts.length > 0 ||
          e.namingOverdue.length > 0,
      )
      .sort((a, b) => a.reviewId.localeCompare(b.reviewId));
    return { body: { cycleId: params.cycleId, asOf: now.toISOString(), reviews: entries } };
  },

  listReviewAudit: async ({ principal, params, query }) => {
    assertCan(principal, 'audit.read');
    await getLiveReview(params.reviewId);
    const page = await listAudit(auditScope.review(params.reviewId), {
      limit: query.limit,
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    return { body: { entries: page.entries, ...(page.cursor ? { cursor: encodeCursor(page.cursor) } : {}) } };
  },

  getNotificationPreferences: async ({ actor, principal }) => {
    assertCan(principal, 'notifications.preferences');
    return { body: await getPreferences(actor.sub) };
  },

  putNotificationPreferences: async ({ actor, principal, body, now }) => {
    assertCan(principal, 'notifications.preferences');
    // Only the kinds given change, merged atomically with concurrent changes of the others.
    return { body: await putPreferences(actor.sub, body, now) };
  },

  listMyNotifications: async ({ actor, principal, query }) => {
    assertCan(principal, 'mailbox.read');
    const user = actor;
    const [messages, readUpTo] = await Promise.all([
      listMailbox(mailboxesOf(user), { limit: query.limit, before: query.before }),
      getReadMarker(user.sub),
    ]);
    return {
      body: {
        messages: messages.map((m) => ({ ...m, unread: readUpTo === null || m.deliveredAt > readUpTo })),
        readUpTo,
      },
    };
  },

  markNotificationsRead: async ({ actor, principal, body, now }) => {
    assertCan(principal, 'mailbox.read');
    const upTo = body.upTo ? new Date(body.upTo).toISOString() : now.toISOString();
    return { body: { readUpTo: await setReadMarker(actor.sub, upTo) } };
  },
};

// --- scheduled work --------------------------------------------------------------------------

export interface DeliveryReport {
  messages: number;
  items: number;
  skipped: number;
  deferred: number;
  /** Deliveries another run claimed first (nothing written by this one). */
  lostRaces: number;
  /** External sends that failed (the message stays in the in-app mailbox). */
  transportFailures: number;
}

/**
 * Delivers what is due in the outbox: per recipient and preference, one message per run for
 * immediate items, one digest per day for digest items, nothing for kinds turned off. Safe to
 * run concurrently: every item is claimed by a conditional update with its message.
 */
export const deliverOutbox = async (
  now: Date,
  transport: Transport = mailboxTransport,
  policy: NotificationPolicy = DEFAULT_NOTIFICATION_POLICY,
): Promise<DeliveryReport> => {
  const pending = await listPending(now);
  const report: DeliveryReport = {
    messages: 0,
    items: 0,
    skipped: 0,
    deferred: 0,
    lostRaces: 0,
    transportFailures: 0,
  };
  if (pending.length === 0) return report;
  const prefs = await getPreferencesOf(pending.map((p) => p.recipient));
  const plan = planDelivery(pending, (sub) => prefs.get(sub) ?? DEFAULT_PREFERENCES, now, policy);
  for (const item of plan.skipped) if (await skipItem(item, now)) report.skipped += 1;
  for (const { item, until } of plan.deferred) if (await deferItem(item, until)) report.deferred += 1;
  for (const d of plan.deliveries) {
    const message = await deliverToMailbox(
      d.recipient,
      d.mode,
      subjectOf(d.mode, d.items),
      d.items,
      now,
      transport.name,
      policy,
    );
    if (!message) {
      report.lostRaces += 1;
      continue;
    }
    report.messages += 1;
    report.items += d.items.length;
    try {
      await transport.send(message);
    } catch (err) {
      report.transportFailures += 1;
      logger.error('notification transport failed; the message stays in the in-app mailbox', {
        transport: transport.name,
        messageId: message.messageId,
        err,
      });
    }
  }
  return report;
};

/** Which States a deadline concerns: the reviewed State's steps, or the reviewers' feedback. */
const audienceOfDeadline = (kind: DeadlineKind) =>
  kind === 'feedback' ? ({ to: 'reviewers' } as const) : ({ to: 'reviewed' } as const);

/**
 * Queues deadline reminders for every open review: for each unmet deadline, the latest reminder
 * due now (earlier ones that were never sent are dropped rather than sent in a burst). Each
 * reminder has a deterministic id, so a second sweep on the same day queues nothing new.
 * Missed deadlines also go to the secretariat.
 */
export const queueReminders = async (now: Date): Promise<{ queued: number; reviews: number }> => {
  const reviews = await liveOnly(await listOpenReviews());
  let queued = 0;
  for (const r of reviews) {
    const policy = DEADLINE_PRESETS[r.mechanism];
    const latest = new Map<DeadlineKind, Reminder>();
    for (const rem of remindersDue(r.deadlines, policy, now)) {
      // Before a naming deadline every State is reminded per State (people/naming-reminders.ts).
      if (rem.offsetDays < 0 && isNamingKind(rem.kind)) continue;
      const prior = latest.get(rem.kind);
      if (!prior || prior.at < rem.at) latest.set(rem.kind, rem);
    }
    for (const rem of latest.values()) {
      queued += await enqueue(
        outboxPut({
          kind: rem.offsetDays < 0 ? 'deadline-approaching' : 'deadline-missed',
          review: r,
          audience: audienceOfDeadline(rem.kind),
          secretariat: rem.offsetDays > 0,
          text: `Review ${r.reviewId}: ${reminderText(rem.kind, rem.due, rem.offsetDays)}`,
          now,
          outboxId: reminderId(r.reviewId, rem.kind, rem.offsetDays, rem.due),
        }),
      );
    }
  }
  return { queued, reviews: reviews.length };
};
