/**
 * Comments, their immutable history, responses, per-visibility status counters and "seen"
 * markers, all in the review's partition (layout in docs/dialogue.md):
 *
 *   COMMENT#{id}                 the comment as it is now (version n)
 *   COMMENT#{id}#H#{n:6}         the comment as it was at version n (never changed)
 *   COMMENT#{id}#R#{responseId}  a response of the reviewed State
 *   COMMENT#{id}#T               how many replies were ever posted under the comment (a
 *                                narrowing of the thread is conditioned on it: no reply slips in)
 *   DIALOGUE#COUNTS              counters per visibility × status (ADD in the same transaction)
 *   SEEN#{sub}#{commentId}       the comment version a user has seen
 *
 * Every change is one transaction: the comment conditioned on the version read, its history
 * entry, the counter deltas, the audit entry and any notification. A lost race is a clean
 * ConflictError; nothing is half-written, so counts always equal the comments.
 */
import { randomInt } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import {
  COUNTER_BUCKETS,
  type Comment,
  type CommentChange,
  CommentSchema,
  type CommentVersion,
  CommentVersionSchema,
  type CounterBucket,
  counterDelta,
  type Response,
  ResponseSchema,
  versionOf,
} from '../domain/dialogue.ts';
import { ConflictError } from '../domain/errors.ts';
import type { Review } from '../domain/review.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { BUSY, tableName, writeAll } from './dynamo.ts';
import { commentKeys, reviewKeys } from './keys.ts';
import { outboxPut } from './outbox.ts';

type TransactItems = Parameters<typeof writeAll>[0];
type TransactItem = TransactItems[number];

const pk = reviewKeys.partition;

/** Item kinds in the partition, so a query over `COMMENT#` can keep only the comments. */
const ENTITY = {
  comment: 'comment',
  version: 'comment-version',
  response: 'response',
  thread: 'comment-thread',
} as const;

/**
 * Time-ordered ids: 10 base-36 digits of milliseconds, then 12 random base-36 characters, so
 * sort-key order is creation order and two ids in the same millisecond never collide.
 */
export const newDialogueId = (now: Date): string => {
  const random = Array.from({ length: 12 }, () => randomInt(36).toString(36)).join('');
  return `${now.getTime().toString(36).padStart(10, '0')}${random}`;
};

const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest;
};

// --- transactions -----------------------------------------------------------------------------

const MAX_ATTEMPTS = 8;

/**
 * `writeAll` plus retries of transactions cancelled only because another transaction touched
 * the same item at the same moment (the shared counters): nothing was written, so trying again is
 * safe. A failed condition is never retried: it is the caller's conflict.
 */
export const transact = async (items: TransactItems, conflict: string): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await writeAll(items, conflict);
      return;
    } catch (err) {
      const reasons =
        err instanceof TransactionCanceledException
          ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
          : [];
      const onlyContention =
        reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      const busy = onlyContention || (err as { name?: string }).name === 'TransactionConflictException';
      if (!busy || attempt >= MAX_ATTEMPTS) {
        if (busy) throw new ConflictError(`${conflict} (busy; try again)`, { ...BUSY });
        throw err;
      }
      // Full jitter backoff: spreads retries of concurrent writers apart.
      await new Promise((r) => setTimeout(r, randomInt(5, 20 * 2 ** attempt)));
    }
  }
};

