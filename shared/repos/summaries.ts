/**
 * Country review summaries: generated files in S3 (one key per version, language and format,
 * never overwritten — the version number comes from an atomic counter first), and in DynamoDB a
 * head item per review and scope with the lifecycle (draft → agreed → published). Publishing also
 * writes an entry to the public index, the only thing the public endpoints read.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, s3Client } from '../aws/clients.ts';
import { config } from '../config.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type SummaryHead, SummaryHeadSchema } from '../domain/summary/head.ts';
import { queryAll, tableName } from './dynamo.ts';
import { reviewKeys, summaryKeys } from './keys.ts';

const headKey = summaryKeys.head;
const publishedKey = summaryKeys.published;

/** The next document version, reserved atomically before any object is written. */
export const reserveDocumentVersion = async (reviewId: string, scope: string): Promise<number> => {
  const res = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: summaryKeys.sequence(reviewId, scope),
      UpdateExpression: 'ADD seq :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(res.Attributes?.seq);
};

export const putSummaryObject = async (key: string, body: string | Uint8Array, contentType: string) =>
  s3Client().send(
    new PutObjectCommand({ Bucket: config().BUCKET_NAME, Key: key, Body: body, ContentType: contentType }),
  );

export const deleteSummaryObject = async (key: string) =>
  s3Client().send(new DeleteObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));

export const readSummaryObject = async (key: string): Promise<Uint8Array> => {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: config().BUCKET_NAME, Key: key }));
  return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
};

export const findSummary = async (reviewId: string, scope: string): Promise<SummaryHead | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: headKey(reviewId, scope), ConsistentRead: true }),
  );
  return res.Item ? SummaryHeadSchema.parse(res.Item) : null;
};

export const getSummary = async (reviewId: string, scope: string): Promise<SummaryHead> => {
  const h = await findSummary(reviewId, scope);
  if (!h) throw new NotFoundError(`no ${scope} summary for review ${reviewId}`);
  return h;
};

export const listReviewSummaries = async (reviewId: string): Promise<SummaryHead[]> =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': reviewKeys.partition(reviewId), ':s': summaryKeys.prefix },
    })
  )
    .filter((i) => !String(i.sk).endsWith('#SEQ'))
    .map((i) => SummaryHeadSchema.parse(i));

/** Put of a head item, conditional on the version it replaces (0 = must not exist). */
export const summaryHeadPut = (h: SummaryHead) => ({
  Put: {
    TableName: tableName(),
    Item: { ...headKey(h.reviewId, h.scope), ...h },
    ConditionExpression: h.version === 1 ? 'attribute_not_exists(pk)' : 'version = :v',
    ExpressionAttributeValues: h.version === 1 ? undefined : { ':v': h.version - 1 },
  },
});

/** The public index entry: written only when a summary is published. */
export const publishedPut = (h: SummaryHead) => ({
  Put: { TableName: tableName(), Item: { ...publishedKey(h), ...h } },
});

export const listPublished = async (): Promise<SummaryHead[]> =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': summaryKeys.publishedPartition },
    })
  ).map((i) => SummaryHeadSchema.parse(i));

export const findPublished = async (reviewId: string, scope: string): Promise<SummaryHead | null> =>
  (await listPublished()).find((h) => h.reviewId === reviewId && h.scope === scope) ?? null;
