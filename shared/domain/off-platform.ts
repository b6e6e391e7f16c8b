/**
 * An agreement on the list of observations reached off the platform (at a country visit, in a
 * meeting, by letter), recorded by the secretariat. The mechanism's rule: "the list is finalised
 * when both sides agree (secretariat may record an agreement reached off-platform)". The record
 * stands in for the parties' agreement on the platform, so it also settles the entries still open
 * there (draft, amended, disputed): the secretariat names, for each, the outcome agreed —
 * `agreed` (its current text; for an amended entry, the reviewed State's wording) or `withdrawn`.
 */
import * as z from 'zod';
import type { Entry, EntryHistory } from './dialogue.ts';
import { DialogueIdSchema } from './ids.ts';

const OFF_PLATFORM_OUTCOMES = ['agreed', 'withdrawn'] as const;
export const OffPlatformOutcomesSchema = z.record(DialogueIdSchema, z.enum(OFF_PLATFORM_OUTCOMES));
export type OffPlatformOutcomes = z.infer<typeof OffPlatformOutcomesSchema>;

interface OutcomeIssue {
  path: string;
  message: string;
}

export type Settlement =
  | { ok: true; entries: Entry[]; changed: Entry[] }
  | { ok: false; issues: OutcomeIssue[] };

/** Entries the parties have not settled on the platform (withdrawn entries do not count). */
const openEntries = (entries: readonly Entry[]): Entry[] =>
  entries.filter((e) => e.status !== 'agreed' && e.status !== 'withdrawn');

/**
 * Applies the outcomes to the open entries, each with a history line carrying the note. Every
 * open entry needs an outcome; an outcome for an entry that is not open is refused. Entries are
 * named by their number in the list, as the parties see them.
 */
export const settleOffPlatform = (
  entries: readonly Entry[],
  outcomes: OffPlatformOutcomes,
  at: { by: string; now: string; note: string },
): Settlement => {
  const number = new Map(entries.map((e, i) => [e.id, i + 1]));
  const open = openEntries(entries);
  const openIds = new Set(open.map((e) => e.id));
  const issues: OutcomeIssue[] = [
    ...open
      .filter((e) => outcomes[e.id] === undefined)
      .map((e) => ({
        path: `body.outcomes.${e.id}`,
        message: `observation ${number.get(e.id)} is ${e.status}: say whether it was agreed or withdrawn off the platform`,
      })),
    ...Object.keys(outcomes)
      .filter((id) => !openIds.has(id))
      .map((id) => ({
        path: `body.outcomes.${id}`,
        message: number.has(id)
          ? `observation ${number.get(id)} is already settled on the platform`
          : `${id} is not an observation of this list`,
      })),
  ];
  if (issues.length) return { ok: false, issues };
  const changed = open.map((e): Entry => {
    const status = outcomes[e.id] ?? 'agreed';
    const version = e.version + 1;
    const reason = status === 'withdrawn' ? at.note : undefined;
    const line: EntryHistory = {
      version,
      action: 'off-platform',
      by: at.by,
      at: at.now,
      status,
      text: e.text,
      reason: at.note,
    };
    return { ...e, status, reason, version, updatedAt: at.now, history: [...e.history, line] };
  });
  const byId = new Map(changed.map((e) => [e.id, e]));
  return { ok: true, entries: entries.map((e) => byId.get(e.id) ?? e), changed };
};
