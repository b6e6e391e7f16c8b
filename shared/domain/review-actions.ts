/**
 * What the caller may do on a review now (`allowedActions` of GET /reviews/{id}): the
 * authorization rule of each action (authz.ts) and the review states in which it is possible,
 * read from the same predicates the use cases check. The web UI offers exactly these, so no
 * workflow rule is restated in web/; the API enforces them regardless.
 *
 * Actions whose answer depends on one object (editing a comment: its author; a redraw: the cycle's
 * window) are decided where that object is shown, not here.
 */
import type { Principal } from '../auth/principal.ts';
import { can, type ReviewAction, type ReviewScope } from './authz.ts';
import { commentingOpen, observationsOpen } from './dialogue.ts';
import type { Iso3 } from './types.ts';
import {
  checkTransition,
  type Deadline,
  type ReviewState,
  selfAssessmentOpen,
  summaryGeneratable,
} from './workflow.ts';

/** The parts of a review the decision reads. */
export interface ReviewFacts extends ReviewScope {
  state: ReviewState;
  deadlines: readonly Deadline[];
  acknowledgements: Readonly<Record<string, unknown>>;
}

/** The transitions the secretariat triggers through POST /reviews/{id}/transitions. */
const ADVANCE_TRANSITIONS = ['start-desk-review', 'start-dialogue'] as const;

const inTransition =
  (t: Parameters<typeof checkTransition>[1]) =>
  (r: ReviewFacts): boolean =>
    checkTransition(r.state, t).ok;

/** When each listed action is possible; an action without a window is possible whenever allowed. */
const WINDOWS = {
  'review.export': () => true,
  'assignment.acknowledge': (r: ReviewFacts, state: Iso3 | null) =>
    state !== null && !r.acknowledgements[state],
  'contacts.name': () => true,
  'deadline.extend': (r: ReviewFacts) => r.deadlines.some((d) => !d.metAt),
  'workflow.advance': (r: ReviewFacts) => ADVANCE_TRANSITIONS.some((t) => checkTransition(r.state, t).ok),
  'draft.write': (r: ReviewFacts) => selfAssessmentOpen(r.state).ok,
  'submission.create': inTransition('submit-self-assessment'),
  'comment.create': (r: ReviewFacts) => commentingOpen(r.state).ok,
  'comment.resolve': (r: ReviewFacts) => commentingOpen(r.state).ok,
  'response.create': (r: ReviewFacts) => commentingOpen(r.state).ok,
  'observations.draft': (r: ReviewFacts) => observationsOpen(r.state).ok,
  'observations.respond': (r: ReviewFacts) => observationsOpen(r.state).ok,
  'observations.finalize': inTransition('agree-observations'),
  'summary.generate': (r: ReviewFacts) => summaryGeneratable(r.state),
  'summary.agree': inTransition('agree-summary'),
  'summary.publish': inTransition('publish'),
} satisfies Partial<Record<ReviewAction, (r: ReviewFacts, state: Iso3 | null) => boolean>>;

export type AllowedAction = keyof typeof WINDOWS;
export const ALLOWED_ACTIONS = Object.keys(WINDOWS) as [AllowedAction, ...AllowedAction[]];

/** The actions `p` may take on the review now, in the order of ALLOWED_ACTIONS. */
export const allowedActions = (p: Principal, r: ReviewFacts): AllowedAction[] => {
  const state = p.kind === 'user' ? (p.state ?? null) : null;
  // Responses go to comments the reviewed State can see; that is what "may respond" means here.
  return ALLOWED_ACTIONS.filter((a) => can(p, a, r, { visibility: 'all' }) && WINDOWS[a](r, state));
};
