/**
 * Confirming the list of observations: each reviewing State confirms it, the last confirmation
 * finalises the list and moves the review to observations-agreed. The secretariat may instead
 * record an agreement reached off the platform, settling the entries still open.
 */
import type { User } from '../../auth/principal.ts';
import { relationTo } from '../../domain/authz.ts';
import { checkFinalisation } from '../../domain/dialogue.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { type OffPlatformOutcomes, settleOffPlatform } from '../../domain/off-platform.ts';
import { nextVersion, type Review } from '../../domain/review.ts';
import { checkTransition } from '../../domain/workflow.ts';
import { entryChanges, listUpdate, saveConfirmation } from '../../repos/observations.ts';
import { saveReview } from '../../repos/reviews.ts';
import type { UseCaseContext } from '../context.ts';
import { loadReviewFor } from '../review-access.ts';
import { observationsView } from './observations.ts';

/** A confirmation's conditional write lost to a concurrent write of the list or the review. */
class LostConfirmationRace extends Error {
  constructor(
    readonly listVersion: number,
    override readonly cause: ConflictError,
  ) {
    super(cause.message);
  }
}

/**
 * One attempt at confirming the list as it is now (`listVersion`: the version a previous
 * attempt of the same request confirmed; the list must still be at it). Either records the
 * caller's confirmation, or finalises the list and moves the review when that completes it.
 */
const confirmOnce = async (
  p: User,
  review: Review,
  secretariat: boolean,
  offPlatform: { note?: string; outcomes?: OffPlatformOutcomes },
  listVersion: number | undefined,
  now: Date,
) => {
  const offPlatformNote = offPlatform.note;
  const transition = checkTransition(review.state, 'agree-observations');
  if (!transition.ok) throw new ConflictError(transition.reason, { current: { state: review.state } });

  const view = await observationsView(review, secretariat);
  const { list } = view;
  if (listVersion !== undefined && list.version !== listVersion)
    throw new ConflictError('the list of observations changed meanwhile; reload and confirm again', {
      current: { listVersion: list.version },
    });
  const at = now.toISOString();
  // The secretariat's off-platform agreement settles the entries still open on the platform.
  let entries = view.entries;
  let settledEntries: { before: (typeof entries)[number]; after: (typeof entries)[number] }[] = [];
  if (secretariat && !list.finalisedAt) {
    const settled = settleOffPlatform(view.entries, offPlatform.outcomes ?? {}, {
      by: p.sub,
      now: at,
      note: offPlatformNote ?? '',
    });
    if (!settled.ok)
      throw new ValidationError(settled.issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
        issues: settled.issues,
      });
    const was = new Map(view.entries.map((e) => [e.id, e]));
    settledEntries = settled.changed.flatMap((after) => {
      const before = was.get(after.id);
      return before ? [{ before, after }] : [];
    });
    entries = settled.entries;
  }
  const before = checkFinalisation(entries, list, review, true);
  if (!before.complete)
    throw new ConflictError(`the list cannot be confirmed: ${before.reasons.join('; ')}`, { ...before });

  const confirm = secretariat
    ? undefined
    : { iso3: p.state ?? '', confirmation: { by: p.sub, at, listVersion: list.version } };
  const after = confirm
    ? { ...list, confirmations: { ...list.confirmations, [confirm.iso3]: confirm.confirmation } }
    : list;
  const check = checkFinalisation(entries, after, review, secretariat);
  const audit = {
    principal: p,
    now,
    action: 'observations.confirm',
    details: { listVersion: list.version },
  };
  const raced = (err: unknown) =>
    err instanceof ConflictError ? new LostConfirmationRace(list.version, err) : err;

  if (!check.complete) {
    if (!confirm)
      throw new ConflictError(`the list cannot be finalised: ${check.reasons.join('; ')}`, { ...check });
    await saveConfirmation(list, confirm.iso3, confirm.confirmation, audit).catch((err) => {
      throw raced(err);
    });
    return { ...view, list: after, finalisation: check };
  }
  const finalise = { by: p.sub, at, ...(secretariat ? { note: offPlatformNote } : {}) };
  const next = await saveReview(
    nextVersion(review, now, { state: transition.to }),
    {
      principal: p,
      now,
      action: 'observations.finalise',
      details: { listVersion: list.version, offPlatform: secretariat, entries: entries.length },
    },
    [
      listUpdate(list, { confirm, finalise, entriesChanged: settledEntries.length > 0 }),
      ...entryChanges(settledEntries, { principal: p, now, action: 'observation.off-platform' }),
    ],
  ).catch((err) => {
    throw raced(err);
  });
  return {
    entries,
    list: {
      ...after,
      version: list.version + (settledEntries.length > 0 ? 1 : 0),
      finalisedAt: at,
      finalisedBy: p.sub,
      ...(secretariat ? { offPlatformNote } : {}),
    },
    finalisation: { complete: true, notAgreed: [], awaiting: [], reasons: [] },
    reviewState: next.state,
  };
};

/**
 * Confirms the list of observations as it is now (a reviewing State), or records its agreement
 * off the platform (the secretariat, with a note and the outcome of each open entry).
 */
export const confirmObservations = async (
  actor: User,
  input: {
    reviewId: string;
    offPlatformNote?: string | undefined;
    outcomes?: OffPlatformOutcomes | undefined;
  },
  { now }: UseCaseContext,
) => {
  let review = await loadReviewFor(actor, input.reviewId, 'observations.finalize');
  const secretariat = relationTo(actor, review) === 'secretariat';
  if (secretariat && input.offPlatformNote === undefined)
    throw new ValidationError(
      'body.offPlatformNote: the secretariat records an off-platform agreement with a note',
    );
  if (!secretariat && (input.offPlatformNote !== undefined || input.outcomes !== undefined))
    throw new ValidationError(
      `body.${input.offPlatformNote !== undefined ? 'offPlatformNote' : 'outcomes'}: only the secretariat records off-platform agreements`,
    );
  // A confirmation lost to a parallel one (the list's revision moved) is tried again on a
  // fresh read, so the last of several parallel confirmations sees the others and finalises;
  // a list whose entries changed meanwhile, or that another request finalised, is a 409.
  let confirmedVersion: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await confirmOnce(
        actor,
        review,
        secretariat,
        { note: input.offPlatformNote, outcomes: input.outcomes },
        confirmedVersion,
        now,
      );
    } catch (err) {
      if (!(err instanceof LostConfirmationRace)) throw err;
      if (attempt >= 6) throw err.cause;
      confirmedVersion = err.listVersion;
      review = await loadReviewFor(actor, input.reviewId, 'observations.finalize');
    }
  }
};
