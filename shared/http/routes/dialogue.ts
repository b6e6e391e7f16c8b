/**
 * The dialogue of a review: comments on the submitted self-assessment, responses of the reviewed
 * State, "seen" markers, the list of observations and the export of the whole history.
 * Layout and rules: docs/dialogue.md.
 */
import * as z from 'zod';
import { CommentActionSchema } from '../../domain/comment-actions.ts';
import {
  AnchorSchema,
  AttachmentRefSchema,
  CommentSchema,
  CommentStatusSchema,
  CommentTypeSchema,
  CommentVersionSchema,
  DialogueTextSchema,
  EntryActionSchema,
  EntrySchema,
  ObservationListSchema,
  ResponseSchema,
  VisibilitySchema,
} from '../../domain/dialogue.ts';
import { DialogueIdSchema, ReviewIdSchema } from '../../domain/ids.ts';
import { OffPlatformOutcomesSchema } from '../../domain/off-platform.ts';
import { ArticleIdSchema, ObservationKindSchema } from '../../domain/types.ts';
import { defineRoute } from '../route.ts';

const ReviewParamsSchema = z.object({ reviewId: ReviewIdSchema });
const CommentParamsSchema = z.object({ reviewId: ReviewIdSchema, commentId: DialogueIdSchema });
const ObservationParamsSchema = z.object({
  reviewId: ReviewIdSchema,
  observationId: DialogueIdSchema,
});

const COMMENT_PAGE_MAX = 100;

const CommentListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(COMMENT_PAGE_MAX).default(50),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
    article: ArticleIdSchema.optional(),
    status: CommentStatusSchema.optional(),
    parentId: DialogueIdSchema.optional(),
    includeDeleted: z.enum(['true', 'false']).optional(),
  })
  .strict();

const CreateCommentSchema = z.strictObject({
  /** Required on a new thread; a reply takes its parent's anchor (and may repeat it). */
  anchor: AnchorSchema.optional(),
  type: CommentTypeSchema,
  /** Set explicitly on every comment: there is no default audience. */
  visibility: VisibilitySchema,
  text: DialogueTextSchema,
  parentId: DialogueIdSchema.optional(),
});

const EditCommentSchema = z
  .strictObject({
    text: DialogueTextSchema.optional(),
    type: CommentTypeSchema.optional(),
    visibility: VisibilitySchema.optional(),
  })
  .refine((b) => b.text !== undefined || b.type !== undefined || b.visibility !== undefined, {
    message: 'change at least one of text, type, visibility',
  });

const CreateResponseSchema = z.strictObject({
  text: DialogueTextSchema,
  attachment: AttachmentRefSchema.optional(),
});

const CommentStatusChangeSchema = z.strictObject({ action: z.enum(['resolve', 'reopen']) });

const MarkSeenSchema = z.strictObject({
  commentIds: z.array(DialogueIdSchema).min(1).max(100),
});

/** A comment as one caller sees it: `seen` when that caller has marked its current version. */
export const CommentViewSchema = CommentSchema.extend({
  seen: z.boolean(),
  /** What the caller may do on the comment now (shared/domain/comment-actions.ts); the UI offers these. */
  actions: z.array(CommentActionSchema),
});

const CommentCountsSchema = z.object({
  open: z.int(),
  answered: z.int(),
  resolved: z.int(),
  deleted: z.int(),
  total: z.int(),
});

const DialogueSummarySchema = z.object({
  reviewId: z.string(),
  reviewState: z.string(),
  /** Comments the caller may see, by status (from the counters kept with every change). */
  counts: CommentCountsSchema,
  /** Comments the caller may see whose current version the caller has not marked seen. */
  unseen: z.int(),
  observations: z.object({
    entries: z.record(z.string(), z.int()),
    finalised: z.boolean(),
  }),
});

const CreateObservationSchema = z.strictObject({
  article: ArticleIdSchema,
  kind: ObservationKindSchema,
  text: DialogueTextSchema,
});

const ReviseObservationSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('revise'),
    text: DialogueTextSchema.optional(),
    kind: ObservationKindSchema.optional(),
    article: ArticleIdSchema.optional(),
  }),
  z.strictObject({ action: z.literal('accept-amendment') }),
  z.strictObject({ action: z.literal('withdraw'), reason: DialogueTextSchema }),
]);

const RespondToObservationSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('agree') }),
  z.strictObject({ action: z.literal('amend'), text: DialogueTextSchema }),
  z.strictObject({ action: z.literal('dispute'), reason: DialogueTextSchema }),
]);

const ConfirmObservationsSchema = z.strictObject({
  /** Secretariat only: records an agreement reached off the platform, with a note saying how. */
  offPlatformNote: DialogueTextSchema.optional(),
  /**
   * Secretariat only: the outcome agreed off the platform for each entry still open (draft,
   * amended, disputed) — `agreed` or `withdrawn` (docs/dialogue.md).
   */
  outcomes: OffPlatformOutcomesSchema.optional(),
});

const FinalisationSchema = z.object({
  complete: z.boolean(),
  notAgreed: z.array(z.string()),
  awaiting: z.array(z.string()),
  reasons: z.array(z.string()),
});

export const ObservationsViewSchema = z.object({
  entries: z.array(EntrySchema),
  list: ObservationListSchema,
  finalisation: FinalisationSchema,
  reviewState: z.string(),
  /** On GET: what the caller may do on each entry now (entry id → actions). */
  entryActions: z.record(z.string(), z.array(EntryActionSchema)).optional(),
});

