/**
 * Self-assessments in DynamoDB and S3: the draft (one item per review and instrument, versioned
 * for optimistic concurrency), the submitted versions (a DynamoDB record per version, the frozen
 * document in S3 at a key reserved first) and uploaded attachments. Key layout:
 * docs/self-assessments.md.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { dynamo, s3Client } from '../aws/clients.ts';
import { config } from '../config.ts';
import { ConflictError, PreconditionFailedError } from '../domain/errors.ts';
import {
  AttachmentItemSchema,
  type AttachmentRecord,
  type DraftRecord,
  DraftRecordSchema,
  type VersionRecord,
  VersionRecordSchema,
} from '../domain/self-assessment/records.ts';
import type { Instrument } from '../domain/types.ts';
// S3 serves a pre-signed download with this header, so it is made where every other download's is.
import { contentDisposition } from '../http/documents.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { isConditionFailure, tableName } from './dynamo.ts';
import { reviewKeys, SA_KEYS } from './keys.ts';

// ---------- drafts ----------

/**
 * DynamoDB items are at most 400 KB; the draft keeps room for its other attributes. A larger
 * draft is refused with 413 (see docs/self-assessments.md, "Limits").
 */
export const MAX_DRAFT_ANSWER_BYTES = 350_000;

const findDraft = async (reviewId: string, instrument: Instrument): Promise<DraftRecord | null> => {
  const res = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: SA_KEYS.draft(reviewId, instrument),
      ConsistentRead: true,
    }),
  );
  return draftOf(res.Item);
};

/** The draft in an item read by `SA_KEYS.draft` (e.g. in a batch read), or null when absent. */
export const draftOf = (item: Record<string, unknown> | undefined): DraftRecord | null =>
  item ? DraftRecordSchema.parse(item) : null;

/**
 * Writes `next` if the stored draft still has version `next.version - 1` (or does not exist when
 * `next.version` is 1). On a lost race: PreconditionFailedError (412) carrying the current draft.
 */
export const saveDraft = async (next: DraftRecord): Promise<DraftRecord> => {
  const expected = next.version - 1;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...SA_KEYS.draft(next.reviewId, next.instrument), kind: 'sa-draft', ...next },
        ...(expected === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expected },
            }),
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw await draftConflict(next.reviewId, next.instrument, expected);
    throw err;
  }
  return next;
};

/**
 * Moves a draft to another questionnaire version (its answers carried over) on the version read,
 * with its audit entry, in one transaction; a lost race is the same 412 as `saveDraft`'s.
 */
export const saveDraftUpgrade = async (
  next: DraftRecord,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<DraftRecord> => {
  const expected = next.version - 1;
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...SA_KEYS.draft(next.reviewId, next.instrument), kind: 'sa-draft', ...next },
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expected },
            },
          },
          auditPut(auditScope.review(next.reviewId), {
            ...audit,
            object: `self-assessment/${next.instrument}/draft`,
            version: next.version,
          }),
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw await draftConflict(next.reviewId, next.instrument, expected);
    throw err;
  }
  return next;
};

/**
 * The 412 a stale draft write gets (stale `If-Match`, or a concurrent write that won the race):
 * the current version and answers, so the client can merge.
 */
const draftConflict = async (
  reviewId: string,
  instrument: Instrument,
  expected: number,
): Promise<PreconditionFailedError> =>
  conflictWith(await findDraft(reviewId, instrument), instrument, expected);

/** The 412 for an edit at version `expected` of a draft now at `current` (already read). */
export const conflictWith = (
  current: DraftRecord | null,
  instrument: Instrument,
  expected: number,
): PreconditionFailedError => {
  return new PreconditionFailedError(
    `the ${instrument} draft is at version ${current?.version ?? 0}, not ${expected}; reload, merge and retry`,
    {
      expected,
      current: current
        ? {
            version: current.version,
            answers: current.answers,
            updatedAt: current.updatedAt,
            updatedBy: current.updatedBy,
          }
        : { version: 0, answers: {} },
    },
  );
};

// ---------- submitted versions ----------

/** Every version record of one instrument (pending and abandoned included), by number. */
export const listVersions = async (reviewId: string, instrument: Instrument): Promise<VersionRecord[]> => {
  const out: VersionRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': reviewKeys.partition(reviewId),
          ':prefix': SA_KEYS.versionPrefix(instrument),
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []).map((i) => VersionRecordSchema.parse(i)));
    start = res.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => a.n - b.n);
};

export const findVersion = async (
  reviewId: string,
  instrument: Instrument,
  n: number,
): Promise<VersionRecord | null> => {
  const res = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: SA_KEYS.version(reviewId, instrument, n),
      ConsistentRead: true,
    }),
  );
  return res.Item ? VersionRecordSchema.parse(res.Item) : null;
};

