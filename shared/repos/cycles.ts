/**
 * Review cycles and their draws. A cycle item holds the policy, the States under review and the
 * seed commitment (its secret stays server-side until the draw reveals it). Draw records are kept
 * whole (gzip) in the table — so a draw and its record are written together — and copied to S3
 * for download. Confirming writes the reviews, then flips the cycle's `confirmedDrawId` with a
 * condition: that flip is the commit point, so readers never see a half-confirmed draw.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, s3Client } from '../aws/clients.ts';
import { config } from '../config.ts';
import { BUCKET_LAYOUT } from '../data-model.ts';
import { type Cycle, CycleSchema } from '../domain/cycle.ts';
import { type DrawRecord, DrawRecordSchema } from '../domain/draw/model.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Review } from '../domain/review.ts';
import { reachedStep } from '../steps.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, tableName, writeAll } from './dynamo.ts';
import { cycleKeys, GSI1 } from './keys.ts';
import { reviewUpdatePut } from './reviews.ts';

const cycleKey = cycleKeys.meta;
const drawKey = cycleKeys.draw;

/** A draw record kept whole (gzip) beside its status and digest. */
const drawItem = (cycleId: string, record: DrawRecord) => ({
  ...drawKey(cycleId, record.drawId),
  drawId: record.drawId,
  status: record.status,
  recordDigest: record.recordDigest,
  record: gzipSync(JSON.stringify(record)),
});

const toItem = (c: Cycle, secret: string) => ({
  ...cycleKey(c.cycleId),
  gsi1pk: cycleKeys.list,
  gsi1sk: cycleKeys.listSort(c),
  ...c,
  secret,
});

export interface StoredCycle {
  cycle: Cycle;
  secret: string;
}

export const createCycle = async (
  c: Cycle,
  secret: string,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> =>
  writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: toItem(c, secret),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(auditScope.cycle(c.cycleId), { ...audit, object: `cycle/${c.cycleId}`, version: c.version }),
    ],
    `cycle ${c.cycleId} exists`,
  );

export const findCycle = async (cycleId: string): Promise<StoredCycle | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: cycleKey(cycleId), ConsistentRead: true }),
  );
  return storedCycleOf(res.Item);
};

/** A stored cycle item (from any read), parsed. */
export const storedCycleOf = (item: Record<string, unknown> | undefined): StoredCycle | null =>
  item ? { cycle: CycleSchema.parse(item), secret: String(item.secret) } : null;

export const getCycle = async (cycleId: string): Promise<StoredCycle> => {
  const c = await findCycle(cycleId);
  if (!c) throw new NotFoundError(`cycle ${cycleId} not found`);
  return c;
};

export const listCycles = async (): Promise<Cycle[]> => {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': cycleKeys.list },
      ScanIndexForward: false,
    }),
  );
  return (res.Items ?? []).map((i) => CycleSchema.parse(i));
};

/** The cycle update that goes with a draw write: conditional on the version that was read. */
const cycleUpdate = (next: Cycle, secret: string) => ({
  Put: {
    TableName: tableName(),
    Item: toItem(next, secret),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': next.version - 1 },
  },
});

/** A change of the cycle's own settings, on the version read, with its audit entry. */
export const saveCycleSettings = (
  next: StoredCycle,
  { principal, now, ...audit }: Omit<AuditInput, 'object' | 'version'>,
): Promise<void> =>
  saveCycleChange(next, [{ ...audit, object: `cycle/${next.cycle.cycleId}` }], { principal, now });

/** Stores a proposed draw with the cycle change that points at it (e.g. revealed, proposedDrawId). */
export const saveProposedDraw = async (
  record: DrawRecord,
  next: StoredCycle,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> => {
  const cycleId = next.cycle.cycleId;
  await putRecordCopy(cycleId, record);
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: drawItem(cycleId, record),
          // The drawId is derived from the content: the same draw may be proposed again (idempotent).
          ConditionExpression: 'attribute_not_exists(pk) OR recordDigest = :d',
          ExpressionAttributeValues: { ':d': record.recordDigest },
        },
      },
      cycleUpdate(next.cycle, next.secret),
      auditPut(auditScope.cycle(cycleId), {
        ...audit,
        object: `draw/${record.drawId}`,
        details: { status: record.status, recordDigest: record.recordDigest },
      }),
    ],
    `cycle ${cycleId} changed meanwhile`,
  );
};