const ExportSchema = z.object({
  document: z.record(z.string(), z.unknown()),
  /** Lower-case hex SHA-256 of the canonical JSON of `document` (sorted keys, no whitespace). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const tags = ['dialogue'];

export const dialogueRoutes = [
  defineRoute({
    operationId: 'listComments',
    method: 'GET',
    path: '/reviews/{reviewId}/comments',
    fn: 'dialogue',
    auth: 'user',
    summary:
      'Comments the caller may see, oldest first, a page at a time (filters: article, status, parentId)',
    tags,
    params: ReviewParamsSchema,
    query: CommentListQuerySchema,
    response: z.object({ comments: z.array(CommentViewSchema), nextCursor: z.string().optional() }),
  }),
  defineRoute({
    operationId: 'createComment',
    method: 'POST',
    path: '/reviews/{reviewId}/comments',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Comment on the submitted self-assessment, or reply to a comment (experts of a reviewing State)',
    tags,
    params: ReviewParamsSchema,
    body: CreateCommentSchema,
    response: CommentSchema,
    status: 201,
    // The key is taken in the comment's own transaction: 3 storage round trips (docs/benchmarks.md).
    idempotent: 'in-transaction',
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'getComment',
    method: 'GET',
    path: '/reviews/{reviewId}/comments/{commentId}',
    fn: 'dialogue',
    auth: 'user',
    summary: 'One comment with its responses',
    tags,
    params: CommentParamsSchema,
    response: z.object({ comment: CommentViewSchema, responses: z.array(ResponseSchema) }),
  }),
  defineRoute({
    operationId: 'editComment',
    method: 'PATCH',
    path: '/reviews/{reviewId}/comments/{commentId}',
    fn: 'dialogue',
    auth: 'user',
    summary:
      'Edit a comment (its author; If-Match: the version read); the earlier version stays in the history',
    tags,
    params: CommentParamsSchema,
    version: 'required',
    body: EditCommentSchema,
    response: CommentSchema,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'deleteComment',
    method: 'DELETE',
    path: '/reviews/{reviewId}/comments/{commentId}',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Soft-delete a comment (its author or the secretariat); it stays in the history, marked deleted',
    tags,
    params: CommentParamsSchema,
    version: 'optional',
    response: CommentSchema,
  }),
  defineRoute({
    operationId: 'getCommentHistory',
    method: 'GET',
    path: '/reviews/{reviewId}/comments/{commentId}/history',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Every version of a comment (edits, status changes, deletion), oldest first',
    tags,
    params: CommentParamsSchema,
    response: z.object({ versions: z.array(CommentVersionSchema) }),
  }),
  defineRoute({
    operationId: 'createResponse',
    method: 'POST',
    path: '/reviews/{reviewId}/comments/{commentId}/responses',
    fn: 'dialogue',
    auth: 'user',
    summary:
      'Respond to a comment (the reviewed State; text and an optional attachment); the comment becomes answered',
    tags,
    params: CommentParamsSchema,
    body: CreateResponseSchema,
    response: z.object({ response: ResponseSchema, comment: CommentSchema }),
    status: 201,
    idempotent: true,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'changeCommentStatus',
    method: 'POST',
    path: '/reviews/{reviewId}/comments/{commentId}/status',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Resolve or reopen a comment (the reviewing States)',
    tags,
    params: CommentParamsSchema,
    version: 'optional',
    body: CommentStatusChangeSchema,
    response: CommentSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getDialogueSummary',
    method: 'GET',
    path: '/reviews/{reviewId}/dialogue',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Dashboard figures: comments by status, comments not yet seen, observation entries by status',
    tags,
    params: ReviewParamsSchema,
    response: DialogueSummarySchema,
  }),
  defineRoute({
    operationId: 'markCommentsSeen',
    method: 'PUT',
    path: '/reviews/{reviewId}/seen',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Mark comments as seen by the caller at their current versions',
    tags,
    params: ReviewParamsSchema,
    body: MarkSeenSchema,
    response: z.object({ marked: z.int() }),
  }),
  defineRoute({
    operationId: 'listObservations',
    method: 'GET',
    path: '/reviews/{reviewId}/observations',
    fn: 'dialogue',
    auth: 'user',
    summary: 'The list of observations: entries, confirmations and what finalisation still needs',
    tags,
    params: ReviewParamsSchema,
    response: ObservationsViewSchema,
  }),
  defineRoute({
    operationId: 'createObservation',
    method: 'POST',
    path: '/reviews/{reviewId}/observations',
    fn: 'dialogue',
    auth: 'user',
    summary: 'Draft an entry of the list of observations (experts and focal points of a reviewing State)',
    tags,
    params: ReviewParamsSchema,
    body: CreateObservationSchema,
    response: EntrySchema,
    status: 201,
    idempotent: true,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'reviseObservation',
    method: 'PATCH',
    path: '/reviews/{reviewId}/observations/{observationId}',
    fn: 'dialogue',
    auth: 'user',
    summary:
      'Reviewers revise an entry, accept the amendment of the reviewed State, or withdraw it (If-Match)',
    tags,
    params: ObservationParamsSchema,
    version: 'required',
    body: ReviseObservationSchema,
    response: EntrySchema,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'respondToObservation',
    method: 'POST',
    path: '/reviews/{reviewId}/observations/{observationId}/responses',
    fn: 'dialogue',
    auth: 'user',
    summary: 'The reviewed State agrees to, amends or disputes an entry (If-Match: the version it read)',
    tags,
    params: ObservationParamsSchema,
    version: 'required',
    body: RespondToObservationSchema,
    response: EntrySchema,
    idempotent: true,
    maxBodyBytes: 64 * 1024,
  }),
  defineRoute({
    operationId: 'confirmObservations',
    method: 'POST',
    path: '/reviews/{reviewId}/observations/confirmations',
    fn: 'dialogue',
    auth: 'user',
    summary:
      'A focal point confirms the agreed list, or the secretariat records an off-platform agreement; complete → observations-agreed',
    tags,
    params: ReviewParamsSchema,
    body: ConfirmObservationsSchema,
    response: ObservationsViewSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'exportReview',
    method: 'GET',
    path: '/reviews/{reviewId}/export',
    fn: 'dialogue',
    auth: 'user',
    summary: 'The whole history of a review as one JSON document with its SHA-256 digest, for archiving',
    tags,
    params: ReviewParamsSchema,
    response: ExportSchema,
  }),
] as const;
