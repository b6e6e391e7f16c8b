/**
 * The list of observations: reviewers draft and revise entries, the reviewed State agrees,
 * amends or disputes them. Each entry is versioned (If-Match) and audited with every change.
 */
import type { Principal, User } from '../../auth/principal.ts';
import { can, type ReviewAction } from '../../domain/authz.ts';
import {
  applyEntryAction,
  articleInfo,
  checkFinalisation,
  type Entry,
  type EntryHistory,
  entryActionsFor,
  observationsOpen,
  type ReviewedEntryAction,
  type ReviewerEntryAction,
} from '../../domain/dialogue.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { InstrumentSchema, type ObservationKind } from '../../domain/types.ts';
import { newDialogueId } from '../../repos/comments.ts';
import { findEntry, getList, listEntries, saveEntry } from '../../repos/observations.ts';
import type { UseCaseContext } from '../context.ts';
import { reviewQuestionnaires } from '../questionnaires/catalog.ts';
import { instrumentScope, loadReviewFor } from '../review-access.ts';
import { assertVersion } from '../versioning.ts';
import { assertObservationsOpen, assertOnInstrument, instrumentOfArticle } from './access.ts';

/** The entries, the list (confirmations, finalisation) and whether it can be finalised now. */
export const observationsView = async (review: Review, offPlatform = false) => {
  const [entries, list] = await Promise.all([listEntries(review.reviewId), getList(review.reviewId)]);
  return {
    entries,
    list,
    finalisation: checkFinalisation(entries, list, review, offPlatform),
    reviewState: review.state,
  };
};

const changeEntry = async (
  p: User,
  review: Review,
  observationId: string,
  expected: number,
  action: ReviewerEntryAction | ReviewedEntryAction,
  now: Date,
  /** For reviewer actions: the entry's instrument must be one the caller's State reviews. */
  scoped?: ReviewAction,
) => {
  assertObservationsOpen(review);
  const before = await findEntry(review.reviewId, observationId);
  if (!before) throw new NotFoundError(`observation ${observationId} not found`);
  if (scoped) assertOnInstrument(p, scoped, review, instrumentOfArticle(before.article), 'article');
  assertVersion(expected, before.version, `observation ${observationId}`);
  // An entry moved to another article takes its title, cluster and four Ps from the version the review uses.
  const defs = action.action === 'revise' && action.article ? await reviewQuestionnaires(review) : undefined;
  const outcome = applyEntryAction(before, action, { by: p.sub, now: now.toISOString() }, defs);
  if (!outcome.ok)
    throw new ConflictError(outcome.reason, { current: { version: before.version, status: before.status } });
  try {
    return await saveEntry(before, outcome.next, {
      principal: p,
      now,
      action: `observation.${action.action}`,
    });
  } catch (err) {
    const current = (err as ConflictError).details as { current?: { version?: number } } | undefined;
    if (err instanceof ConflictError && current?.current && current.current.version !== expected)
      throw new PreconditionFailedError(
        `observation ${observationId} changed meanwhile; reload and retry`,
        err.details,
      );
    throw err;
  }
};

/**
 * What the caller may do on each entry now: its side's actions from the entry's status, while
 * the list is open, and for a reviewer only on the instruments its State reviews.
 */
const entryActionsOf = (p: Principal, review: Review, entries: readonly Entry[]) => {
  const open = observationsOpen(review.state).ok;
  const reviewed = can(p, 'observations.respond', review);
  return Object.fromEntries(
    entries.map((e) => {
      if (!open) return [e.id, []];
      if (reviewed) return [e.id, entryActionsFor(e.status, 'reviewed')];
      const instrument = InstrumentSchema.safeParse(instrumentOfArticle(e.article));
      const reviewer =
        instrument.success && can(p, 'observations.draft', instrumentScope(review, instrument.data));
      return [e.id, reviewer ? entryActionsFor(e.status, 'reviewers') : []];
    }),
  );
};

export const listObservations = async (actor: User, input: { reviewId: string }) => {
  const review = await loadReviewFor(actor, input.reviewId, 'observations.read');
  const view = await observationsView(review);
  return { ...view, entryActions: entryActionsOf(actor, review, view.entries) };
};

/** A reviewing State drafts an observation on an article of an instrument it reviews. */
export const createObservation = async (
  actor: User,
  input: { reviewId: string; article: string; kind: ObservationKind; text: string },
  { now }: UseCaseContext,
): Promise<Entry> => {
  const review = await loadReviewFor(actor, input.reviewId, 'observations.draft');
  assertObservationsOpen(review);
  const instrument = instrumentOfArticle(input.article);
  if (!review.instruments.some((i) => i === instrument))
    throw new ValidationError(`article: ${input.article} is not under an instrument of this review`);
  assertOnInstrument(actor, 'observations.draft', review, instrument, 'article');
  const info = articleInfo(input.article, await reviewQuestionnaires(review));
  if (!info) throw new ValidationError(`article: ${input.article} is not in the questionnaire`);
  const at = now.toISOString();
  const line: EntryHistory = {
    version: 1,
    action: 'draft',
    by: actor.sub,
    at,
    status: 'draft',
    text: input.text,
  };
  const entry: Entry = {
    reviewId: review.reviewId,
    id: newDialogueId(now),
    article: input.article,
    articleTitle: info.title,
    kind: input.kind,
    text: input.text,
    status: 'draft',
    fourP: [...info.fourP],
    cluster: info.cluster,
    history: [line],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await saveEntry(undefined, entry, { principal: actor, now, action: 'observation.draft' });
  return entry;
};

type EntryRef = { reviewId: string; observationId: string; expectedVersion: number };

/** The reviewers revise, accept an amendment of, or withdraw an entry. */
export const reviseObservation = async (
  actor: User,
  input: EntryRef & { action: ReviewerEntryAction },
  { now }: UseCaseContext,
): Promise<Entry> => {
  const review = await loadReviewFor(actor, input.reviewId, 'observations.draft');
  const article = input.action.action === 'revise' ? input.action.article : undefined;
  if (article !== undefined) {
    if (!review.instruments.some((i) => i === instrumentOfArticle(article)))
      throw new ValidationError(`article: ${article} is not under an instrument of this review`);
    assertOnInstrument(actor, 'observations.draft', review, instrumentOfArticle(article), 'article');
  }
  return changeEntry(
    actor,
    review,
    input.observationId,
    input.expectedVersion,
    input.action,
    now,
    'observations.draft',
  );
};

/** The reviewed State agrees with, amends or disputes an entry. */
export const respondToObservation = async (
  actor: User,
  input: EntryRef & { action: ReviewedEntryAction },
  { now }: UseCaseContext,
): Promise<Entry> => {
  const review = await loadReviewFor(actor, input.reviewId, 'observations.respond');
  return changeEntry(actor, review, input.observationId, input.expectedVersion, input.action, now);
};
