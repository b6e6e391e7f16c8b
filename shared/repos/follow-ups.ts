/**
 * Follow-up items, in the partition of the review that follows them up:
 *
 *   pk REVIEW#{reviewId}  sk FOLLOWUP#{followUpId}   one item, versioned, with its history
 *   gsi1pk FOLLOWUP-ROOT#{rootReviewId}#{rootObservationId}  gsi1sk {reviewId}   the chain
 *
 * An item is stored at its first report; before that it is derived from the earlier review
 * (version 0). Each write is conditional on the version read, with its audit entry.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients.ts';
import { ConflictError } from '../domain/errors.ts';
import { type FollowUp, FollowUpSchema } from '../domain/follow-up/model.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, RACE_LOST, tableName, writeAll } from './dynamo.ts';
import { followUpKeys, GSI1, reviewKeys } from './keys.ts';

const followUpKey = followUpKeys.item;
const chainKey = followUpKeys.chain;

const parse = (item: Record<string, unknown>): FollowUp => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...rest } = item;
  return FollowUpSchema.parse(rest);
};

/** The stored items of a review (those reported at least once). */
export const listStoredFollowUps = async (reviewId: string): Promise<FollowUp[]> => {
  const out: FollowUp[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': reviewKeys.partition(reviewId), ':p': followUpKeys.prefix },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []).map(parse));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
};

/** Every stored follow-up of one observation, across reviews (the chain), in review-id order. */
export const listChain = async (root: FollowUp['root']): Promise<FollowUp[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': chainKey(root) },
    })
  ).map(parse);

/**
 * Writes `next` if the stored item is still at `next.version - 1` (absent for version 1).
 * ConflictError (nothing written) when someone changed it meanwhile.
 */
export const saveFollowUp = async (next: FollowUp, audit: Omit<AuditInput, 'object' | 'version'>) => {
  const condition =
    next.version === 1
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': next.version - 1 } };
  try {
    await writeAll(
      [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...followUpKey(next.reviewId, next.followUpId),
              gsi1pk: chainKey(next.root),
              gsi1sk: next.reviewId,
              ...next,
            },
            ...condition,
          },
        },
        auditPut(auditScope.review(next.reviewId), {
          ...audit,
          object: `follow-up/${next.followUpId}`,
          version: next.version,
        }),
      ],
      `follow-up ${next.followUpId} changed meanwhile`,
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    throw new ConflictError(`follow-up ${next.followUpId} changed meanwhile; reload and retry`, {
      ...RACE_LOST,
    });
  }
  return next;
};
