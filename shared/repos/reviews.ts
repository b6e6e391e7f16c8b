/**
 * Reviews: one item per State under review in a cycle. Every change is a conditional write on
 * the version that was read, together with its audit entry, so concurrent edits never silently
 * overwrite each other: the loser gets a ConflictError carrying the current state and version.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '../aws/clients.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { InstrumentSchema, Iso3Schema, MechanismSchema } from '../domain/types.ts';
import { DeadlineSchema, ReviewStateSchema } from '../domain/workflow.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { isConditionFailure, queryAll, RACE_LOST, tableName, writeAll } from './dynamo.ts';

const SeatSchema = z.object({
  reviewer: Iso3Schema,
  /** The instruments this reviewer covers for the reviewed State. */
  instruments: z.array(InstrumentSchema),
  reason: z.string(),
});
export type Seat = z.infer<typeof SeatSchema>;

export const ReviewSchema = z.object({
  reviewId: z.string(),
  cycleId: z.string(),
  drawId: z.string(),
  mechanism: MechanismSchema,
  reviewedState: Iso3Schema,
  instruments: z.array(InstrumentSchema),
  seats: z.array(SeatSchema),
  /** Flattened from seats, for access checks. */
  reviewerStates: z.array(Iso3Schema),
  state: ReviewStateSchema,
  deadlines: z.array(DeadlineSchema),
  /** Reviewing State → who acknowledged the assignment and when. */
  acknowledgements: z.record(z.string(), z.object({ by: z.string(), at: z.iso.datetime() })),
  /** State → named focal point and governmental experts (user subs). */
  contacts: z.record(
    z.string(),
    z.object({ focalPoint: z.string().optional(), experts: z.array(z.string()) }),
  ),
  /** Confirmed redraws. */
  redrawsUsed: z.number().int().nonnegative(),
  /** Redraw requests made (what the budget counts; reviews stored before it: redrawsUsed). */
  redrawRequests: z.number().int().nonnegative().optional(),
  /** The request awaiting confirmation, at most one; `basedOn` is the draw it was drawn from. */
  openRedraw: z
    .object({
      drawId: z.string(),
      position: z.number().int().min(1),
      basedOn: z.string(),
      reviewerToReplace: Iso3Schema,
      instrument: InstrumentSchema.optional(),
    })
    .optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const reviewIdOf = (cycleId: string, iso3: string): string => `${cycleId}.${iso3}`;

export const reviewKey = (reviewId: string) => ({ pk: `REVIEW#${reviewId}`, sk: 'META' });
const key = reviewKey;
const cycleIndex = (r: Review) => ({ gsi1pk: `CYCLE#${r.cycleId}#REVIEWS`, gsi1sk: r.reviewedState });

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
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `CYCLE#${cycleId}#REVIEWS` },
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

/** A copy with the version bumped and the change time set: the input to `saveReview`. */
export const nextVersion = (r: Review, now: Date, changes: Partial<Review>): Review => ({
  ...r,
  ...changes,
  version: r.version + 1,
  updatedAt: now.toISOString(),
});
