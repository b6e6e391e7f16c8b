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
  type DeadlineKind,
  type ReviewState,
  selfAssessmentOpen,
  summaryGeneratable,
} from './workflow.ts';

/** The parts of a review the decision reads. */
export interface ReviewFacts extends ReviewScope {
  state: ReviewState;
  deadlines: readonly Deadline[];
  acknowledgements: Readonly<Record<string, unknown>>;
  contacts: Readonly<Record<string, { experts: readonly string[] } | undefined>>;
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

/**
 * The caller's task list ("what I must do next, by when"): the allowed actions that are work
 * still to do, each with the deadline it answers (when it has one and it is not met), soonest
 * first. Reading and optional actions (exporting, extending a deadline, resolving) are not tasks.
 */
const TASKS: Partial<
  Record<
    AllowedAction,
    { deadline?: DeadlineKind; pending?: (r: ReviewFacts, state: Iso3 | null) => boolean }
  >
> = {
  'assignment.acknowledge': {},
  'contacts.name': {
    deadline: 'experts',
    // The caller's State has named no expert while the deadline for naming them runs.
    pending: (r, state) =>
      state !== null &&
      !r.contacts[state]?.experts.length &&
      r.deadlines.some((d) => d.kind === 'experts' && !d.metAt),
  },
  'submission.create': { deadline: 'self-assessment', pending: (r) => !metDeadline(r, 'self-assessment') },
  'comment.create': { deadline: 'feedback', pending: (r) => !metDeadline(r, 'feedback') },
  'observations.respond': {},
  'observations.finalize': {},
  'workflow.advance': {},
  'summary.generate': {},
  'summary.agree': {},
  'summary.publish': {},
};

const metDeadline = (r: ReviewFacts, kind: DeadlineKind): boolean =>
  r.deadlines.some((d) => d.kind === kind && d.metAt !== undefined);

export interface Task {
  action: AllowedAction;
  deadline?: DeadlineKind;
  due?: string;
}

export const tasksFor = (p: Principal, r: ReviewFacts, allowed = allowedActions(p, r)): Task[] => {
  const state = p.kind === 'user' ? (p.state ?? null) : null;
  const tasks = allowed.flatMap((action): Task[] => {
    const t = TASKS[action];
    if (!t || (t.pending && !t.pending(r, state))) return [];
    const d = t.deadline ? r.deadlines.find((x) => x.kind === t.deadline && !x.metAt) : undefined;
    return [{ action, ...(d ? { deadline: d.kind, due: d.due } : {}) }];
  });
  // Soonest due first; tasks without a date keep their order, after the dated ones.
  const order = (t: Task) => t.due ?? '9999';
  return tasks.sort((a, b) => order(a).localeCompare(order(b)));
};
