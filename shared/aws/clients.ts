/**
 * SDK clients as module-scope singletons. The same code talks to AWS (no endpoint set) or to the
 * embedded DynamoDB Local / s3rver (endpoints set by the local server and the tests).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';

/** Static credentials for the emulators only; they accept anything. */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** `region` defaults to the configured one; pass it to build a client before config is final. */
export const makeDynamoClient = (endpoint?: string, region?: string): DynamoDBDocumentClient => {
  const AWS_REGION = region ?? config().AWS_REGION;
  const base = new DynamoDBClient(
    endpoint ? { region: AWS_REGION, endpoint, credentials: LOCAL_CREDENTIALS } : { region: AWS_REGION },
  );
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};

const makeS3Client = (endpoint?: string): S3Client => {
  const { AWS_REGION } = config();
  if (!endpoint) return new S3Client({ region: AWS_REGION });
  return new S3Client({
    region: AWS_REGION,
    endpoint,
    credentials: LOCAL_CREDENTIALS,
    // s3rver serves path-style only.
    forcePathStyle: true,
    // s3rver corrupts streamed uploads carrying the SDK's default CRC32 trailer checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
};

let ddb: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  ddb ??= makeDynamoClient(config().DYNAMODB_ENDPOINT);
  return ddb;
};

export const s3Client = (): S3Client => {
  s3 ??= makeS3Client(config().S3_ENDPOINT);
  return s3;
};

/** Drop the singletons so the next use builds clients from the current configuration (local restarts). */
export const resetClients = (): void => {
  ddb = undefined;
  s3 = undefined;
};