/** Reserves version `r.n` as pending. False when the number is taken (someone else reserved it). */
export const reserveVersion = async (r: VersionRecord): Promise<boolean> => {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...SA_KEYS.version(r.reviewId, r.instrument, r.n), kind: 'sa-version', ...r },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
};

/**
 * Marks a pending reservation abandoned when it is older than `staleBefore` (its request died
 * and the draft changed since, so no retry will ever finish it). Its number is never reused.
 */
export const abandonVersion = async (r: VersionRecord, staleBefore: Date): Promise<boolean> => {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: SA_KEYS.version(r.reviewId, r.instrument, r.n),
        UpdateExpression: 'SET #s = :abandoned',
        ConditionExpression: '#s = :pending AND reservedAt < :stale',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':abandoned': 'abandoned',
          ':pending': 'pending',
          ':stale': staleBefore.toISOString(),
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
};

/** The transaction item that publishes a pending reservation (only if it is still that reservation). */
export const versionSubmitUpdate = (
  r: VersionRecord,
  published: { objectKey: string; sha256: string; size: number },
) => ({
  Update: {
    TableName: tableName(),
    Key: SA_KEYS.version(r.reviewId, r.instrument, r.n),
    UpdateExpression: 'SET #s = :submitted, objectKey = :key, sha256 = :sha, #size = :size',
    ConditionExpression: '#s = :pending AND contentDigest = :digest',
    ExpressionAttributeNames: { '#s': 'status', '#size': 'size' },
    ExpressionAttributeValues: {
      ':submitted': 'submitted',
      ':pending': 'pending',
      ':key': published.objectKey,
      ':sha': published.sha256,
      ':size': published.size,
      ':digest': r.contentDigest,
    },
  },
});

// ---------- attachments ----------

/**
 * Records written before confirmed bytes had their own key held only `objectKey`, the upload
 * key: read them as such (a pending one is confirmed like any other, a ready one is served from
 * where it is).
 */
const AttachmentRecordSchema = z.preprocess((item) => {
  const i = item as Record<string, unknown> | null;
  if (!i || typeof i !== 'object' || 'uploadKey' in i) return item;
  return { ...i, uploadKey: i.objectKey, ...(i.status === 'ready' ? {} : { objectKey: undefined }) };
}, AttachmentItemSchema);

export const createAttachment = async (a: AttachmentRecord): Promise<void> => {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...SA_KEYS.attachment(a.reviewId, a.instrument, a.attachmentId),
          kind: 'sa-attachment',
          ...a,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError(`attachment ${a.attachmentId} exists`);
    throw err;
  }
};

export const findAttachment = async (
  reviewId: string,
  instrument: Instrument,
  attachmentId: string,
): Promise<AttachmentRecord | null> => {
  const res = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: SA_KEYS.attachment(reviewId, instrument, attachmentId),
      ConsistentRead: true,
    }),
  );
  return res.Item ? AttachmentRecordSchema.parse(res.Item) : null;
};

export const listAttachments = async (
  reviewId: string,
  instrument: Instrument,
): Promise<AttachmentRecord[]> => {
  const out: AttachmentRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': reviewKeys.partition(reviewId),
          ':prefix': SA_KEYS.attachmentPrefix(instrument),
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []).map((i) => AttachmentRecordSchema.parse(i)));
    start = res.LastEvaluatedKey;
  } while (start);
  return out.sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.attachmentId.localeCompare(b.attachmentId),
  );
};

/** Records the verified size, digest and confirmed key; only a pending attachment can be confirmed. */
export const markAttachmentReady = async (
  a: AttachmentRecord,
  verified: { size: number; sha256: string; objectKey: string; at: Date },
): Promise<AttachmentRecord> => {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: SA_KEYS.attachment(a.reviewId, a.instrument, a.attachmentId),
        UpdateExpression:
          'SET #s = :ready, #size = :size, sha256 = :sha, objectKey = :key, confirmedAt = :at',
        ConditionExpression: '#s = :pending',
        ExpressionAttributeNames: { '#s': 'status', '#size': 'size' },
        ExpressionAttributeValues: {
          ':ready': 'ready',
          ':pending': 'pending',
          ':size': verified.size,
          ':sha': verified.sha256,
          ':key': verified.objectKey,
          ':at': verified.at.toISOString(),
        },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err))
      throw new ConflictError(`attachment ${a.attachmentId} was confirmed meanwhile`);
    throw err;
  }
  return {
    ...a,
    status: 'ready',
    size: verified.size,
    sha256: verified.sha256,
    objectKey: verified.objectKey,
    confirmedAt: verified.at.toISOString(),
  };
};

