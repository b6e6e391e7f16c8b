/**
 * Use cases of the dialogue: comments, responses, seen markers, the list of observations and
 * the export. Every access decision goes through the authorization module (loadReviewFor, can,
 * assertCan); the rules of change are the pure functions of shared/domain/dialogue.ts; the
 * repositories write each change atomically with its audit entry.
 */
import type { Principal } from '../auth/principal.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { type ActionExtra, assertCan, can, type ReviewAction, relationTo } from '../domain/authz.ts';
import { commentActionsFor } from '../domain/comment-actions.ts';
import {
  type Anchor,
  applyCommentEvent,
  applyEntryAction,
  articleInfo,
  type Comment,
  type CommentEvent,
  checkAnchor,
  checkFinalisation,
  checkReply,
  commentingOpen,
  countsFor,
  type Entry,
  type EntryHistory,
  entryActionsFor,
  observationsOpen,
  type Response,
  type ResponseAttachment,
  repliesNarrowedWith,
  VISIBILITIES,
  type Visibility,
} from '../domain/dialogue.ts';
import { canonicalJson, sha256Hex } from '../domain/draw/canonical.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors.ts';
import { type OffPlatformOutcomes, settleOffPlatform } from '../domain/off-platform.ts';
import { nextVersion, type Review } from '../domain/review.ts';
import { InstrumentSchema } from '../domain/types.ts';
import { checkTransition } from '../domain/workflow.ts';
import type { Operations } from '../http/lambda.ts';
import { auditScope, listAudit } from '../repos/audit.ts';
import {
  findComment,
  getCommentsByIds,
  getCounters,
  getSeen,
  getThreadMarks,
  insertComment,
  listCommentVersions,
  listResponses,
  loadAllComments,
  markSeen,
  newDialogueId,
  notificationsFor,
  pageComments,
  replyGuard,
  responsePut,
  threadsUnchanged,
  updateComment,
} from '../repos/comments.ts';
import { commentKeys } from '../repos/keys.ts';
import {
  entryChanges,
  findEntry,
  getList,
  listEntries,
  listUpdate,
  saveConfirmation,
  saveEntry,
} from '../repos/observations.ts';
import { saveReview } from '../repos/reviews.ts';
import {
  attachmentResponseUpdate,
  findAttachment,
  findVersion,
  listVersions,
} from '../repos/self-assessments.ts';
import { instrumentScope, loadReviewFor } from './review-access.ts';
import { assertVersion } from './versioning.ts';

type User = Extract<Principal, { kind: 'user' }>;

const userOf = (p: Principal): User => {
  if (p.kind !== 'user') throw new UnauthorizedError('sign-in required');
  return p;
};

const etag = (version: number) => ({ etag: `"${version}"` });

/** The gate of every comment route: may the caller read the dialogue of this review at all. */
const loadForComments = (p: Principal, reviewId: string) =>
  loadReviewFor(p, reviewId, 'comment.read', { visibility: 'all' });

const commentExtra = (c: Comment): ActionExtra => ({ authorSub: c.authorSub, visibility: c.visibility });

/** What the caller may do on a comment now, on the scope of its instrument. */
const actionsOn = (p: Principal, review: Review, c: Comment) => {
  const instrument = InstrumentSchema.safeParse(c.anchor.instrument);
  return instrument.success ? commentActionsFor(p, review, instrumentScope(review, instrument.data), c) : [];
};

/** A comment the caller may see; one hidden from the caller is answered like a missing one. */
const loadVisibleComment = async (p: Principal, review: Review, commentId: string): Promise<Comment> => {
  const c = await findComment(review.reviewId, commentId);
  if (!c || !can(p, 'comment.read', review, commentExtra(c)))
    throw new NotFoundError(`comment ${commentId} not found`);
  return c;
};

/**
 * A write on something of one instrument (a comment's anchor, an observation's article): the
 * caller must be allowed the action on the review, and a reviewing State only on the
 * instruments its seat covers, as for self-assessments (403 naming the field otherwise).
 */
