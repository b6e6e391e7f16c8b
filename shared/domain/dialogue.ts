/**
 * The dialogue between reviewing and reviewed States, as pure rules over plain data: comments
 * (anchored to the submitted self-assessment, threaded, versioned), their status machine
 * (open → answered → resolved, reopen), the per-visibility status counters, and the list of
 * observations (entry transitions and the finalisation check). No I/O: the repositories apply
 * these decisions with conditional writes so concurrent changes are rejected, never lost.
 */
import * as z from 'zod';
import { AttachmentIdSchema, DialogueIdSchema } from './ids.ts';
import { questionnaireForInstrument } from './questionnaire/catalog.ts';
import type { QuestionnaireDefinition } from './questionnaire/definition.ts';
import { articleIndex } from './questionnaire/lookup.ts';
import {
  type ArticleId,
  ArticleIdSchema,
  type FourP,
  FourPSchema,
  type Instrument,
  InstrumentSchema,
  Iso3Schema,
  ObservationKindSchema,
} from './types.ts';
import type { ReviewState } from './workflow.ts';

/** Longest comment, response or observation text accepted (characters). */
const DIALOGUE_TEXT_MAX = 10_000;
export const DialogueTextSchema = z.string().trim().min(1).max(DIALOGUE_TEXT_MAX);

const COMMENT_TYPES = ['observation', 'clarification-request'] as const;
export const CommentTypeSchema = z.enum(COMMENT_TYPES);
type CommentType = z.infer<typeof CommentTypeSchema>;

/** Who may read a comment: the reviewers and the secretariat only, or also the reviewed State. */
export const VISIBILITIES = ['reviewers', 'all'] as const;
export const VisibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof VisibilitySchema>;

const COMMENT_STATUSES = ['open', 'answered', 'resolved'] as const;
export const CommentStatusSchema = z.enum(COMMENT_STATUSES);
export type CommentStatus = z.infer<typeof CommentStatusSchema>;

/** Where a comment points: a question (or a whole article) of a submitted self-assessment version. */
export const AnchorSchema = z.strictObject({
  instrument: InstrumentSchema,
  article: ArticleIdSchema,
  questionId: z.string().min(1).max(64).optional(),
  submissionVersion: z.int().min(1),
});
export type Anchor = z.infer<typeof AnchorSchema>;

/** A file the reviewed State uploaded beforehand (self-assessment attachments), referenced by id. */
export const AttachmentRefSchema = z.strictObject({
  attachmentId: AttachmentIdSchema,
});

/** The attachment as recorded with a response: what it was when the response was written. */
const ResponseAttachmentSchema = z.object({
  attachmentId: z.string(),
  instrument: InstrumentSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.int().nonnegative().optional(),
  sha256: z.string().optional(),
});
export type ResponseAttachment = z.infer<typeof ResponseAttachmentSchema>;