/**
 * Stores a redraw request: the proposed record and the cycle's pointer to it, with the review
 * (on the version read) counting the request and holding it open, each change audited (the
 * review's own log included), all in one transaction.
 */
export const saveRedrawRequest = async (
  record: DrawRecord,
  next: StoredCycle,
  review: Review,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> => {
  const cycleId = next.cycle.cycleId;
  await putRecordCopy(cycleId, record);
  await writeAll(
    [
      { Put: { TableName: tableName(), Item: drawItem(cycleId, record) } },
      cycleUpdate(next.cycle, next.secret),
      auditPut(auditScope.cycle(cycleId), {
        ...audit,
        object: `draw/${record.drawId}`,
        details: { status: record.status, recordDigest: record.recordDigest },
      }),
      reviewUpdatePut(review),
      auditPut(auditScope.review(review.reviewId), {
        ...audit,
        object: `review/${review.reviewId}`,
        version: review.version,
        details: { drawId: record.drawId, ...review.openRedraw },
      }),
    ],
    'the redraw request lost a race',
  ).catch((err) => cycleConflict(cycleId, err, `cycle ${cycleId} or review ${review.reviewId}`));
};

export const getDraw = async (cycleId: string, drawId: string): Promise<DrawRecord> => {
  const res = await dynamo().send(new GetCommand({ TableName: tableName(), Key: drawKey(cycleId, drawId) }));
  const blob = res.Item?.record;
  if (!(blob instanceof Uint8Array)) throw new NotFoundError(`draw ${drawId} of cycle ${cycleId} not found`);
  return DrawRecordSchema.parse(JSON.parse(gunzipSync(blob).toString('utf8')));
};

type TransactItems = Parameters<typeof writeAll>[0];

/**
 * The downloadable copy in S3. Proposed and confirmed records of one draw differ in status, so
 * each has its own key: objects are never overwritten with different content.
 */
const putRecordCopy = (cycleId: string, record: DrawRecord) =>
  s3Client().send(
    new PutObjectCommand({
      Bucket: config().BUCKET_NAME,
      Key: BUCKET_LAYOUT.drawRecord(cycleId, `${record.drawId}-${record.status}`),
      Body: JSON.stringify(record, null, 2),
      ContentType: 'application/json',
    }),
  );

/** A conflict on the cycle answered with where it stands now (the caller reloads and retries). */
const cycleConflict = async (cycleId: string, err: unknown, what = `cycle ${cycleId}`): Promise<never> => {
  if (!(err instanceof ConflictError)) throw err;
  const current = await findCycle(cycleId);
  throw new ConflictError(`${what} changed meanwhile; reload and retry`, {
    current: current
      ? { version: current.cycle.version, confirmedDrawId: current.cycle.confirmedDrawId }
      : null,
  });
};

/** The items that store a confirmed record and move the cycle's pointer to it. */
const confirmationItems = (record: DrawRecord, next: StoredCycle, audit: Omit<AuditInput, 'object'>) => {
  const cycleId = next.cycle.cycleId;
  return [
    { Put: { TableName: tableName(), Item: drawItem(cycleId, record) } },
    cycleUpdate(next.cycle, next.secret),
    auditPut(auditScope.cycle(cycleId), {
      ...audit,
      object: `draw/${record.drawId}`,
      details: { status: 'confirmed', recordDigest: record.recordDigest },
    }),
  ];
};

/**
 * Starts a first-draw confirmation: the cycle (on the version read) records which attempt may
 * write the reviews. A later attempt (a retry after a crash, or a rival) takes over the same way,
 * and from then on the earlier one's batches fail.
 */
export const claimConfirmation = async (
  next: StoredCycle,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> => {
  const { cycleId, confirming } = next.cycle;
  await writeAll(
    [
      cycleUpdate(next.cycle, next.secret),
      auditPut(auditScope.cycle(cycleId), {
        ...audit,
        action: 'draw.confirm.start',
        object: `draw/${confirming?.drawId}`,
        version: next.cycle.version,
      }),
    ],
    `cycle ${cycleId} changed meanwhile`,
  ).catch((err) => cycleConflict(cycleId, err));
};

/**
 * Finishes a first-draw confirmation claimed by `attempt`: `reviewWrites` (the reviews, and the
 * removal of any a crashed attempt left that this draw does not have) go in batches — a
 * transaction holds at most 100 items — each fenced by the claim; then one transaction stores the
 * confirmed record and moves the cycle's pointer (on the claimed version). Reviews written before
 * that are invisible (review-access.ts), so a crash anywhere shows nothing, and a retry claims
 * again, rewrites every review and completes.
 */
export const saveConfirmedDraw = async (
  record: DrawRecord,
  next: StoredCycle,
  attempt: string,
  reviewWrites: TransactItems,
  audit: Omit<AuditInput, 'object'>,
): Promise<void> => {
  const cycleId = next.cycle.cycleId;
  await putRecordCopy(cycleId, record);
  const fence = {
    ConditionCheck: {
      TableName: tableName(),
      Key: cycleKey(cycleId),
      ConditionExpression: 'confirming.attempt = :a AND attribute_not_exists(confirmedDrawId)',
      ExpressionAttributeValues: { ':a': attempt },
    },
  };
  for (let i = 0; i < reviewWrites.length; i += BATCH) {
    await writeAll([fence, ...reviewWrites.slice(i, i + BATCH)], 'another confirmation took over').catch(
      (err) => cycleConflict(cycleId, err),
    );
    await reachedStep(`draw.confirm.batch-${i / BATCH + 1}`);
  }
  await writeAll(confirmationItems(record, next, audit), `cycle ${cycleId} changed meanwhile`).catch((err) =>
    cycleConflict(cycleId, err),
  );
};

/** Reviews per fenced batch (a transaction holds at most 100 items, the fence is one). */
const BATCH = 50;

/**
 * Confirms a redraw. It changes one review, so that review (on the version that was read), its
 * audit entry, the confirmed record and the cycle's pointer (on its version) are one transaction:
 * a conflict anywhere leaves all of them as they were.
 */
export const saveConfirmedRedraw = async (
  record: DrawRecord,
  next: StoredCycle,
  review: Review,
  audit: Omit<AuditInput, 'object'>,
  reviewAudit: { action: string; details: Record<string, unknown> },
): Promise<void> => {
  await putRecordCopy(next.cycle.cycleId, record);
  await writeAll(
    [
      reviewUpdatePut(review),
      auditPut(auditScope.review(review.reviewId), {
        ...audit,
        ...reviewAudit,
        object: `review/${review.reviewId}`,
        version: review.version,
      }),
      ...confirmationItems(record, next, audit),
    ],
    'the redraw confirmation lost a race',
  ).catch((err) =>
    cycleConflict(next.cycle.cycleId, err, `cycle ${next.cycle.cycleId} or review ${review.reviewId}`),
  );
};

/**
 * A change of the cycle alone (an edit, a discarded draw, a withdrawal): the cycle on the version
 * read and one audit entry per change, in one transaction.
 */
export const saveCycleChange = async (
  next: StoredCycle,
  audits: Omit<AuditInput, 'principal' | 'now'>[],
  who: Pick<AuditInput, 'principal' | 'now'>,
): Promise<void> => {
  const cycleId = next.cycle.cycleId;
  await writeAll(
    [
      cycleUpdate(next.cycle, next.secret),
      ...audits.map((a) =>
        auditPut(auditScope.cycle(cycleId), { ...who, version: next.cycle.version, ...a }),
      ),
    ],
    `cycle ${cycleId} changed meanwhile`,
  ).catch((err) => cycleConflict(cycleId, err));
};

/** Every draw record stored for the cycle (id, stored status, digest), without the records themselves. */
export const listDrawItems = async (
  cycleId: string,
): Promise<{ drawId: string; status: string; recordDigest: string }[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
    ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':d': 'DRAW#' },
    ProjectionExpression: 'drawId, #s, recordDigest',
    ExpressionAttributeNames: { '#s': 'status' },
  });
  return items.map((i) => ({
    drawId: String(i.drawId),
    status: String(i.status),
    recordDigest: String(i.recordDigest),
  }));
};
