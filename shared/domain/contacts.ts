/**
 * A review's contacts: the focal point and governmental experts each participating State names
 * (by hand on the review, or through an approved nomination). Pure: what naming them changes in
 * the review, and the policy limit on experts, decided here once for both paths.
 */
import type { Iso3 } from './types.ts';
import { checkTransition, type Deadline, markMet, type ReviewState } from './workflow.ts';

export interface ContactEntry {
  focalPoint?: string;
  experts: string[];
}

export interface ContactsScope {
  reviewedState: Iso3;
  state: ReviewState;
  deadlines: Deadline[];
  contacts: Readonly<Record<string, ContactEntry>>;
}

/** Both named: the State's part of naming is done. */
export const contactsComplete = (c: ContactEntry | undefined): boolean =>
  Boolean(c?.focalPoint) && (c?.experts.length ?? 0) > 0;

/** Null when `count` experts are allowed, else the problem (policy MAX_EXPERTS_PER_STATE). */
export const expertLimitProblem = (iso3: Iso3, count: number, max: number): string | null =>
  count > max
    ? `${iso3} would have ${count} governmental experts in this review; at most ${max} per State (policy MAX_EXPERTS_PER_STATE)`
    : null;

/**
 * The review's contacts, deadlines and state once `iso3` names `entry`. The reviewed State's
 * naming meets the review's naming deadlines and moves an assigned review on; the reviewing
 * States' naming is tracked per State in the overdue list.
 */
export const withContacts = (
  r: ContactsScope,
  iso3: Iso3,
  entry: ContactEntry,
  at: string,
): { contacts: Record<string, ContactEntry>; deadlines: Deadline[]; state: ReviewState } => {
  const contacts = { ...r.contacts, [iso3]: entry };
  let deadlines = r.deadlines;
  let state = r.state;
  if (iso3 === r.reviewedState) {
    if (entry.focalPoint) deadlines = markMet(deadlines, 'focal-point', at);
    if (entry.experts.length > 0) deadlines = markMet(deadlines, 'experts', at);
    if (contactsComplete(entry) && checkTransition(r.state, 'name-contacts').ok) state = 'contacts-named';
  }
  return { contacts, deadlines, state };
};

/** Per participating State, the naming deadlines it has missed (reviewing States included). */
export const namingOverdue = (
  r: ContactsScope & { reviewerStates: readonly Iso3[] },
  now: Date,
): { state: Iso3; kind: 'focal-point' | 'experts'; due: string; daysLate: number }[] => {
  const out: { state: Iso3; kind: 'focal-point' | 'experts'; due: string; daysLate: number }[] = [];
  for (const iso3 of [r.reviewedState, ...r.reviewerStates]) {
    const c = r.contacts[iso3];
    for (const kind of ['focal-point', 'experts'] as const) {
      const d = r.deadlines.find((x) => x.kind === kind);
      const named = kind === 'focal-point' ? Boolean(c?.focalPoint) : (c?.experts.length ?? 0) > 0;
      if (!d || named || Date.parse(d.due) >= now.getTime()) continue;
      out.push({
        state: iso3,
        kind,
        due: d.due,
        daysLate: Math.floor((now.getTime() - Date.parse(d.due)) / 86_400_000),
      });
    }
  }
  return out;
};