const countersUpdate = (reviewId: string, delta: Partial<Record<CounterBucket, number>>): TransactItem[] => {
  const entries = Object.entries(delta) as [CounterBucket, number][];
  if (entries.length === 0) return [];
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([bucket, n], i) => {
    names[`#c${i}`] = bucket;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return [
    {
      Update: {
        TableName: tableName(),
        Key: commentKeys.counts(reviewId),
        UpdateExpression: `ADD ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];
};

const versionPut = (c: Comment, change: CommentChange, by: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...commentKeys.version(c.reviewId, c.commentId, c.version),
      entity: ENTITY.version,
      ...versionOf(c, change, by),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const auditFor = (c: Comment, a: Omit<AuditInput, 'object' | 'version'>) =>
  auditPut(auditScope.review(c.reviewId), {
    ...a,
    object: `comment/${c.commentId}`,
    version: c.version,
    // The visibility lets exports for the reviewed State leave out reviewers-only activity.
    details: { ...a.details, visibility: c.visibility },
  });

export interface ChangeContext {
  audit: Omit<AuditInput, 'object' | 'version'>;
  /** Items that must be written with the change (a response, notifications). */
  extra?: TransactItems;
  /** Other comments changed in the same transaction (replies narrowed with their parent). */
  alongside?: readonly { before: Comment; after: Comment; change: CommentChange }[];
}

/** The Put of a comment's next version, if the stored one is still at `before.version`. */
const headPut = (before: Comment, after: Comment): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...commentKeys.head(after.reviewId, after.commentId), entity: ENTITY.comment, ...after },
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': before.version },
  },
});

/**
 * Items a new reply is written with: the parent must still be at the version whose visibility
 * the reply was checked against, and its reply mark moves, so a narrowing of the thread that
 * read the replies before this one fails instead of leaving it wider than its parent.
 */
export const replyGuard = (parent: Comment): TransactItems => [
  {
    ConditionCheck: {
      TableName: tableName(),
      Key: commentKeys.head(parent.reviewId, parent.commentId),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': parent.version },
    },
  },
  {
    Update: {
      TableName: tableName(),
      Key: commentKeys.thread(parent.reviewId, parent.commentId),
      UpdateExpression: 'SET entity = :e ADD replies :one',
      ExpressionAttributeValues: { ':e': ENTITY.thread, ':one': 1 },
    },
  },
];

/** The reply marks of these comments (absent: no reply posted since marks exist). */
export const getThreadMarks = async (
  reviewId: string,
  commentIds: readonly string[],
): Promise<Map<string, number | undefined>> => {
  const out = new Map<string, number | undefined>();
  await Promise.all(
    commentIds.map(async (id) => {
      const res = await dynamo().send(
        new GetCommand({
          TableName: tableName(),
          Key: commentKeys.thread(reviewId, id),
          ConsistentRead: true,
        }),
      );
      out.set(id, typeof res.Item?.replies === 'number' ? res.Item.replies : undefined);
    }),
  );
  return out;
};

/** Conditions a change on no reply having been posted under these comments since `marks` were read. */
export const threadsUnchanged = (reviewId: string, marks: ReadonlyMap<string, number | undefined>) =>
  [...marks].map(
    ([id, n]): TransactItem => ({
      ConditionCheck: {
        TableName: tableName(),
        Key: commentKeys.thread(reviewId, id),
        ...(n === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'replies = :n', ExpressionAttributeValues: { ':n': n } }),
      },
    }),
  );

/** Creates a comment with its first history entry, counters and audit entry. */
export const insertComment = async (c: Comment, ctx: ChangeContext): Promise<Comment> => {
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...commentKeys.head(c.reviewId, c.commentId), entity: ENTITY.comment, ...c },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      versionPut(c, 'created', c.authorSub),
      ...countersUpdate(c.reviewId, counterDelta(undefined, c)),
      auditFor(c, ctx.audit),
      ...(ctx.extra ?? []),
    ],
    `comment ${c.commentId} exists`,
  );
  return c;
};

/**
 * Replaces `before` by `after` if the stored comment is still at `before.version`.
 * ConflictError (with the current version) when someone changed it meanwhile.
 */
export const updateComment = async (
  before: Comment,
  after: Comment,
  change: CommentChange,
  ctx: ChangeContext,
): Promise<Comment> => {
  const by = ctx.audit.principal.kind === 'user' ? ctx.audit.principal.sub : 'system';
  const alongside = ctx.alongside ?? [];
  const delta: Partial<Record<CounterBucket, number>> = {};
  for (const d of [counterDelta(before, after), ...alongside.map((a) => counterDelta(a.before, a.after))])
    for (const [b, n] of Object.entries(d) as [CounterBucket, number][]) delta[b] = (delta[b] ?? 0) + n;
  try {
    await transact(
      [
        headPut(before, after),
        versionPut(after, change, by),
        ...alongside.flatMap((a) => [headPut(a.before, a.after), versionPut(a.after, a.change, by)]),
        ...countersUpdate(after.reviewId, delta),
        auditFor(after, ctx.audit),
        ...(ctx.extra ?? []),
      ],
      `comment ${after.commentId} changed meanwhile`,
    );
  } catch (err) {
    if (err instanceof ConflictError) {
      const current = await findComment(after.reviewId, after.commentId);
      throw new ConflictError(`comment ${after.commentId} changed meanwhile; reload and retry`, {
        current: current ? { version: current.version, status: current.status } : null,
      });
    }
    throw err;
  }
  return after;
};

/** The Put that stores a response (to include in the comment's `answered` transaction). */
export const responsePut = (r: Response): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...commentKeys.response(r.reviewId, r.commentId, r.responseId), entity: ENTITY.response, ...r },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

// --- reads ------------------------------------------------------------------------------------

export const findComment = async (reviewId: string, commentId: string): Promise<Comment | null> => {
  const res = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: commentKeys.head(reviewId, commentId),
      ConsistentRead: true,
    }),
  );
  return res.Item ? CommentSchema.parse(strip(res.Item)) : null;
};

const queryAll = async (input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> => {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({ TableName: tableName(), ConsistentRead: true, ...input, ExclusiveStartKey: start }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};

const prefixQuery = (reviewId: string, prefix: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': pk(reviewId), ':prefix': prefix },
});

export const listCommentVersions = async (reviewId: string, commentId: string): Promise<CommentVersion[]> =>
  (await queryAll(prefixQuery(reviewId, commentKeys.historyPrefix(commentId)))).map((i) =>
    CommentVersionSchema.parse(strip(i)),
  );

export const listResponses = async (reviewId: string, commentId: string): Promise<Response[]> =>
  (await queryAll(prefixQuery(reviewId, commentKeys.responsePrefix(commentId)))).map((i) =>
    ResponseSchema.parse(strip(i)),
  );

/** Everything of the dialogue on comments in one pass (exports, consistency checks). */
export const loadAllComments = async (
  reviewId: string,
): Promise<{ comments: Comment[]; versions: CommentVersion[]; responses: Response[] }> => {
  const items = await queryAll(prefixQuery(reviewId, commentKeys.prefix));
  const out = { comments: [] as Comment[], versions: [] as CommentVersion[], responses: [] as Response[] };
  for (const i of items) {
    if (i.entity === ENTITY.comment) out.comments.push(CommentSchema.parse(strip(i)));
    else if (i.entity === ENTITY.version) out.versions.push(CommentVersionSchema.parse(strip(i)));
    else if (i.entity === ENTITY.response) out.responses.push(ResponseSchema.parse(strip(i)));
  }
  return out;
};

export interface CommentFilter {
  article?: string;
  status?: Comment['status'];
  parentId?: string;
  includeDeleted?: boolean;
}

/**
 * One page of comments in creation order, after `afterSk`, keeping those that match the filter
 * and `accept` (the caller's visibility check). Reads on until the page is full, so filters do
 * not produce short pages; `nextSk` is the key of the last comment returned when more may follow.
 */
export const pageComments = async (
  reviewId: string,
  filter: CommentFilter,
  accept: (c: Comment) => boolean,
  limit: number,
  afterSk?: string,
): Promise<{ comments: Comment[]; nextSk?: string }> => {
  const names: Record<string, string> = { '#e': 'entity' };
  const values: Record<string, unknown> = {
    ':pk': pk(reviewId),
    ':prefix': commentKeys.prefix,
    ':comment': ENTITY.comment,
  };
  const conditions = ['#e = :comment'];
  if (filter.article) {
    names['#anchor'] = 'anchor';
    names['#article'] = 'article';
    values[':article'] = filter.article;
    conditions.push('#anchor.#article = :article');
  }
  if (filter.status) {
    names['#status'] = 'status';
    values[':status'] = filter.status;
    conditions.push('#status = :status');
  }
  if (filter.parentId) {
    names['#parent'] = 'parentId';
    values[':parent'] = filter.parentId;
    conditions.push('#parent = :parent');
  }
  if (!filter.includeDeleted) conditions.push('attribute_not_exists(deletedAt)');

  const comments: Comment[] = [];
  let start: Record<string, unknown> | undefined = afterSk ? { pk: pk(reviewId), sk: afterSk } : undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
        Limit: 200,
      }),
    );
    for (const item of res.Items ?? []) {
      const c = CommentSchema.parse(strip(item));
      if (!accept(c)) continue;
      comments.push(c);
      if (comments.length > limit) {
        const page = comments.slice(0, limit);
        const last = page[page.length - 1];
        return { comments: page, nextSk: last ? commentKeys.head(reviewId, last.commentId).sk : undefined };
      }
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { comments };
};

/** The stored counters (zero for buckets never touched). */
export const getCounters = async (reviewId: string): Promise<Partial<Record<CounterBucket, number>>> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: commentKeys.counts(reviewId), ConsistentRead: true }),
  );
  const out: Partial<Record<CounterBucket, number>> = {};
  for (const b of COUNTER_BUCKETS) {
    const v = res.Item?.[b];
    if (typeof v === 'number' && v !== 0) out[b] = v;
  }
  return out;
};

// --- seen markers -----------------------------------------------------------------------------

/** Comment id → the version the user has seen. */
export const getSeen = async (reviewId: string, sub: string): Promise<Map<string, number>> => {
  const items = await queryAll(prefixQuery(reviewId, commentKeys.seenPrefix(sub)));
  const out = new Map<string, number>();
  for (const i of items) {
    if (typeof i.commentId === 'string' && typeof i.seenVersion === 'number')
      out.set(i.commentId, i.seenVersion);
  }
  return out;
};

export const getCommentsByIds = async (reviewId: string, ids: readonly string[]): Promise<Comment[]> => {
  const out: Comment[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids
      .slice(i, i + 100)
      .map((id) => commentKeys.head(reviewId, id));
    // BatchGet may return some keys unprocessed under load; ask again for those.
    for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
      const res: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of res.Responses?.[tableName()] ?? []) out.push(CommentSchema.parse(strip(item)));
      keys = res.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return out;
};

/**
 * Records that `sub` has seen these comments at their current versions. A marker only moves
 * forward: a slower request that read an older version does not lower it.
 */
export const markSeen = async (
  reviewId: string,
  sub: string,
  seen: readonly Pick<Comment, 'commentId' | 'version'>[],
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<number> => {
  let marked = 0;
  // 98 markers + 1 audit entry per transaction (the limit is 100 items).
  for (let i = 0; i < seen.length; i += 98) {
    const batch = seen.slice(i, i + 98);
    try {
      await transact(
        [
          ...batch.map(
            (c): TransactItem => ({
              Put: {
                TableName: tableName(),
                Item: {
                  ...commentKeys.seen(reviewId, sub, c.commentId),
                  commentId: c.commentId,
                  seenVersion: c.version,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR seenVersion < :v',
                ExpressionAttributeValues: { ':v': c.version },
              },
            }),
          ),
          auditPut(auditScope.review(reviewId), {
            ...audit,
            object: `seen/${sub}`,
            details: { ...audit.details, comments: batch.length },
          }),
        ],
        'seen markers changed meanwhile',
      );
      marked += batch.length;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Some markers were already at or past these versions: write the others one by one.
      for (const c of batch) {
        try {
          await transact(
            [
              {
                Put: {
                  TableName: tableName(),
                  Item: {
                    ...commentKeys.seen(reviewId, sub, c.commentId),
                    commentId: c.commentId,
                    seenVersion: c.version,
                  },
                  ConditionExpression: 'attribute_not_exists(pk) OR seenVersion < :v',
                  ExpressionAttributeValues: { ':v': c.version },
                },
              },
              auditPut(auditScope.review(reviewId), {
                ...audit,
                object: `seen/${sub}`,
                details: { ...audit.details, comments: 1 },
              }),
            ],
            'seen marker is newer',
          );
          marked += 1;
        } catch (inner) {
          if (!(inner instanceof ConflictError)) throw inner;
        }
      }
    }
  }
  return marked;
};

// --- notifications ----------------------------------------------------------------------------

export type DialogueEvent =
  | { kind: 'comment.created'; review: Review; comment: Comment; now: Date }
  | { kind: 'response.created'; review: Review; comment: Comment; response: Response; now: Date };

/**
 * The outbox items that tell the people concerned about a new comment or response, written in
 * the same transaction as the change. Ids are derived from the comment / response id, so a
 * retried transaction queues each message once. Texts name the place, not the content: the
 * comment itself is read on the platform, where its visibility is enforced.
 */
export const notificationsFor = (event: DialogueEvent): TransactItem[] => {
  const { review, comment, now } = event;
  const where = `${comment.anchor.questionId ?? comment.anchor.article} (${comment.anchor.instrument}, submission v${comment.anchor.submissionVersion})`;
  if (event.kind === 'comment.created') {
    return outboxPut({
      kind: 'comment',
      review,
      // A reviewers-only comment is announced to the reviewing States only.
      audience: comment.visibility === 'all' ? { to: 'parties' } : { to: 'reviewers' },
      text: `${comment.parentId ? 'New reply' : 'New comment'} on ${where} in review ${review.reviewId}`,
      now,
      actorSub: comment.authorSub,
      outboxId: `comment-${comment.commentId}`,
    });
  }
  return outboxPut({
    kind: 'response',
    review,
    audience: { to: 'reviewers' },
    text: `The reviewed State responded to a comment on ${where} in review ${review.reviewId}`,
    now,
    actorSub: event.response.authorSub,
    outboxId: `response-${event.response.responseId}`,
  });
};
