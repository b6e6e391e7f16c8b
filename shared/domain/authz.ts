/**
 * The one authorization module: every access decision (role × action × object) is made here.
 * Use cases call `assertCan` with the object they loaded; handlers never hand-roll checks.
 */
import type { Principal } from '../auth/principal.ts';
import { config } from '../config.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';
import type { Iso3 } from './types.ts';

/** The parts of a review that decide access. */
export interface ReviewScope {
  /** Needed for directory people, whose access is per review (`reviewRoles`). */
  reviewId?: string;
  reviewedState: Iso3;
  reviewerStates: readonly Iso3[];
}

/** How the principal relates to a review. */
export type Relation = 'secretariat' | 'observer' | 'reviewed' | 'reviewer' | 'none';

/**
 * The principal as it acts in one review: a directory person acts there in the role they hold in
 * it, and has no part in a review they hold no role in (whatever their State).
 */
const inReview = (p: Principal, review: ReviewScope): Principal | null => {
  if (p.kind !== 'user' || !p.reviewRoles) return p;
  const role = review.reviewId ? p.reviewRoles[review.reviewId] : undefined;
  return role ? { ...p, role } : null;
};

export const relationTo = (principal: Principal, review: ReviewScope): Relation => {
  const p = inReview(principal, review);
  if (p?.kind !== 'user') return 'none';
  if (p.role === 'secretariat') return 'secretariat';
  if (p.role === 'observer') return 'observer';
  if (p.state === review.reviewedState) return 'reviewed';
  if (p.state && review.reviewerStates.includes(p.state)) return 'reviewer';
  return 'none';
};

/** The person a directory action is about. */
export interface PersonScope {
  personId: string;
  state: Iso3 | null;
}

type Rule =
  | { scope: 'global'; allow: (p: Principal) => boolean }
  | { scope: 'review'; allow: (p: Principal, rel: Relation, extra: ActionExtra) => boolean }
  | { scope: 'person'; allow: (p: Principal, subject: PersonScope) => boolean };

export interface ActionExtra {
  /** For comments: who wrote it and who may see it. */
  authorSub?: string;
  visibility?: 'reviewers' | 'all';
  /** For named answers in response reports: the State consented to share them with a set the reader's State is in. */
  sharedWithReader?: boolean;
}

/** The disclosure policy setting (docs/security.md, "What is public by design"). */
const drawDisclosure = (): 'signed-in' | 'secretariat' => config().DRAW_DISCLOSURE;

const isUser = (p: Principal): p is Extract<Principal, { kind: 'user' }> => p.kind === 'user';
const hasRole =
  (...roles: string[]) =>
  (p: Principal): boolean =>
    isUser(p) && roles.includes(p.role);
const isFocalPoint = (p: Principal): boolean => isUser(p) && p.role === 'focal-point';
const isStateUser = (p: Principal): boolean => isUser(p) && (p.role === 'focal-point' || p.role === 'expert');

/**
 * The policy, one line per action. Reading it top to bottom is the authorization matrix
 * (docs/authorization.md is generated from the same table by the matrix test).
 */
