/**
 * The secretariat's tracking of technical-assistance needs, one item per need in one partition
 * (`TA-NEEDS` / `{reviewId}#{observationId}`; a few thousand at most). A need without an item is
 * open and untouched. Writes are conditional on the version read, with their audit entry.
 */
import * as z from 'zod';
import { ConflictError } from '../domain/errors.ts';
import { TaStatusSchema } from '../domain/ta-needs.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, RACE_LOST, tableName, writeAll } from './dynamo.ts';
import { taNeedKeys } from './keys.ts';

const PK = taNeedKeys.partition;

const TrackingSchema = z.object({
  reviewId: z.string(),
  observationId: z.string(),
  status: TaStatusSchema,
  help: z.string().nullable(),
  provider: z.string().nullable(),
  notes: z.array(z.object({ at: z.iso.datetime(), by: z.string(), text: z.string() })),
  version: z.int().positive(),
  updatedAt: z.iso.datetime(),
});
export type Tracking = z.infer<typeof TrackingSchema>;

export const trackingKey = taNeedKeys.sortKey;

/** Every tracking record, by `trackingKey`. */
export const listTracking = async (): Promise<Map<string, Tracking>> =>
  new Map(
    (await queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': PK } })).map(
      (i) => {
        const t = TrackingSchema.parse(i);
        return [trackingKey(t.reviewId, t.observationId), t];
      },
    ),
  );

export const saveTracking = async (next: Tracking, audit: Omit<AuditInput, 'object' | 'version'>) => {
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
            Item: { pk: PK, sk: trackingKey(next.reviewId, next.observationId), ...next },
            ...condition,
          },
        },
        auditPut(auditScope.review(next.reviewId), {
          ...audit,
          object: `ta-need/${next.observationId}`,
          version: next.version,
          details: { status: next.status },
        }),
      ],
      'the need changed meanwhile',
    );
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    throw new ConflictError('this need changed meanwhile; reload and retry', { ...RACE_LOST });
  }
  return next;
};
