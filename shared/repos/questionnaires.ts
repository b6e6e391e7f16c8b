/**
 * Managed questionnaire definitions: uploads (checked, previewable, not yet in use) and
 * published versions (immutable). Bodies live in the bucket under their SHA-256, the records
 * in the table; a version is published by one transaction (version item created, head moved
 * from the version read, upload marked, audit entry), so two publications never both win.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { dynamo } from '../aws/clients.ts';
import { BUCKET_LAYOUT } from '../data-model.ts';
import {
  type QuestionnaireDefinition,
  QuestionnaireDefinitionSchema,
} from '../domain/questionnaire/definition.ts';
import {
  type PublishedVersionRecord,
  type StoredBodySchema,
  type UploadRecord,
  UploadRecordSchema,
  VersionRecordSchema,
} from '../domain/questionnaire/records.ts';
import { type AuditInput, auditPut, auditScope } from './audit.ts';
import { queryAll, tableName, writeAll } from './dynamo.ts';
import { GSI1, questionnaireKeys } from './keys.ts';
import { assertDigest, sha256Hex } from './objects.ts';
import { putObject, readObject } from './self-assessments.ts';

const uploadKey = questionnaireKeys.upload;
const versionKey = questionnaireKeys.version;
/** The item naming a questionnaire's latest published version (absent while only the shipped one exists). */
const headKey = questionnaireKeys.head;
const UPLOADS = questionnaireKeys.uploads;

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, ...rest } = item;
  return rest;
};

const bodyOf = (def: unknown) => Buffer.from(`${JSON.stringify(def, null, 2)}\n`, 'utf8');

/** Stores a checked definition as an upload (body first, then the record with its audit entry). */
export const createUpload = async (
  record: Omit<UploadRecord, 'objectKey' | 'sha256' | 'size' | 'status'>,
  def: QuestionnaireDefinition,
  audit: Omit<AuditInput, 'object'>,
): Promise<UploadRecord> => {
  const bytes = bodyOf(def);
  const objectKey = BUCKET_LAYOUT.questionnaireUpload(record.questionnaireId, record.uploadId);
  await putObject(objectKey, bytes, 'application/json');
  const full: UploadRecord = {
    ...record,
    objectKey,
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    status: 'uploaded',
  };
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...uploadKey(record.uploadId),
            gsi1pk: UPLOADS,
            gsi1sk: `${record.uploadedAt}#${record.uploadId}`,
            ...full,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(auditScope.questionnaires(), { ...audit, object: `questionnaire-upload/${record.uploadId}` }),
    ],
    `upload ${record.uploadId} exists already`,
  );
  return full;
};

export const findUpload = async (uploadId: string): Promise<UploadRecord | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: uploadKey(uploadId), ConsistentRead: true }),
  );
  return res.Item ? UploadRecordSchema.parse(strip(res.Item)) : null;
};

/** Uploads, newest first. */
export const listUploads = async (): Promise<UploadRecord[]> =>
  (
    await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': UPLOADS },
      ScanIndexForward: false,
    })
  ).map((i) => UploadRecordSchema.parse(strip(i)));

/** The stored definition of an upload or a version, checked against its recorded SHA-256. */
export const readDefinition = async (
  stored: z.infer<typeof StoredBodySchema>,
): Promise<QuestionnaireDefinition> => {
  const bytes = await readObject(stored.objectKey);
  assertDigest(sha256Hex(bytes), stored.sha256, `questionnaire ${stored.objectKey}`);
  return QuestionnaireDefinitionSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
};

/** The latest published version number of a questionnaire, or null when only the shipped one exists. */
export const latestPublished = async (questionnaireId: string): Promise<number | null> => {
  const res = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: headKey(questionnaireId), ConsistentRead: true }),
  );
  return latestOf(res.Item);
};

/** The version a head item (read by `questionnaireHeadKey`) names, or null when there is none. */
export const latestOf = (head: Record<string, unknown> | undefined): number | null =>
  head ? Number(head.latest) : null;

export const findVersionRecord = async (
  id: string,
  version: number,
): Promise<PublishedVersionRecord | null> => {
  const res = await dynamo().send(new GetCommand({ TableName: tableName(), Key: versionKey(id, version) }));
  return res.Item ? VersionRecordSchema.parse(strip(res.Item)) : null;
};

export const listVersionRecords = async (id: string): Promise<PublishedVersionRecord[]> =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
      ExpressionAttributeValues: {
        ':p': questionnaireKeys.partition(id),
        ':v': questionnaireKeys.versionPrefix,
      },
    })
  ).map((i) => VersionRecordSchema.parse(strip(i)));

/**
 * Publishes `def` (version `def.version`) from `upload`: writes its body, then in one
 * transaction creates the version item (never overwritten), moves the head from `expectedLatest`
 * (null: no version was published yet), marks the upload published and audits it. A lost race is
 * a ConflictError that changes no record; the body it wrote, under a key of its own (the upload
 * id is in it), is referenced by nothing (the function has no delete right on the bucket).
 */
export const publishVersion = async (
  upload: UploadRecord,
  def: QuestionnaireDefinition,
  expectedLatest: number | null,
  audit: Omit<AuditInput, 'object' | 'version'>,
): Promise<PublishedVersionRecord> => {
  const bytes = bodyOf(def);
  const objectKey = BUCKET_LAYOUT.questionnaireVersion(def.id, def.version, upload.uploadId);
  await putObject(objectKey, bytes, 'application/json');
  const record: PublishedVersionRecord = {
    questionnaireId: def.id,
    version: def.version,
    instrument: def.instrument,
    uploadId: upload.uploadId,
    publishedAt: audit.now.toISOString(),
    publishedBy: audit.principal.kind === 'user' ? audit.principal.sub : 'system',
    objectKey,
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
  };
  await writeAll(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...versionKey(def.id, def.version), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...headKey(def.id), latest: def.version, updatedAt: record.publishedAt },
          ...(expectedLatest === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'latest = :l', ExpressionAttributeValues: { ':l': expectedLatest } }),
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: uploadKey(upload.uploadId),
          UpdateExpression: 'SET #s = :published, publishedVersion = :v',
          ConditionExpression: '#s = :uploaded',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':published': 'published',
            ':uploaded': 'uploaded',
            ':v': def.version,
          },
        },
      },
      auditPut(auditScope.questionnaires(), {
        ...audit,
        object: `questionnaire/${def.id}`,
        version: def.version,
        details: { uploadId: upload.uploadId, sha256: record.sha256, clusters: upload.clusters },
      }),
    ],
    `${def.id} changed while publishing: another version was published or this upload was published already; nothing changed`,
  );
  return record;
};
