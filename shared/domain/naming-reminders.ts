/**
 * Reminders to name a focal point and governmental experts, pure. Every participating State,
 * reviewing States included (DOMAIN.md), that has not named them is reminded twice per deadline:
 * `lead` days before it (NAMING_REMINDER_LEAD_DAYS) and in its last day. Each reminder
 * has an id per review, State, deadline kind, due date and stage, so it is queued at most once;
 * an extended deadline (a new due date) is reminded afresh. After the due date the overdue list
 * and the deadline-missed reminders (workflow.ts `remindersDue`) take over.
 */
import type { Iso3 } from './types.ts';
import type { Deadline } from './workflow.ts';

/**
 * DOMAIN.md gives no lead time for these reminders: one week before, the first reminder the
 * deadline presets send too (workflow.ts `remindBeforeDays`). A policy setting.
 */
export const DEFAULT_NAMING_REMINDER_LEAD_DAYS = 7;

const NAMING_KINDS = ['focal-point', 'experts'] as const;
type NamingKind = (typeof NAMING_KINDS)[number];

export const isNamingKind = (kind: string): kind is NamingKind =>
  (NAMING_KINDS as readonly string[]).includes(kind);

export interface NamingReminder {
  state: Iso3;
  kind: NamingKind;
  due: string;
  stage: 'lead' | 'due';
  id: string;
  text: string;
}

const DAY = 86_400_000;

export const namingReminderId = (
  reviewId: string,
  state: Iso3,
  kind: NamingKind,
  stage: 'lead' | 'due',
  due: string,
): string => `naming#${reviewId}#${state}#${kind}#${stage}#${due}`;

const WHAT: Record<NamingKind, string> = {
  'focal-point': 'its focal point',
  experts: 'its governmental experts',
};

/**
 * The reminder due at `now` for each State and naming deadline it has not met: the lead one from
 * `leadDays` before the due time, the last-day one from a day before it; none once it has
 * passed. A sweep that runs late sends only the current stage, never a stale burst.
 */
export const namingRemindersDue = (
  r: {
    reviewId: string;
    reviewedState: Iso3;
    reviewerStates: readonly Iso3[];
    deadlines: readonly Deadline[];
    contacts: Readonly<Record<string, { focalPoint?: string; experts: readonly string[] }>>;
  },
  leadDays: number,
  now: Date,
): NamingReminder[] => {
  const out: NamingReminder[] = [];
  const t = now.getTime();
  for (const state of [r.reviewedState, ...r.reviewerStates]) {
    const c = r.contacts[state];
    for (const kind of NAMING_KINDS) {
      const d = r.deadlines.find((x) => x.kind === kind);
      const named = kind === 'focal-point' ? Boolean(c?.focalPoint) : (c?.experts.length ?? 0) > 0;
      if (!d || named) continue;
      const due = Date.parse(d.due);
      if (t >= due) continue;
      const stage = t >= due - DAY ? 'due' : t >= due - leadDays * DAY ? 'lead' : null;
      if (!stage) continue;
      const when = `${d.due.slice(0, 10)} ${d.due.slice(11, 16)} UTC`;
      const days = Math.ceil((due - t) / DAY);
      out.push({
        state,
        kind,
        due: d.due,
        stage,
        id: namingReminderId(r.reviewId, state, kind, stage, d.due),
        text:
          stage === 'due'
            ? `Review ${r.reviewId}: ${state} has not named ${WHAT[kind]} yet; the deadline is within a day (${when}).`
            : `Review ${r.reviewId}: ${state} has not named ${WHAT[kind]} yet; the deadline is ${when} (in ${days} day${days === 1 ? '' : 's'}).`,
      });
    }
  }
  return out;
};