const assertOnInstrument = (
  p: User,
  action: ReviewAction,
  review: Review,
  instrument: string,
  field: string,
  extra?: ActionExtra,
) => {
  assertCan(p, action, review, extra);
  const parsed = InstrumentSchema.safeParse(instrument);
  if (parsed.success && can(p, action, instrumentScope(review, parsed.data), extra)) return;
  throw new ForbiddenError(
    `${field}: ${p.state ?? p.role} does not review ${instrument} in review ${review.reviewId}`,
  );
};

const instrumentOfArticle = (article: string) => article.split('.')[0] ?? '';

const assertCommenting = (review: Review) => {
  const open = commentingOpen(review.state);
  if (!open.ok) throw new ConflictError(open.reason, { current: { state: review.state } });
};

const visibleTo = (p: Principal, review: Review): Visibility[] =>
  VISIBILITIES.filter((visibility) => can(p, 'comment.read', review, { visibility }));

/** Opaque cursors: the sort key of the last comment of the page, base64url-encoded. */
const encodeCursor = (sk: string) => Buffer.from(JSON.stringify({ k: sk }), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  try {
    const k: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).k;
    if (typeof k === 'string' && commentKeys.isHeadSk(k)) return k;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('query.cursor: not a cursor returned by this API');
};

/**
 * Applies one event to a comment: version check (If-Match when given), the status machine, and
 * the conditional write. A version that moved between read and write is a 412 when the caller
 * named one; without If-Match the intent does not depend on the version (delete, resolve, reopen),
 * so the event is tried again on a fresh read, and refused (409) only if it no longer applies.
 */