/** Transaction item: appends `value` to the list `attribute` of a confirmed attachment. */
const attachmentAppend = (
  reviewId: string,
  instrument: Instrument,
  attachmentId: string,
  attribute: 'submittedIn' | 'respondedIn',
  value: number | string,
) => ({
  Update: {
    TableName: tableName(),
    Key: SA_KEYS.attachment(reviewId, instrument, attachmentId),
    UpdateExpression: 'SET #list = list_append(if_not_exists(#list, :empty), :v)',
    ConditionExpression: '#s = :ready',
    ExpressionAttributeNames: { '#s': 'status', '#list': attribute },
    ExpressionAttributeValues: { ':v': [value], ':empty': [], ':ready': 'ready' },
  },
});

/** Transaction item: the attachment is frozen into submitted version `n` (must be confirmed). */
export const attachmentSubmitUpdate = (
  reviewId: string,
  instrument: Instrument,
  attachmentId: string,
  n: number,
) => attachmentAppend(reviewId, instrument, attachmentId, 'submittedIn', n);

/** Transaction item: the attachment is given with response `responseId` (must be confirmed). */
export const attachmentResponseUpdate = (
  reviewId: string,
  instrument: Instrument,
  attachmentId: string,
  responseId: string,
) => attachmentAppend(reviewId, instrument, attachmentId, 'respondedIn', responseId);

// ---------- S3 objects ----------

const bucket = (): string => config().BUCKET_NAME;

export { sha256Hex } from './objects.ts';

/** Metadata of an object, or null when there is none at `key`. */
export const headObject = async (key: string): Promise<{ size: number; contentType?: string } | null> => {
  try {
    const res = await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return { size: res.ContentLength ?? 0, contentType: res.ContentType };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (err instanceof NotFound || status === 404) return null;
    throw err;
  }
};

export const readObject = async (key: string): Promise<Uint8Array> => (await readObjectWithType(key)).bytes;

export const readObjectWithType = async (
  key: string,
): Promise<{ bytes: Uint8Array; contentType?: string }> => {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if (!res.Body) throw new Error(`object ${key} has no body`);
  return { bytes: await res.Body.transformToByteArray(), contentType: res.ContentType };
};

/** Keys under `prefix` (all pages). */
export const listKeys = async (prefix: string): Promise<string[]> => {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const res = await s3Client().send(
      new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(res.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return keys;
};

/**
 * Streams an object through SHA-256 without holding it in memory, keeping its first bytes for a
 * content sniff.
 */
export const digestObject = async (
  key: string,
  headBytes = 512,
): Promise<{ size: number; sha256: string; head: Uint8Array; contentType?: string }> => {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  const body = res.Body;
  if (!body) throw new Error(`object ${key} has no body`);
  const hash = createHash('sha256');
  let size = 0;
  const head: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (headLength < headBytes) {
      const part = Buffer.from(chunk.subarray(0, headBytes - headLength));
      head.push(part);
      headLength += part.byteLength;
    }
  }
  return { size, sha256: hash.digest('hex'), head: Buffer.concat(head), contentType: res.ContentType };
};

export const putObject = async (key: string, bytes: Uint8Array, contentType: string): Promise<void> => {
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: contentType }),
  );
};

export const deleteObject = async (key: string): Promise<void> => {
  await s3Client().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
};

/**
 * A pre-signed PUT for exactly this object: content type and length are signed, so S3 refuses
 * any other (and checks the SHA-256 when one was declared).
 */
export const presignUpload = async (
  key: string,
  opts: { contentType: string; size: number; sha256Base64?: string; expiresInSeconds: number },
): Promise<{ url: string; headers: Record<string, string> }> => {
  const command = new PutObjectCommand({
    Bucket: bucket(),
    Key: key,
    ContentType: opts.contentType,
    ContentLength: opts.size,
    ...(opts.sha256Base64 ? { ChecksumSHA256: opts.sha256Base64 } : {}),
  });
  const url = await getSignedUrl(s3Client(), command, {
    expiresIn: opts.expiresInSeconds,
    signableHeaders: new Set(['content-type', 'content-length']),
    // Signed as a header (not hoisted into the query): S3 refuses unsigned x-amz-* headers.
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return {
    url,
    headers: {
      'content-type': opts.contentType,
      ...(opts.sha256Base64 ? { 'x-amz-checksum-sha256': opts.sha256Base64 } : {}),
    },
  };
};

/** A short-lived download link that saves under the user's file name. */
export const presignDownload = async (
  key: string,
  opts: { fileName: string; contentType: string; expiresInSeconds: number },
): Promise<string> =>
  getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: bucket(),
      Key: key,
      ResponseContentType: opts.contentType,
      ResponseContentDisposition: contentDisposition(opts.fileName),
    }),
    { expiresIn: opts.expiresInSeconds },
  );