export const CommentSchema = z.object({
  reviewId: z.string(),
  commentId: DialogueIdSchema,
  /** Set on replies: the comment replied to. */
  parentId: DialogueIdSchema.optional(),
  anchor: AnchorSchema,
  type: CommentTypeSchema,
  visibility: VisibilitySchema,
  text: z.string(),
  status: CommentStatusSchema,
  responseCount: z.int().nonnegative(),
  authorSub: z.string(),
  authorName: z.string(),
  authorState: Iso3Schema.nullable(),
  /** Soft delete: the comment stays, with its history, marked deleted. */
  deletedAt: z.iso.datetime().optional(),
  deletedBy: z.string().optional(),
  /** Bumped by every change, a response included (so "seen" markers can compare versions). */
  version: z.int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Comment = z.infer<typeof CommentSchema>;

/** One immutable entry of a comment's history: the comment as it was at `version`, and why. */
const COMMENT_CHANGES = [
  'created',
  'edited',
  'answered',
  'resolved',
  'reopened',
  'deleted',
  /** Narrowed to reviewers-only along with the comment it replies to. */
  'narrowed',
] as const;
const CommentChangeSchema = z.enum(COMMENT_CHANGES);
export type CommentChange = z.infer<typeof CommentChangeSchema>;

export const CommentVersionSchema = z.object({
  commentId: DialogueIdSchema,
  version: z.int().positive(),
  change: CommentChangeSchema,
  by: z.string(),
  at: z.iso.datetime(),
  type: CommentTypeSchema,
  visibility: VisibilitySchema,
  text: z.string(),
  status: CommentStatusSchema,
  deleted: z.boolean(),
});
export type CommentVersion = z.infer<typeof CommentVersionSchema>;

export const ResponseSchema = z.object({
  reviewId: z.string(),
  commentId: DialogueIdSchema,
  responseId: DialogueIdSchema,
  text: z.string(),
  attachment: ResponseAttachmentSchema.optional(),
  authorSub: z.string(),
  authorName: z.string(),
  authorState: Iso3Schema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Response = z.infer<typeof ResponseSchema>;

/**
 * Review states in which the dialogue on comments is open: once a self-assessment is submitted,
 * until the summary is agreed. A policy (DOMAIN.md gives no rule), kept in one place.
 */
const COMMENTING_STATES: readonly ReviewState[] = [
  'self-assessment-submitted',
  'desk-review',
  'dialogue',
  'observations-agreed',
];
/** Review states in which reviewers draft and the reviewed State answers the list of observations. */
const OBSERVATION_STATES: readonly ReviewState[] = ['desk-review', 'dialogue'];

export type Check = { ok: true } | { ok: false; reason: string };
const ok: Check = { ok: true };
const no = (reason: string): Check => ({ ok: false, reason });

export const commentingOpen = (state: ReviewState): Check =>
  COMMENTING_STATES.includes(state)
    ? ok
    : no(`the dialogue is not open while the review is ${state} (open in: ${COMMENTING_STATES.join(', ')})`);

export const observationsOpen = (state: ReviewState): Check =>
  OBSERVATION_STATES.includes(state)
    ? ok
    : no(
        `the list of observations cannot change while the review is ${state} (open in: ${OBSERVATION_STATES.join(', ')})`,
      );

/** Whether an article exists in the questionnaire of its instrument; its title, cluster and four Ps. */
export interface ArticleInfo {
  article: ArticleId;
  title: string;
  cluster: number;
  fourP: readonly FourP[];
}

/**
 * The questionnaire version a review uses for each of its instruments (the managed version its
 * self-assessment records, or the newest one: use-cases/questionnaires/catalog.ts). An instrument
 * missing from it falls back to the shipped definition.
 */
export type ReviewQuestionnaires = ReadonlyMap<Instrument, QuestionnaireDefinition>;

const definitionFor = (instrument: Instrument, defs?: ReviewQuestionnaires): QuestionnaireDefinition =>
  defs?.get(instrument) ?? questionnaireForInstrument(instrument);

export const articleInfo = (article: ArticleId, defs?: ReviewQuestionnaires): ArticleInfo | undefined => {
  const instrument = InstrumentSchema.safeParse(article.split('.')[0]);
  if (!instrument.success) return undefined;
  for (const loc of articleIndex(definitionFor(instrument.data, defs)).values()) {
    if (loc.articleId === article)
      return { article, title: loc.articleTitle, cluster: loc.cluster, fourP: loc.fourP };
  }
  return undefined;
};

/**
 * An anchor is valid when its instrument is one the review covers, its article is in that
 * instrument's questionnaire (the version the review uses), and its question (if any) belongs
 * to that article.
 */
export const checkAnchor = (
  anchor: Anchor,
  reviewInstruments: readonly Instrument[],
  defs?: ReviewQuestionnaires,
): Check => {
  if (!reviewInstruments.includes(anchor.instrument))
    return no(`anchor.instrument: ${anchor.instrument} is not an instrument of this review`);
  if (anchor.article.split('.')[0] !== anchor.instrument)
    return no(`anchor.article: ${anchor.article} is not an article of ${anchor.instrument}`);
  const index = articleIndex(definitionFor(anchor.instrument, defs));
  if (anchor.questionId !== undefined) {
    const loc = index.get(anchor.questionId);
    if (!loc) return no(`anchor.questionId: ${anchor.questionId} is not a question of the questionnaire`);
    if (loc.articleId !== anchor.article)
      return no(`anchor.questionId: ${anchor.questionId} belongs to ${loc.articleId}, not ${anchor.article}`);
    return ok;
  }
  return articleInfo(anchor.article, defs)
    ? ok
    : no(`anchor.article: ${anchor.article} is not in the questionnaire`);
};

/** Whether `a` shows a comment to more people than `b`. */
const wider = (a: Visibility, b: Visibility): boolean => a === 'all' && b === 'reviewers';

/**
 * The rule of threads: a reply is never shown to more people than the comment it answers. It
 * holds when a reply is posted (`checkReply`), when a reply is widened (`applyCommentEvent` with
 * the parent), and when a comment is narrowed (`repliesNarrowedWith` carries its replies along).
 */
const checkReplyVisibility = (parent: Pick<Comment, 'visibility'>, visibility: Visibility): Check =>
  wider(visibility, parent.visibility)
    ? no('visibility: a reply may not be shown to more people than the comment it answers (reviewers only)')
    : ok;

/** A reply may be posted under a live comment, and never wider than it. */
export const checkReply = (parent: Comment, visibility: Visibility): Check => {
  if (parent.deletedAt) return no('parentId: the comment replied to was deleted');
  return checkReplyVisibility(parent, visibility);
};

/** Every comment below `root` in its thread (replies, replies to replies...), nearest first. */
const descendantsOf = (root: Comment, all: readonly Comment[]): Comment[] => {
  const children = new Map<string, Comment[]>();
  for (const c of all) {
    if (!c.parentId) continue;
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  const out: Comment[] = [];
  const queue = [root.commentId];
  const seen = new Set(queue);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of children.get(id) ?? []) {
      if (seen.has(child.commentId)) continue;
      seen.add(child.commentId);
      out.push(child);
      queue.push(child.commentId);
    }
  }
  return out;
};

export type NarrowingOutcome =
  | { ok: true; replies: { before: Comment; after: Comment }[] }
  | { ok: false; reason: string };

/**
 * What narrowing `c` to reviewers-only does to its thread: every reply below it still visible to
 * all (deleted and resolved ones included) becomes reviewers-only in the same change, so the
 * reviewed State sees neither the replies nor the id of the comment they answer. Refused when the
 * reviewed State has responded to one of them: it may not lose sight of what it answered.
 */
export const repliesNarrowedWith = (
  c: Comment,
  visibility: Visibility,
  thread: readonly Comment[],
  at: { now: string },
): NarrowingOutcome => {
  if (!wider(c.visibility, visibility)) return { ok: true, replies: [] };
  const replies = descendantsOf(c, thread).filter((r) => r.visibility === 'all');
  const answered = replies.find((r) => r.responseCount > 0);
  if (answered)
    return {
      ok: false,
      reason: `visibility: the reviewed State has responded to reply ${answered.commentId}; the thread cannot be hidden from it`,
    };
  return {
    ok: true,
    replies: replies.map((before) => ({
      before,
      after: { ...before, visibility: 'reviewers', version: before.version + 1, updatedAt: at.now },
    })),
  };
};

export type CommentEvent =
  | {
      kind: 'edit';
      text?: string;
      type?: CommentType;
      visibility?: Visibility;
      /** For a reply: the comment it answers, as it is now (a reply is never wider than it). */
      parent?: Pick<Comment, 'visibility'>;
    }
  | { kind: 'respond' }
  | { kind: 'resolve' }
  | { kind: 'reopen' }
  | { kind: 'delete' };

export type CommentOutcome =
  | { ok: true; next: Comment; change: CommentChange }
  | { ok: false; reason: string };

/**
 * The comment status machine. `respond` moves open → answered (answered stays answered);
 * `resolve` is open|answered → resolved; `reopen` goes back to answered when it has responses,
 * else open. A deleted comment changes no more; a resolved one is reopened before edits or responses.
 */
export const applyCommentEvent = (
  c: Comment,
  e: CommentEvent,
  at: { by: string; now: string },
): CommentOutcome => {
  if (c.deletedAt) return { ok: false, reason: 'the comment was deleted' };
  const bump = { version: c.version + 1, updatedAt: at.now };
  switch (e.kind) {
    case 'edit': {
      if (c.status === 'resolved') return { ok: false, reason: 'the comment is resolved; reopen it first' };
      const visibility = e.visibility ?? c.visibility;
      if (e.parent && wider(visibility, c.visibility)) {
        const reply = checkReplyVisibility(e.parent, visibility);
        if (!reply.ok) return reply;
      }
      if (c.visibility === 'all' && visibility === 'reviewers' && c.responseCount > 0)
        return {
          ok: false,
          reason: 'visibility: the reviewed State has responded; the comment cannot be hidden from it',
        };
      const next: Comment = { ...c, ...bump, text: e.text ?? c.text, type: e.type ?? c.type, visibility };
      return { ok: true, next, change: 'edited' };
    }
    case 'respond':
      if (c.visibility !== 'all')
        return { ok: false, reason: 'the comment is not visible to the reviewed State' };
      if (c.status === 'resolved') return { ok: false, reason: 'the comment is resolved; reopen it first' };
      return {
        ok: true,
        next: { ...c, ...bump, status: 'answered', responseCount: c.responseCount + 1 },
        change: 'answered',
      };
    case 'resolve':
      if (c.status === 'resolved') return { ok: false, reason: 'the comment is already resolved' };
      return { ok: true, next: { ...c, ...bump, status: 'resolved' }, change: 'resolved' };
    case 'reopen':
      if (c.status !== 'resolved') return { ok: false, reason: `the comment is ${c.status}, not resolved` };
      return {
        ok: true,
        next: { ...c, ...bump, status: c.responseCount > 0 ? 'answered' : 'open' },
        change: 'reopened',
      };
    case 'delete':
      return { ok: true, next: { ...c, ...bump, deletedAt: at.now, deletedBy: at.by }, change: 'deleted' };
  }
};

/** The history entry recording a comment as it is after a change. */
export const versionOf = (c: Comment, change: CommentChange, by: string): CommentVersion => ({
  commentId: c.commentId,
  version: c.version,
  change,
  by,
  at: c.updatedAt,
  type: c.type,
  visibility: c.visibility,
  text: c.text,
  status: c.status,
  deleted: c.deletedAt !== undefined,
});

/** Counter buckets: per visibility, one per status plus deleted. */
export type CounterBucket = `${Visibility}.${CommentStatus | 'deleted'}`;
export const COUNTER_BUCKETS: readonly CounterBucket[] = VISIBILITIES.flatMap((v) =>
  [...COMMENT_STATUSES, 'deleted' as const].map((s) => `${v}.${s}` as const),
);

const bucketOf = (c: Comment): CounterBucket => `${c.visibility}.${c.deletedAt ? 'deleted' : c.status}`;

/** How a change moves the counters (a created comment has no `before`). Zero entries are omitted. */
export const counterDelta = (
  before: Comment | undefined,
  after: Comment,
): Partial<Record<CounterBucket, number>> => {
  const delta: Partial<Record<CounterBucket, number>> = {};
  const add = (b: CounterBucket, n: number) => {
    const v = (delta[b] ?? 0) + n;
    if (v === 0) delete delta[b];
    else delta[b] = v;
  };
  if (before) add(bucketOf(before), -1);
  add(bucketOf(after), 1);
  return delta;
};

export type CommentCounts = Record<CommentStatus | 'deleted', number> & { total: number };

/** Counts one audience may see: the reviewed State sees only comments visible to all. */
export const countsFor = (
  buckets: Partial<Record<CounterBucket, number>>,
  visibilities: readonly Visibility[],
): CommentCounts => {
  const out: CommentCounts = { open: 0, answered: 0, resolved: 0, deleted: 0, total: 0 };
  for (const v of visibilities) {
    for (const s of [...COMMENT_STATUSES, 'deleted'] as const) {
      const n = buckets[`${v}.${s}`] ?? 0;
      out[s] += n;
      if (s !== 'deleted') out.total += n;
    }
  }
  return out;
};

/** The same counts recomputed from the comments themselves (for checks and repairs). */
export const countComments = (comments: readonly Comment[]): Partial<Record<CounterBucket, number>> => {
  const out: Partial<Record<CounterBucket, number>> = {};
  for (const c of comments) out[bucketOf(c)] = (out[bucketOf(c)] ?? 0) + 1;
  return out;
};

// ---------------------------------------------------------------------------------------------
// List of observations

/**
 * Life of an entry: drafted by the reviewers (`draft`); the reviewed State agrees (`agreed`),
 * amends it with new text (`amended`) or disputes it with a reason (`disputed`); the reviewers
 * accept an amendment (`agreed`), revise (back to `draft`) or withdraw it (`withdrawn`).
 */
const ENTRY_STATUSES = ['draft', 'agreed', 'amended', 'disputed', 'withdrawn'] as const;
const EntryStatusSchema = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;

const ENTRY_ACTIONS = [
  'draft',
  'revise',
  'accept-amendment',
  'withdraw',
  'agree',
  'amend',
  'dispute',
  // The secretariat's record of an outcome agreed off the platform (shared/domain/off-platform.ts).
  'off-platform',
] as const;
export const EntryActionSchema = z.enum(ENTRY_ACTIONS);
type EntryAction = z.infer<typeof EntryActionSchema>;

const EntryHistorySchema = z.object({
  version: z.int().positive(),
  action: EntryActionSchema,
  by: z.string(),
  at: z.iso.datetime(),
  status: EntryStatusSchema,
  text: z.string(),
  reason: z.string().optional(),
});
export type EntryHistory = z.infer<typeof EntryHistorySchema>;

export const EntrySchema = z.object({
  reviewId: z.string(),
  id: DialogueIdSchema,
  article: ArticleIdSchema,
  articleTitle: z.string().min(1).optional(),
  kind: ObservationKindSchema,
  text: z.string(),
  status: EntryStatusSchema,
  /** Reason of the last dispute or withdrawal. */
  reason: z.string().optional(),
  fourP: z.array(FourPSchema).optional(),
  cluster: z.int().min(1).max(4).optional(),
  history: z.array(EntryHistorySchema),
  version: z.int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Entry = z.infer<typeof EntrySchema>;

export type ReviewerEntryAction =
  | { action: 'revise'; text?: string; kind?: Entry['kind']; article?: ArticleId }
  | { action: 'accept-amendment' }
  | { action: 'withdraw'; reason: string };

export type ReviewedEntryAction =
  | { action: 'agree' }
  | { action: 'amend'; text: string }
  | { action: 'dispute'; reason: string };

export type EntryOutcome = { ok: true; next: Entry } | { ok: false; reason: string };

type PartyAction = Exclude<EntryAction, 'draft' | 'off-platform'>;

const FROM: Record<PartyAction, readonly EntryStatus[]> = {
  revise: ['draft', 'amended', 'disputed'],
  'accept-amendment': ['amended'],
  withdraw: ['draft', 'amended', 'disputed'],
  agree: ['draft', 'disputed'],
  amend: ['draft', 'disputed'],
  dispute: ['draft', 'amended'],
};

const TO: Record<PartyAction, EntryStatus> = {
  revise: 'draft',
  'accept-amendment': 'agreed',
  withdraw: 'withdrawn',
  agree: 'agreed',
  amend: 'amended',
  dispute: 'disputed',
};

const PARTY_ACTIONS = {
  reviewers: ['revise', 'accept-amendment', 'withdraw'],
  reviewed: ['agree', 'amend', 'dispute'],
} as const satisfies Record<string, readonly PartyAction[]>;

/** The actions one side may take on an entry in its current status. */
export const entryActionsFor = (status: EntryStatus, side: keyof typeof PARTY_ACTIONS): PartyAction[] =>
  PARTY_ACTIONS[side].filter((a) => FROM[a].includes(status));

/** Applies one action (by either side) to an entry, with its history line. */
export const applyEntryAction = (
  e: Entry,
  a: ReviewerEntryAction | ReviewedEntryAction,
  at: { by: string; now: string },
  /** The questionnaires the review uses, for an entry moved to another article. */
  defs?: ReviewQuestionnaires,
): EntryOutcome => {
  if (!FROM[a.action].includes(e.status))
    return {
      ok: false,
      reason: `cannot ${a.action} an entry that is ${e.status} (allowed from: ${FROM[a.action].join(', ')})`,
    };
  const status = TO[a.action];
  let next: Entry = { ...e, status, version: e.version + 1, updatedAt: at.now };
  if (a.action === 'revise') {
    if (a.text === undefined && a.kind === undefined && a.article === undefined && e.status === 'draft')
      return { ok: false, reason: 'a revision changes the text, kind or article' };
    next = { ...next, text: a.text ?? e.text, kind: a.kind ?? e.kind, reason: undefined };
    if (a.article !== undefined && a.article !== e.article) {
      const info = articleInfo(a.article, defs);
      if (!info) return { ok: false, reason: `article: ${a.article} is not in the questionnaire` };
      next = {
        ...next,
        article: a.article,
        articleTitle: info.title,
        cluster: info.cluster,
        fourP: [...info.fourP],
      };
    }
  }
  if (a.action === 'amend') next = { ...next, text: a.text, reason: undefined };
  if (a.action === 'dispute' || a.action === 'withdraw') next = { ...next, reason: a.reason };
  if (a.action === 'agree' || a.action === 'accept-amendment') next = { ...next, reason: undefined };
  const line: EntryHistory = {
    version: next.version,
    action: a.action,
    by: at.by,
    at: at.now,
    status,
    text: next.text,
    ...(next.reason !== undefined ? { reason: next.reason } : {}),
  };
  return { ok: true, next: { ...next, history: [...e.history, line] } };
};

/** The side of the list a party is on, for confirmations. */
const ListConfirmationSchema = z.object({
  by: z.string(),
  at: z.iso.datetime(),
  /** The list version confirmed; a later change to any entry makes the confirmation stale. */
  listVersion: z.int().nonnegative(),
});
export type ListConfirmation = z.infer<typeof ListConfirmationSchema>;

export const ObservationListSchema = z.object({
  reviewId: z.string(),
  /** Bumped by every entry change; confirmations name the version they saw. */
  version: z.int().nonnegative(),
  /**
   * Bumped by every write of the list (entry changes, confirmations, finalisation), so a write
   * can require that nobody else confirmed since it read: parallel confirmations cannot all
   * record themselves and each miss the others (absent on lists from before it existed).
   */
  revision: z.int().positive().optional(),
  /** ISO3 of the confirming State → its focal point's confirmation. */
  confirmations: z.record(z.string(), ListConfirmationSchema),
  finalisedAt: z.iso.datetime().optional(),
  finalisedBy: z.string().optional(),
  /** Set when the secretariat recorded an agreement reached off the platform. */
  offPlatformNote: z.string().optional(),
});
export type ObservationList = z.infer<typeof ObservationListSchema>;

export const emptyList = (reviewId: string): ObservationList => ({ reviewId, version: 0, confirmations: {} });

export interface FinalisationCheck {
  complete: boolean;
  /** Entries not yet agreed (withdrawn entries do not count). */
  notAgreed: string[];
  /** States whose focal point has not confirmed the current version of the list. */
  awaiting: string[];
  reasons: string[];
}

/**
 * The list is final when it has at least one live entry, every live entry is agreed, and either
 * the focal points of the reviewed State and of every reviewing State confirmed its current
 * version, or the secretariat recorded an off-platform agreement.
 */
export const checkFinalisation = (
  entries: readonly Entry[],
  list: ObservationList,
  parties: { reviewedState: string; reviewerStates: readonly string[] },
  offPlatform: boolean,
): FinalisationCheck => {
  const live = entries.filter((e) => e.status !== 'withdrawn');
  const notAgreed = live.filter((e) => e.status !== 'agreed').map((e) => e.id);
  const awaiting = offPlatform
    ? []
    : [parties.reviewedState, ...parties.reviewerStates].filter(
        (s) => list.confirmations[s]?.listVersion !== list.version,
      );
  const reasons: string[] = [];
  if (list.finalisedAt) reasons.push('the list is already final');
  if (live.length === 0) reasons.push('the list has no entries');
  if (notAgreed.length) reasons.push(`${notAgreed.length} entries are not agreed`);
  if (awaiting.length) reasons.push(`awaiting confirmation by ${awaiting.join(', ')}`);
  return { complete: reasons.length === 0, notAgreed, awaiting, reasons };
};
