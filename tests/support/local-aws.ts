/**
 * Per-test-file AWS on the embedded emulators: a fresh table and bucket with unique names, and
 * the environment set the way the Lambda handlers read it.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureBucket, ensureTable } from '../../scripts/local/bootstrap.ts';
import { type Platform, startPlatform } from '../../scripts/local/platform.ts';

export const uniqueNames = () => {
  const id = randomUUID().slice(0, 8);
  return { tableName: `test-${id}`, bucketName: `test-${id}` };
};

/** Points this file's process at the emulators with its own table and bucket. */
export const useLocalAws = async () => {
  const names = uniqueNames();
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    S3_ENDPOINT: inject('s3Endpoint'),
    TABLE_NAME: names.tableName,
    BUCKET_NAME: names.bucketName,
  });
  const { dynamo, s3Client } = await import('#shared/aws/clients.ts');
  await ensureTable(dynamo(), names.tableName);
  await ensureBucket(s3Client(), names.bucketName);
  return { ...names, dynamo: dynamo(), s3: s3Client() };
};

/**
 * The full local platform (gateway + real handlers) on this file's own table and bucket;
 * `webRoot` also serves a built web UI under /ui/ (the e2e tests).
 */
export const useLocalPlatform = async (seed?: () => Promise<void>, webRoot?: string): Promise<Platform> =>
  startPlatform({
    emulators: { dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') },
    ...uniqueNames(),
    seed,
    webRoot,
  });