export const RULES = {
  // Registry and cycles
  'registry.read': { scope: 'global', allow: isUser },
  'registry.write': { scope: 'global', allow: hasRole('secretariat') },
  'registry.import': { scope: 'global', allow: hasRole('secretariat') },
  // Questionnaires: published versions are read by everyone signed in (the form a State sees);
  // uploads, previews and publishing are the secretariat's.
  'questionnaire.read': { scope: 'global', allow: isUser },
  'questionnaire.manage': { scope: 'global', allow: hasRole('secretariat') },
  // Public by design to every signed-in user: cycles with their seed commitment (it must be seen
  // before the draw) and the revealed secret. Draw records and assignments follow DRAW_DISCLOSURE.
  'cycle.read': { scope: 'global', allow: isUser },
  'draw.read': {
    scope: 'global',
    allow: (p) => (drawDisclosure() === 'signed-in' ? isUser(p) : hasRole('secretariat', 'observer')(p)),
  },
  'cycle.manage': { scope: 'global', allow: hasRole('secretariat') },
  'progress.read': { scope: 'global', allow: hasRole('secretariat', 'observer') },
  'audit.read': { scope: 'global', allow: hasRole('secretariat') },
  'gap-report.read': { scope: 'global', allow: hasRole('secretariat') },
  'summary.batch': { scope: 'global', allow: hasRole('secretariat') },
  // The technical-assistance list: kept by the secretariat (it matches needs with providers).
  'ta-needs.manage': { scope: 'global', allow: hasRole('secretariat') },
  'mailbox.read': { scope: 'global', allow: isUser },
  // Response reports: everyone signed in gets aggregates; country sets are kept by the secretariat.
  'report.read': { scope: 'global', allow: isUser },
  'country-set.read': { scope: 'global', allow: isUser },
  'country-set.manage': { scope: 'global', allow: hasRole('secretariat') },
  'notifications.preferences': { scope: 'global', allow: isUser },
  // Everyone signed in keeps their own settings (the interface language); nobody reads another's.
  'preferences.own': { scope: 'global', allow: isUser },
  // The directory: the secretariat registers, invites, approves, hands over and deactivates.
  'people.manage': { scope: 'global', allow: hasRole('secretariat') },
  'nominations.read': { scope: 'global', allow: hasRole('secretariat') },
  // A person reads their own profile; a State's people read each other's (to name contacts).
  'person.read': {
    scope: 'person',
    allow: (p, x) =>
      hasRole('secretariat')(p) ||
      (isUser(p) && (p.person ?? p.sub) === x.personId) ||
      (isStateUser(p) && isUser(p) && x.state !== null && p.state === x.state),
  },

  // The public pages (review status, findings): open to everyone, signed in or not; what they
  // show is limited by the use cases to published summaries and workflow stages.
  'public.read': { scope: 'global', allow: () => true },

  // One review
  'review.read': { scope: 'review', allow: (_p, rel) => rel !== 'none' },
  'assignment.acknowledge': { scope: 'review', allow: (p, rel) => rel === 'reviewer' && isFocalPoint(p) },
  'redraw.request': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isFocalPoint(p) },
  'deadline.extend': { scope: 'review', allow: (_p, rel) => rel === 'secretariat' },
  'workflow.advance': { scope: 'review', allow: (_p, rel) => rel === 'secretariat' },
  'contacts.name': {
    scope: 'review',
    allow: (p, rel) =>
      rel === 'secretariat' ||
      (rel === 'reviewed' && isFocalPoint(p)) ||
      (rel === 'reviewer' && isFocalPoint(p)),
  },

  // Self-assessment: drafts only by the reviewed State; submissions also by reviewers and secretariat.
  'draft.read': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isStateUser(p) },
  'draft.write': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isStateUser(p) },
  'submission.create': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isFocalPoint(p) },
  'submission.read': {
    scope: 'review',
    allow: (_p, rel) => rel === 'reviewed' || rel === 'reviewer' || rel === 'secretariat',
  },

  // Dialogue
  'comment.read': {
    scope: 'review',
    allow: (_p, rel, x) =>
      rel === 'reviewer' || rel === 'secretariat' || (rel === 'reviewed' && x.visibility === 'all'),
  },
  'comment.create': { scope: 'review', allow: (p, rel) => rel === 'reviewer' && isStateUser(p) },
  'comment.edit': {
    scope: 'review',
    allow: (p, rel, x) => rel === 'reviewer' && isUser(p) && p.sub === x.authorSub,
  },
  'comment.delete': {
    scope: 'review',
    allow: (p, rel, x) => rel === 'secretariat' || (rel === 'reviewer' && isUser(p) && p.sub === x.authorSub),
  },
  'comment.resolve': { scope: 'review', allow: (p, rel) => rel === 'reviewer' && isStateUser(p) },
  'response.create': {
    scope: 'review',
    allow: (p, rel, x) => rel === 'reviewed' && isStateUser(p) && x.visibility === 'all',
  },
  'seen.mark': { scope: 'review', allow: (_p, rel) => rel !== 'none' && rel !== 'observer' },

  // List of observations
  'observations.read': {
    scope: 'review',
    allow: (_p, rel) => rel === 'reviewed' || rel === 'reviewer' || rel === 'secretariat',
  },
  'observations.draft': { scope: 'review', allow: (p, rel) => rel === 'reviewer' && isStateUser(p) },
  'observations.respond': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isStateUser(p) },
  'observations.finalize': {
    scope: 'review',
    allow: (p, rel) =>
      rel === 'secretariat' || ((rel === 'reviewed' || rel === 'reviewer') && isFocalPoint(p)),
  },

  // Follow-up of earlier observations: the State reports, the reviewing States of the article's
  // instrument confirm or dispute (use cases check verdicts against that instrument's scope).
  'follow-up.read': {
    scope: 'review',
    allow: (_p, rel) => rel === 'reviewed' || rel === 'reviewer' || rel === 'secretariat',
  },
  'follow-up.report': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isStateUser(p) },
  'follow-up.verdict': { scope: 'review', allow: (p, rel) => rel === 'reviewer' && isStateUser(p) },

  // Summaries
  'summary.read-draft': {
    scope: 'review',
    allow: (_p, rel) => rel === 'reviewed' || rel === 'reviewer' || rel === 'secretariat',
  },
  'summary.generate': {
    scope: 'review',
    allow: (p, rel) => rel === 'secretariat' || (rel === 'reviewer' && isStateUser(p)),
  },
  'summary.agree': { scope: 'review', allow: (p, rel) => rel === 'reviewed' && isFocalPoint(p) },
  'summary.publish': { scope: 'review', allow: (_p, rel) => rel === 'secretariat' },

  // One State's answers in response reports (the "review" is the answering State: reviewed = own State).
  'answers.read-named': {
    scope: 'review',
    allow: (p, rel, x) =>
      rel === 'secretariat' ||
      (rel === 'reviewed' && isStateUser(p)) ||
      (x.sharedWithReader === true && isStateUser(p)),
  },
  'consent.manage': {
    scope: 'review',
    allow: (p, rel) => rel === 'secretariat' || (rel === 'reviewed' && isFocalPoint(p)),
  },

  // What a State shows on the public review-status page (the "review" is the State: reviewed = own).
  'public-contact.manage': {
    scope: 'review',
    allow: (p, rel) => rel === 'secretariat' || (rel === 'reviewed' && isFocalPoint(p)),
  },

  'review.export': {
    scope: 'review',
    allow: (p, rel) => rel === 'secretariat' || (rel === 'reviewed' && isFocalPoint(p)),
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export type GlobalAction = { [K in Action]: (typeof RULES)[K]['scope'] extends 'global' ? K : never }[Action];
export type PersonAction = { [K in Action]: (typeof RULES)[K]['scope'] extends 'person' ? K : never }[Action];
export type ReviewAction = Exclude<Action, GlobalAction | PersonAction>;

export function can(p: Principal, action: GlobalAction): boolean;
export function can(p: Principal, action: PersonAction, subject: PersonScope): boolean;
export function can(p: Principal, action: ReviewAction, review: ReviewScope, extra?: ActionExtra): boolean;
export function can(
  p: Principal,
  action: Action,
  review?: ReviewScope | PersonScope,
  extra: ActionExtra = {},
): boolean {
  const rule: Rule = RULES[action];
  if (rule.scope === 'global') return rule.allow(p);
  if (!review) return false;
  if (rule.scope === 'person') return 'personId' in review && rule.allow(p, review);
  if (!('reviewedState' in review)) return false;
  const acting = inReview(p, review);
  return acting ? rule.allow(acting, relationTo(p, review), extra) : false;
}

/** Throws 401 for anonymous callers and 403 for signed-in callers who may not act. */
export function assertCan(p: Principal, action: GlobalAction): void;
export function assertCan(p: Principal, action: PersonAction, subject: PersonScope): void;
export function assertCan(p: Principal, action: ReviewAction, review: ReviewScope, extra?: ActionExtra): void;
export function assertCan(
  p: Principal,
  action: Action,
  review?: ReviewScope | PersonScope,
  extra?: ActionExtra,
): void {
  const allowed = !review
    ? can(p, action as GlobalAction)
    : 'personId' in review
      ? can(p, action as PersonAction, review)
      : can(p, action as ReviewAction, review, extra);
  if (allowed) return;
  if (p.kind !== 'user') throw new UnauthorizedError('sign-in required');
  throw new ForbiddenError(`not allowed: ${action}`);
}
