/**
 * The life of one country review, as an explicit state machine with deadlines from the
 * mechanism preset. Pure: the repository guards each transition with a conditional write on the
 * state it read, so an invalid or concurrent transition is rejected with the current state.
 */
import * as z from 'zod';
import type { Mechanism } from './types.ts';

export const REVIEW_STATES = [
  'assigned',
  'contacts-named',
  'self-assessment-submitted',
  'desk-review',
  'dialogue',
  'observations-agreed',
  'summary-agreed',
  'published',
] as const;
export const ReviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/**
 * When a reviewed State may still have a reviewer redrawn. DOMAIN.md gives no rule; the default
 * closes redraws when the desk review starts, so a new reviewer never inherits a dialogue under
 * way. A policy setting of the cycle.
 */
export const RedrawWindowSchema = z.object({
  /** Redraws are requested and confirmed only while the review is in an earlier state. */
  closesAt: ReviewStateSchema,
});
export type RedrawWindow = z.infer<typeof RedrawWindowSchema>;
const DEFAULT_REDRAW_WINDOW: RedrawWindow = { closesAt: 'desk-review' };

/** Null when a redraw is allowed in `state`, else the reason (naming the rule). */
export const redrawRefusal = (state: ReviewState, w: RedrawWindow = DEFAULT_REDRAW_WINDOW): string | null =>
  REVIEW_STATES.indexOf(state) < REVIEW_STATES.indexOf(w.closesAt)
    ? null
    : `redraws are accepted only before the ${w.closesAt === 'desk-review' ? 'desk review starts' : `review reaches ${w.closesAt}`} (cycle policy redrawWindow.closesAt = ${w.closesAt}); the review is ${state}`;

/** Steps with a due date, measured from an anchor event. */
const DEADLINE_KINDS = ['focal-point', 'experts', 'self-assessment', 'feedback'] as const;
export const DeadlineKindSchema = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

