/**
 * Reviews: one item per State under review in a cycle. Every change is a conditional write on
 * the version that was read, together with its audit entry, so concurrent edits never silently
 * overwrite each other: the loser gets a ConflictError carrying the current state and version.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { type Review, ReviewSchema } from '../domain/review.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { isConditionFailure, queryAll, RACE_LOST, tableName, writeAll } from './dynamo.ts';
import { GSI1, reviewKeys } from './keys.ts';

const key = reviewKeys.meta;
const cycleIndex = (r: Review) => ({ gsi1pk: reviewKeys.byCycle(r.cycleId), gsi1sk: r.reviewedState });

const toItem = (r: Review) => ({ ...key(r.reviewId), ...cycleIndex(r), ...r });

export const findReview = async (reviewId: string): Promise<Review | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key(reviewId), ConsistentRead: true }),
  );
  return res.Item ? ReviewSchema.parse(res.Item) : null;
};

export const getReview = async (reviewId: string): Promise<Review> => {
  const r = await findReview(reviewId);
  if (!r) throw new NotFoundError(`review ${reviewId} not found`);
  return r;
};

/** All reviews of a cycle (one per reviewed State; ~200 at most). */
export const listCycleReviews = async (cycleId: string): Promise<Review[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': reviewKeys.byCycle(cycleId) },
    })
  ).map((i) => ReviewSchema.parse(i));

/**
 * The Put that creates a review (used inside the draw confirmation). A retry of an interrupted
 * confirmation may write it again, as long as it is still the untouched first version of that draw.
 */
export const reviewCreatePut = (r: Review) => ({
  Put: {
    TableName: tableName(),
    Item: toItem(r),
    ConditionExpression: 'attribute_not_exists(pk) OR (drawId = :d AND version = :one)',
    ExpressionAttributeValues: { ':d': r.drawId, ':one': 1 },
  },
});

/**
 * The Put of a first-draw confirmation: unconditional, because it runs fenced by the cycle's
 * confirmation claim, and no review of that cycle is visible before the confirmation completes.
 */
export const reviewPut = (r: Review) => ({ Put: { TableName: tableName(), Item: toItem(r) } });

/** The Delete of a review a crashed confirmation left behind (fenced the same way). */
export const reviewDelete = (reviewId: string) => ({
  Delete: { TableName: tableName(), Key: key(reviewId) },
});

type TransactItems = Parameters<typeof writeAll>[0];

/** The Put that replaces a review, if the stored one still has `next.version - 1`. */
export const reviewUpdatePut = (next: Review) => ({
  Put: {
    TableName: tableName(),
    Item: toItem(next),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': next.version - 1 },
  },
});

/**
 * Saves `next` if the stored review still has `next.version - 1`, with its audit entry and any
 * other items that must change with it. On a lost race: ConflictError with the current state.
 */
export const saveReview = async (
  next: Review,
  audit: Omit<AuditInput, 'object' | 'version'>,
  extra: TransactItems = [],
): Promise<Review> => {
  try {
    await writeAll(
      [
        reviewUpdatePut(next),
        auditPut(auditScope.review(next.reviewId), {
          ...audit,
          object: `review/${next.reviewId}`,
          version: next.version,
        }),
        ...extra,
      ],
      'the review changed meanwhile',
    );
  } catch (err) {
    if (err instanceof ConflictError || isConditionFailure(err)) {
      const current = await findReview(next.reviewId);
      throw new ConflictError(`review ${next.reviewId} changed meanwhile; reload and retry`, {
        current: current ? { state: current.state, version: current.version } : null,
        ...RACE_LOST,
      });
    }
    throw err;
  }
  return next;
};
