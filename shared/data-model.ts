/**
 * The data model, declared once: the single DynamoDB table (keys, GSIs, TTL) and the S3 bucket
 * layout. Used by the CDK stack, the local bootstrap, the repositories and the tests.
 */
import { SAFE_SEGMENT } from './domain/ids.ts';
import type { Instrument, Iso3 } from './domain/types.ts';

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; idempotency records and delivered outbox messages expire. */
  ttlAttribute: 'expiresAt',
  globalIndexes: [
    /** Secondary access path 1, e.g. reviews by reviewing State, items by kind. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Secondary access path 2, e.g. pending outbox messages by due time, deadlines. */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

const safeSegment = (value: string): string => {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`unsafe object key segment: ${JSON.stringify(value)}`);
  return value;
};

/** Prefix of every upload key; the bucket expires objects under it after UPLOADS_EXPIRE_DAYS. */
export const UPLOADS_PREFIX = 'uploads/';
export const UPLOADS_EXPIRE_DAYS = 1;

/**
 * S3 object layout. Objects are never overwritten: every version gets its own key, its number
 * reserved first by a DynamoDB conditional write (s3rver has no bucket versioning; the AWS bucket
 * has versioning on as a second line of defence).
 */
export const BUCKET_LAYOUT = {
  selfAssessmentVersion: (cycleId: string, iso3: Iso3, instrument: Instrument, version: number): string =>
    `cycles/${safeSegment(cycleId)}/states/${safeSegment(iso3)}/${instrument}/self-assessment/v${version}.json`,
  /**
   * Where a pre-signed upload URL writes: the only keys any upload URL is ever issued for, under
   * one top-level prefix so a lifecycle rule can expire what was never confirmed.
   */
  attachmentUpload: (cycleId: string, iso3: Iso3, attachmentId: string): string =>
    `${UPLOADS_PREFIX}${safeSegment(cycleId)}/${safeSegment(iso3)}/${safeSegment(attachmentId)}`,
  /**
   * A confirmed attachment: written only by the server, from the bytes it verified, under their
   * SHA-256 (so one key only ever holds one content, and no upload URL reaches it).
   */
  attachment: (cycleId: string, iso3: Iso3, attachmentId: string, sha256: string): string =>
    `${BUCKET_LAYOUT.attachmentPrefix(cycleId, iso3, attachmentId)}${safeSegment(sha256)}`,
  attachmentPrefix: (cycleId: string, iso3: Iso3, attachmentId: string): string =>
    `cycles/${safeSegment(cycleId)}/states/${safeSegment(iso3)}/attachments/${safeSegment(attachmentId)}/`,
  drawRecord: (cycleId: string, drawId: string): string =>
    `cycles/${safeSegment(cycleId)}/draws/${safeSegment(drawId)}.json`,
  summary: (cycleId: string, iso3: Iso3, scope: string, version: number, lang: string, ext: string): string =>
    `cycles/${safeSegment(cycleId)}/states/${safeSegment(iso3)}/summaries/${safeSegment(scope)}/v${version}/${safeSegment(lang)}.${safeSegment(ext)}`,
  /** An uploaded questionnaire definition (parsed JSON), before and whether or not it is published. */
  questionnaireUpload: (questionnaireId: string, uploadId: string): string =>
    `questionnaires/${safeSegment(questionnaireId)}/uploads/${safeSegment(uploadId)}.json`,
  /** A published version; the upload id in the key keeps a lost publishing race from overwriting. */
  questionnaireVersion: (questionnaireId: string, version: number, uploadId: string): string =>
    `questionnaires/${safeSegment(questionnaireId)}/v${version}-${safeSegment(uploadId)}.json`,
  reviewExport: (cycleId: string, iso3: Iso3, exportId: string): string =>
    `cycles/${safeSegment(cycleId)}/states/${safeSegment(iso3)}/exports/${safeSegment(exportId)}.json`,
} as const;

/**
 * CORS of the documents bucket: browsers PUT attachments straight to a pre-signed URL, so the
 * bucket must answer the preflight for the site's origin (CloudFront in AWS, loopback locally).
 * The headers are those `presignUpload` signs or asks for; downloads are plain navigations.
 */
export const UPLOAD_CORS = {
  allowedMethods: ['PUT'],
  allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3000,
} as const;

/** Origins of the local platform's UI (any port on loopback). */
export const LOCAL_WEB_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'] as const;