const changeComment = async (
  p: User,
  first: Comment,
  event: CommentEvent,
  expected: number | undefined,
  now: Date,
  action: string,
): Promise<Comment> => {
  let before = first;
  for (let attempt = 1; ; attempt++) {
    if (expected !== undefined) assertVersion(expected, before.version, `comment ${before.commentId}`);
    const thread = await threadOf(before, event, now);
    const outcome = applyCommentEvent(before, thread.event, { by: p.sub, now: now.toISOString() });
    if (!outcome.ok)
      throw new ConflictError(outcome.reason, {
        current: { version: before.version, status: before.status },
      });
    try {
      return await updateComment(before, outcome.next, outcome.change, {
        audit: { principal: p, now, action, details: { change: outcome.change, ...thread.details } },
        alongside: thread.alongside,
        extra: thread.extra,
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      if (expected !== undefined)
        throw new PreconditionFailedError(
          `comment ${before.commentId} or its thread changed meanwhile; reload and retry`,
          err.details,
        );
      const fresh = attempt < 5 ? await findComment(before.reviewId, before.commentId) : null;
      if (!fresh) throw err;
      before = fresh;
    }
  }
};

/** TransactWriteItems takes 100 items: the comment and its entries use 5, each reply 3. */
const MAX_REPLIES_NARROWED = 30;

/**
 * What an edit of `c`'s visibility involves besides `c` (a reply is never shown to more people
 * than the comment it answers): a reply is checked against its parent as it is now; a comment
 * narrowed to reviewers-only takes every reply under it along, in the same transaction,
 * conditioned on no reply having been posted meanwhile under any comment of that thread.
 */
const threadOf = async (
  c: Comment,
  event: CommentEvent,
  now: Date,
): Promise<{
  event: CommentEvent;
  alongside: { before: Comment; after: Comment; change: 'narrowed' }[];
  extra: ReturnType<typeof threadsUnchanged>;
  details: Record<string, unknown>;
}> => {
  const none = { event, alongside: [], extra: [], details: {} };
  if (event.kind !== 'edit' || event.visibility === undefined || event.visibility === c.visibility)
    return none;
  if (event.visibility === 'all') {
    const parent = c.parentId ? await findComment(c.reviewId, c.parentId) : null;
    return parent ? { ...none, event: { ...event, parent } } : none;
  }
  // The replies are read again after their reply marks: if none appeared in between, every
  // reply posted later moves a mark and fails the transaction's conditions.
  const readNarrowing = async () => {
    const all = await pageComments(c.reviewId, { includeDeleted: true }, () => true, Number.MAX_SAFE_INTEGER);
    const narrowing = repliesNarrowedWith(c, visibility, all.comments, { now: now.toISOString() });
    if (!narrowing.ok) throw new ConflictError(narrowing.reason, { current: { version: c.version } });
    return narrowing.replies;
  };
  const visibility = event.visibility;
  let replies = await readNarrowing();
  let marks: Map<string, number | undefined>;
  for (let attempt = 1; ; attempt++) {
    if (replies.length > MAX_REPLIES_NARROWED)
      throw new ConflictError(
        `visibility: ${replies.length} replies would be narrowed with this comment (at most ${MAX_REPLIES_NARROWED} at once); narrow some of its replies first`,
      );
    marks = await getThreadMarks(c.reviewId, [c.commentId, ...replies.map((r) => r.before.commentId)]);
    const again = await readNarrowing();
    const ids = (list: typeof replies) => list.map((r) => `${r.before.commentId}@${r.before.version}`).join();
    if (ids(again) === ids(replies)) break;
    if (attempt >= 5)
      throw new ConflictError('visibility: replies are being posted to this thread; try again');
    replies = again;
  }
  const narrowing = { replies };
  return {
    event,
    alongside: narrowing.replies.map((r) => ({ ...r, change: 'narrowed' as const })),
    extra: threadsUnchanged(c.reviewId, marks),
    details: narrowing.replies.length
      ? { narrowedReplies: narrowing.replies.map((r) => r.before.commentId) }
      : {},
  };
};

/** The comment a create request asks for, checked (anchor, instrument scope, reply rule). */
const newComment = async (
  p: User,
  review: Review,
  body: { parentId?: string; anchor?: Anchor; type: Comment['type']; visibility: Visibility; text: string },
  parent: Comment | undefined,
  now: Date,
): Promise<Comment> => {
  let anchor = body.anchor;
  if (parent) {
    const reply = checkReply(parent, body.visibility);
    if (!reply.ok) throw new ValidationError(reply.reason);
    if (anchor && canonicalJson(anchor) !== canonicalJson(parent.anchor))
      throw new ValidationError('anchor: a reply keeps the anchor of the comment it answers');
    anchor = parent.anchor;
  }
  if (!anchor) throw new ValidationError('anchor: required on a new comment');
  const valid = checkAnchor(anchor, review.instruments);
  if (!valid.ok) throw new ValidationError(valid.reason);
  assertOnInstrument(p, 'comment.create', review, anchor.instrument, 'anchor.instrument');
  if (!parent) {
    const submitted = await findVersion(review.reviewId, anchor.instrument, anchor.submissionVersion);
    if (submitted?.status !== 'submitted')
      throw new ValidationError(
        `anchor.submissionVersion: ${anchor.instrument} self-assessment version ${anchor.submissionVersion} was not submitted`,
      );
  }
  const at = now.toISOString();
  return {
    reviewId: review.reviewId,
    commentId: newDialogueId(now),
    ...(parent ? { parentId: parent.commentId } : {}),
    anchor,
    type: body.type,
    visibility: body.visibility,
    text: body.text,
    status: 'open',
    responseCount: 0,
    authorSub: p.sub,
    authorName: p.name,
    authorState: p.state,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
};

// --- observations helpers ---------------------------------------------------------------------

const assertObservationsOpen = (review: Review) => {
  const open = observationsOpen(review.state);
  if (!open.ok) throw new ConflictError(open.reason, { current: { state: review.state } });
};

const observationsView = async (review: Review, offPlatform = false) => {
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
  action: Parameters<typeof applyEntryAction>[1],
  now: Date,
  /** For reviewer actions: the entry's instrument must be one the caller's State reviews. */
  scoped?: ReviewAction,
) => {
  assertObservationsOpen(review);
  const before = await findEntry(review.reviewId, observationId);
  if (!before) throw new NotFoundError(`observation ${observationId} not found`);
  if (scoped) assertOnInstrument(p, scoped, review, instrumentOfArticle(before.article), 'article');
  assertVersion(expected, before.version, `observation ${observationId}`);
  const outcome = applyEntryAction(before, action, { by: p.sub, now: now.toISOString() });
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
    return { body: { ...view, list: after, finalisation: check } };
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
    body: {
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
    },
  };
};

// --- export -----------------------------------------------------------------------------------

const allAudit = async (reviewId: string): Promise<AuditEntry[]> => {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(auditScope.review(reviewId), { limit: 500, cursor });
    out.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

const EXPORT_FORMAT = 'cop-review/review-export';
const EXPORT_FORMAT_VERSION = 1;

/** The digest an archive keeper recomputes: SHA-256 of the canonical JSON of the document. */
const exportDigest = (document: unknown): string => sha256Hex(canonicalJson(document));

export const dialogueOperations: Operations<'dialogue'> = {
  listComments: async ({ principal, params, query }) => {
    const p = userOf(principal);
    const review = await loadForComments(p, params.reviewId);
    const afterSk = query.cursor ? decodeCursor(query.cursor) : undefined;
    const [page, seen] = await Promise.all([
      pageComments(
        review.reviewId,
        {
          article: query.article,
          status: query.status,
          parentId: query.parentId,
          includeDeleted: query.includeDeleted === 'true',
        },
        (c) => can(p, 'comment.read', review, commentExtra(c)),
        query.limit,
        afterSk,
      ),
      getSeen(review.reviewId, p.sub),
    ]);
    return {
      body: {
        comments: page.comments.map((c) => ({
          ...c,
          seen: (seen.get(c.commentId) ?? 0) >= c.version,
          actions: actionsOn(p, review, c),
        })),
        ...(page.nextSk ? { nextCursor: encodeCursor(page.nextSk) } : {}),
      },
    };
  },

  createComment: async ({ principal, params, body, now, idempotency }) => {
    const p = userOf(principal);
    const review = await loadReviewFor(p, params.reviewId, 'comment.create');
    assertCommenting(review);
    // A reply is written only if its parent is still as checked (replyGuard); a parent changed
    // meanwhile (narrowed, say) is read and checked again. With an Idempotency-Key a lost race
    // may also be a duplicate request: that is left to the key's stored answer (or a 409).
    for (let attempt = 1; ; attempt++) {
      const parent = body.parentId ? await loadVisibleComment(p, review, body.parentId) : undefined;
      const comment = await newComment(p, review, body, parent, now);
      const reply = { status: 201, body: comment, headers: etag(comment.version) };
      try {
        await insertComment(comment, {
          audit: {
            principal: p,
            now,
            action: 'comment.create',
            details: { parentId: comment.parentId, type: comment.type },
          },
          extra: [
            ...notificationsFor({ kind: 'comment.created', review, comment, now }),
            ...(parent ? replyGuard(parent) : []),
            // The Idempotency-Key is taken in the same transaction (route: idempotent 'in-transaction').
            ...(idempotency ? [idempotency.item(reply)] : []),
          ],
        });
        return reply;
      } catch (err) {
        if (!(err instanceof ConflictError) || !parent || idempotency || attempt >= 5) throw err;
      }
    }
  },

  getComment: async ({ principal, params }) => {
    const p = userOf(principal);
    const review = await loadForComments(p, params.reviewId);
    const comment = await loadVisibleComment(p, review, params.commentId);
    const [responses, seen] = await Promise.all([
      listResponses(review.reviewId, comment.commentId),
      getSeen(review.reviewId, p.sub),
    ]);
    return {
      body: {
        comment: {
          ...comment,
          seen: (seen.get(comment.commentId) ?? 0) >= comment.version,
          actions: actionsOn(p, review, comment),
        },
        responses,
      },
      headers: etag(comment.version),
    };
  },

  editComment: async ({ principal, params, body, expectedVersion, now }) => {
    const p = userOf(principal);
    const expected = expectedVersion;
    const review = await loadForComments(p, params.reviewId);
    const before = await loadVisibleComment(p, review, params.commentId);
    assertOnInstrument(
      p,
      'comment.edit',
      review,
      before.anchor.instrument,
      'anchor.instrument',
      commentExtra(before),
    );
    assertCommenting(review);
    const next = await changeComment(p, before, { kind: 'edit', ...body }, expected, now, 'comment.edit');
    return { body: next, headers: etag(next.version) };
  },

  deleteComment: async ({ principal, params, expectedVersion, now }) => {
    const p = userOf(principal);
    const expected = expectedVersion;
    const review = await loadForComments(p, params.reviewId);
    const before = await loadVisibleComment(p, review, params.commentId);
    assertOnInstrument(
      p,
      'comment.delete',
      review,
      before.anchor.instrument,
      'anchor.instrument',
      commentExtra(before),
    );
    assertCommenting(review);
    const next = await changeComment(p, before, { kind: 'delete' }, expected, now, 'comment.delete');
    return { body: next, headers: etag(next.version) };
  },

  getCommentHistory: async ({ principal, params }) => {
    const p = userOf(principal);
    const review = await loadForComments(p, params.reviewId);
    const comment = await loadVisibleComment(p, review, params.commentId);
    const versions = await listCommentVersions(review.reviewId, comment.commentId);
    // Versions from a time the comment was reviewers-only stay hidden from the reviewed State.
    return {
      body: {
        versions: versions.filter((v) => can(p, 'comment.read', review, { visibility: v.visibility })),
      },
    };
  },

  createResponse: async ({ principal, params, body, now }) => {
    const p = userOf(principal);
    const review = await loadForComments(p, params.reviewId);
    let before = await loadVisibleComment(p, review, params.commentId);
    assertCan(p, 'response.create', review, commentExtra(before));
    assertCommenting(review);
    let attachment: ResponseAttachment | undefined;
    if (body.attachment) {
      // Attachments are uploaded through the self-assessment area, per instrument.
      const a = await findAttachment(review.reviewId, before.anchor.instrument, body.attachment.attachmentId);
      if (a?.status !== 'ready')
        throw new ValidationError(
          `body.attachment.attachmentId: no uploaded ${before.anchor.instrument} attachment ${body.attachment.attachmentId} of this review`,
        );
      attachment = {
        attachmentId: a.attachmentId,
        instrument: a.instrument,
        name: a.name,
        contentType: a.contentType,
        ...(a.size !== undefined ? { size: a.size } : {}),
        ...(a.sha256 !== undefined ? { sha256: a.sha256 } : {}),
      };
    }
    const response: Response = {
      reviewId: review.reviewId,
      commentId: before.commentId,
      responseId: newDialogueId(now),
      text: body.text,
      ...(attachment ? { attachment } : {}),
      authorSub: p.sub,
      authorName: p.name,
      authorState: p.state,
      createdAt: now.toISOString(),
    };
    // A response does not depend on the comment's exact version (only on it being open to
    // responses), so a concurrent change is retried on a fresh read rather than refused.
    for (let attempt = 1; ; attempt++) {
      const outcome = applyCommentEvent(before, { kind: 'respond' }, { by: p.sub, now: now.toISOString() });
      if (!outcome.ok)
        throw new ConflictError(outcome.reason, {
          current: { version: before.version, status: before.status },
        });
      try {
        const comment = await updateComment(before, outcome.next, outcome.change, {
          audit: {
            principal: p,
            now,
            action: 'response.create',
            details: { responseId: response.responseId },
          },
          extra: [
            responsePut(response),
            // The reviewers this answers may then download the file (and it must still be confirmed).
            ...(attachment
              ? [
                  attachmentResponseUpdate(
                    review.reviewId,
                    attachment.instrument,
                    attachment.attachmentId,
                    response.responseId,
                  ),
                ]
              : []),
            ...notificationsFor({ kind: 'response.created', review, comment: outcome.next, response, now }),
          ],
        });
        return { status: 201, body: { response, comment }, headers: etag(comment.version) };
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= 5) throw err;
        before = await loadVisibleComment(p, review, params.commentId);
      }
    }
  },

  changeCommentStatus: async ({ principal, params, body, expectedVersion, now }) => {
    const p = userOf(principal);
    const expected = expectedVersion;
    const review = await loadForComments(p, params.reviewId);
    const before = await loadVisibleComment(p, review, params.commentId);
    assertOnInstrument(
      p,
      'comment.resolve',
      review,
      before.anchor.instrument,
      'anchor.instrument',
      commentExtra(before),
    );
    assertCommenting(review);
    const next = await changeComment(
      p,
      before,
      { kind: body.action },
      expected,
      now,
      body.action === 'resolve' ? 'comment.resolve' : 'comment.reopen',
    );
    return { body: next, headers: etag(next.version) };
  },

  getDialogueSummary: async ({ principal, params }) => {
    const p = userOf(principal);
    const review = await loadForComments(p, params.reviewId);
    const visibilities = visibleTo(p, review);
    const [counters, seen, visible] = await Promise.all([
      getCounters(review.reviewId),
      getSeen(review.reviewId, p.sub),
      pageComments(
        review.reviewId,
        {},
        (c) => can(p, 'comment.read', review, commentExtra(c)),
        Number.MAX_SAFE_INTEGER,
      ),
    ]);
    const entries: Record<string, number> = {};
    let finalised = false;
    if (can(p, 'observations.read', review)) {
      const [all, list] = await Promise.all([listEntries(review.reviewId), getList(review.reviewId)]);
      for (const e of all) entries[e.status] = (entries[e.status] ?? 0) + 1;
      finalised = list.finalisedAt !== undefined;
    }
    return {
      body: {
        reviewId: review.reviewId,
        reviewState: review.state,
        counts: countsFor(counters, visibilities),
        unseen: visible.comments.filter((c) => (seen.get(c.commentId) ?? 0) < c.version).length,
        observations: { entries, finalised },
      },
    };
  },

  markCommentsSeen: async ({ principal, params, body, now }) => {
    const p = userOf(principal);
    const review = await loadReviewFor(p, params.reviewId, 'seen.mark');
    const ids = [...new Set(body.commentIds)];
    // Comments that do not exist or that the caller may not see are skipped, not reported.
    const comments = (await getCommentsByIds(review.reviewId, ids)).filter((c) =>
      can(p, 'comment.read', review, commentExtra(c)),
    );
    const marked = await markSeen(review.reviewId, p.sub, comments, {
      principal: p,
      now,
      action: 'comment.seen',
    });
    return { body: { marked } };
  },

  listObservations: async ({ principal, params }) => {
    const review = await loadReviewFor(principal, params.reviewId, 'observations.read');
    const view = await observationsView(review);
    return { body: { ...view, entryActions: entryActionsOf(principal, review, view.entries) } };
  },

  createObservation: async ({ principal, params, body, now }) => {
    const p = userOf(principal);
    const review = await loadReviewFor(p, params.reviewId, 'observations.draft');
    assertObservationsOpen(review);
    const instrument = instrumentOfArticle(body.article);
    if (!review.instruments.some((i) => i === instrument))
      throw new ValidationError(`article: ${body.article} is not under an instrument of this review`);
    assertOnInstrument(p, 'observations.draft', review, instrument, 'article');
    const info = articleInfo(body.article);
    if (!info) throw new ValidationError(`article: ${body.article} is not in the questionnaire`);
    const at = now.toISOString();
    const line: EntryHistory = {
      version: 1,
      action: 'draft',
      by: p.sub,
      at,
      status: 'draft',
      text: body.text,
    };
    const entry: Entry = {
      reviewId: review.reviewId,
      id: newDialogueId(now),
      article: body.article,
      articleTitle: info.title,
      kind: body.kind,
      text: body.text,
      status: 'draft',
      fourP: [...info.fourP],
      cluster: info.cluster,
      history: [line],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await saveEntry(undefined, entry, { principal: p, now, action: 'observation.draft' });
    return { status: 201, body: entry, headers: etag(entry.version) };
  },

  reviseObservation: async ({ principal, params, body, expectedVersion, now }) => {
    const p = userOf(principal);
    const expected = expectedVersion;
    const review = await loadReviewFor(p, params.reviewId, 'observations.draft');
    const article = body.action === 'revise' ? body.article : undefined;
    if (article !== undefined) {
      if (!review.instruments.some((i) => i === instrumentOfArticle(article)))
        throw new ValidationError(`article: ${article} is not under an instrument of this review`);
      assertOnInstrument(p, 'observations.draft', review, instrumentOfArticle(article), 'article');
    }
    const next = await changeEntry(
      p,
      review,
      params.observationId,
      expected,
      body,
      now,
      'observations.draft',
    );
    return { body: next, headers: etag(next.version) };
  },

  respondToObservation: async ({ principal, params, body, expectedVersion, now }) => {
    const p = userOf(principal);
    const expected = expectedVersion;
    const review = await loadReviewFor(p, params.reviewId, 'observations.respond');
    const next = await changeEntry(p, review, params.observationId, expected, body, now);
    return { body: next, headers: etag(next.version) };
  },

  confirmObservations: async ({ principal, params, body, now }) => {
    const p = userOf(principal);
    let review = await loadReviewFor(p, params.reviewId, 'observations.finalize');
    const secretariat = relationTo(p, review) === 'secretariat';
    if (secretariat && body.offPlatformNote === undefined)
      throw new ValidationError(
        'body.offPlatformNote: the secretariat records an off-platform agreement with a note',
      );
    if (!secretariat && (body.offPlatformNote !== undefined || body.outcomes !== undefined))
      throw new ValidationError(
        `body.${body.offPlatformNote !== undefined ? 'offPlatformNote' : 'outcomes'}: only the secretariat records off-platform agreements`,
      );
    // A confirmation lost to a parallel one (the list's revision moved) is tried again on a
    // fresh read, so the last of several parallel confirmations sees the others and finalises;
    // a list whose entries changed meanwhile, or that another request finalised, is a 409.
    let confirmedVersion: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await confirmOnce(
          p,
          review,
          secretariat,
          { note: body.offPlatformNote, outcomes: body.outcomes },
          confirmedVersion,
          now,
        );
      } catch (err) {
        if (!(err instanceof LostConfirmationRace)) throw err;
        if (attempt >= 6) throw err.cause;
        confirmedVersion = err.listVersion;
        review = await loadReviewFor(p, params.reviewId, 'observations.finalize');
      }
    }
  },

  exportReview: async ({ principal, params, now }) => {
    const p = userOf(principal);
    const review = await loadReviewFor(p, params.reviewId, 'review.export');
    const readable = visibleTo(p, review);
    const full = readable.includes('reviewers');
    const [dialogue, entries, list, audit, versions] = await Promise.all([
      loadAllComments(review.reviewId),
      listEntries(review.reviewId),
      getList(review.reviewId),
      allAudit(review.reviewId),
      Promise.all(review.instruments.map((i) => listVersions(review.reviewId, i))),
    ]);
    const comments = dialogue.comments
      .filter((c) => readable.includes(c.visibility))
      .map((c) => ({
        ...c,
        history: dialogue.versions.filter(
          (v) => v.commentId === c.commentId && readable.includes(v.visibility),
        ),
        responses: dialogue.responses.filter((r) => r.commentId === c.commentId),
      }));
    const readableIds = new Set(comments.map((c) => c.commentId));
    const document = {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      reviewId: review.reviewId,
      exportedAt: now.toISOString(),
      exportedBy: p.sub,
      /** `full` for the secretariat; `reviewed-state` leaves out what only reviewers may see. */
      scope: full ? 'full' : 'reviewed-state',
      review,
      // The submitted versions (records with the S3 key and SHA-256 of each frozen document);
      // the documents themselves are archived in S3 and checked against these digests.
      selfAssessmentVersions: versions.flat().filter((v) => v.status === 'submitted'),
      comments,
      observations: { list, entries },
      // Entries about a comment follow the comment's current visibility too: a reply narrowed
      // with its thread leaves the reviewed State's export with its earlier entries.
      audit: audit.filter(
        (a) =>
          full ||
          (a.details?.visibility !== 'reviewers' &&
            (!a.object.startsWith('comment/') || readableIds.has(a.object.slice('comment/'.length)))),
      ),
    };
    return { body: { document, sha256: exportDigest(document) } };
  },
};