export const DeadlinePolicySchema = z.object({
  /** Days from the start of the review (the confirmed draw) to name the focal point. */
  focalPointDays: z.number().int().positive(),
  expertsDays: z.number().int().positive(),
  selfAssessmentDays: z.number().int().positive(),
  /** Days from the self-assessment submission for the reviewers' written feedback. */
  feedbackDays: z.number().int().positive(),
  /** Reminders this many days before a due date, and after it while it stays missed. */
  remindBeforeDays: z.array(z.number().int().positive()),
  remindAfterDays: z.array(z.number().int().positive()),
  /**
   * A self-assessment submitted after its deadline: `accept-and-record` (accepted, the version
   * recorded and shown as late) or `refuse` (409). *Unconfirmed* (no rule found): accepting is
   * the default, since reviews start and run late in practice; never silent either way.
   */
  lateSubmissions: z.enum(['accept-and-record', 'refuse']).default('accept-and-record'),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;

/**
 * Deadlines per preset. UNTOC from resolution 9/1 (2 weeks, 4 weeks, 6 months, 6 months); the
 * UNCAC and UPR figures are not given in DOMAIN.md, so they reuse the UNTOC ones as a default the
 * secretariat can change when creating a cycle.
 */
export const DEADLINE_PRESETS: Record<Mechanism, DeadlinePolicy> = {
  untoc: {
    focalPointDays: 14,
    expertsDays: 28,
    selfAssessmentDays: 182,
    feedbackDays: 182,
    remindBeforeDays: [7, 1],
    remindAfterDays: [1, 7],
    lateSubmissions: 'accept-and-record',
  },
  uncac: {
    focalPointDays: 14,
    expertsDays: 28,
    selfAssessmentDays: 182,
    feedbackDays: 182,
    remindBeforeDays: [7, 1],
    remindAfterDays: [1, 7],
    lateSubmissions: 'accept-and-record',
  },
  'upr-troika': {
    focalPointDays: 14,
    expertsDays: 28,
    selfAssessmentDays: 182,
    feedbackDays: 182,
    remindBeforeDays: [7, 1],
    remindAfterDays: [1, 7],
    lateSubmissions: 'accept-and-record',
  },
};

export const DeadlineSchema = z.object({
  kind: DeadlineKindSchema,
  due: z.iso.datetime(),
  /** Set when the step is done; a met deadline is never overdue. */
  metAt: z.iso.datetime().optional(),
  extensions: z.array(
    z.object({ from: z.iso.datetime(), to: z.iso.datetime(), by: z.string(), reason: z.string() }),
  ),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** Named transitions: who triggers them is decided by authz; here only what is allowed when. */
export const TRANSITIONS = {
  'name-contacts': { from: ['assigned'], to: 'contacts-named' },
  'submit-self-assessment': {
    from: ['contacts-named', 'self-assessment-submitted'],
    to: 'self-assessment-submitted',
  },
  'start-desk-review': { from: ['self-assessment-submitted'], to: 'desk-review' },
  'start-dialogue': { from: ['desk-review'], to: 'dialogue' },
  'agree-observations': { from: ['dialogue'], to: 'observations-agreed' },
  'agree-summary': { from: ['observations-agreed'], to: 'summary-agreed' },
  publish: { from: ['summary-agreed'], to: 'published' },
} as const satisfies Record<string, { from: readonly ReviewState[]; to: ReviewState }>;
export type Transition = keyof typeof TRANSITIONS;
export const TransitionSchema = z.enum(Object.keys(TRANSITIONS) as [Transition, ...Transition[]]);

export type TransitionCheck = { ok: true; to: ReviewState } | { ok: false; reason: string };

export const checkTransition = (current: ReviewState, t: Transition): TransitionCheck => {
  const rule = TRANSITIONS[t];
  if ((rule.from as readonly ReviewState[]).includes(current)) return { ok: true, to: rule.to };
  return {
    ok: false,
    reason: `cannot ${t} while the review is ${current} (allowed from: ${rule.from.join(', ')})`,
  };
};

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** Deadlines that start when the review starts (the draw is confirmed). */
export const initialDeadlines = (startedAt: string, p: DeadlinePolicy): Deadline[] => [
  { kind: 'focal-point', due: addDays(startedAt, p.focalPointDays), extensions: [] },
  { kind: 'experts', due: addDays(startedAt, p.expertsDays), extensions: [] },
  { kind: 'self-assessment', due: addDays(startedAt, p.selfAssessmentDays), extensions: [] },
];

/** The feedback deadline opens when the self-assessment is first submitted. */
export const feedbackDeadline = (submittedAt: string, p: DeadlinePolicy): Deadline => ({
  kind: 'feedback',
  due: addDays(submittedAt, p.feedbackDays),
  extensions: [],
});

export const markMet = (deadlines: readonly Deadline[], kind: DeadlineKind, at: string): Deadline[] =>
  deadlines.map((d) => (d.kind === kind && !d.metAt ? { ...d, metAt: at } : d));

export const extendDeadline = (
  deadlines: readonly Deadline[],
  kind: DeadlineKind,
  to: string,
  by: string,
  reason: string,
): Deadline[] => {
  const current = deadlines.find((d) => d.kind === kind);
  if (!current) throw new Error(`no ${kind} deadline on this review yet`);
  if (Date.parse(to) <= Date.parse(current.due)) throw new Error('an extension must move the due date later');
  return deadlines.map((d) =>
    d.kind === kind ? { ...d, due: to, extensions: [...d.extensions, { from: d.due, to, by, reason }] } : d,
  );
};

/** How late a step done at `at` is against its deadline's (extended) due date. */
export const LatenessSchema = z.object({ due: z.iso.datetime(), daysLate: z.number().int().positive() });
export type Lateness = z.infer<typeof LatenessSchema>;

/** Null when done on time (or the review has no such deadline). Days late are started days. */
export const latenessOf = (
  deadlines: readonly Deadline[],
  kind: DeadlineKind,
  at: string,
): Lateness | null => {
  const d = deadlines.find((x) => x.kind === kind);
  const ms = d ? Date.parse(at) - Date.parse(d.due) : 0;
  if (!d || ms <= 0) return null;
  return { due: d.due, daysLate: Math.ceil(ms / 86_400_000) };
};

/**
 * Review states in which the reviewed State's self-assessment (drafts, attachments) may still
 * change: until the summary is agreed. Attachments stay open through the dialogue, where they
 * are given with responses.
 */
const SELF_ASSESSMENT_OPEN_STATES: readonly ReviewState[] = REVIEW_STATES.slice(
  0,
  REVIEW_STATES.indexOf('summary-agreed'),
);

export const selfAssessmentOpen = (state: ReviewState): { ok: true } | { ok: false; reason: string } =>
  SELF_ASSESSMENT_OPEN_STATES.includes(state)
    ? { ok: true }
    : {
        ok: false,
        reason: `the self-assessment is closed while the review is ${state}: drafts and attachments change only while it is ${SELF_ASSESSMENT_OPEN_STATES.join(', ')}`,
      };

export const isOverdue = (d: Deadline, now: Date): boolean => !d.metAt && Date.parse(d.due) < now.getTime();

export interface Reminder {
  kind: DeadlineKind;
  due: string;
  /** Negative: days before the due date; positive: days after it. */
  offsetDays: number;
  at: string;
}

/** Reminders due at `now` for unmet deadlines, each identified so it is sent once. */
export const remindersDue = (deadlines: readonly Deadline[], p: DeadlinePolicy, now: Date): Reminder[] => {
  const out: Reminder[] = [];
  for (const d of deadlines) {
    if (d.metAt) continue;
    const offsets = [...p.remindBeforeDays.map((n) => -n), ...p.remindAfterDays];
    for (const offsetDays of offsets) {
      const at = addDays(d.due, offsetDays);
      if (Date.parse(at) <= now.getTime()) out.push({ kind: d.kind, due: d.due, offsetDays, at });
    }
  }
  return out;
};

/** A summary is drafted (and regenerated) from the agreed list of observations, before it is agreed. */
export const summaryGeneratable = (state: ReviewState): boolean => state === 'observations-agreed';
