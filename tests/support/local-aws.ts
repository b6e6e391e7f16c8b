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

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when the response is JSON; tests read the fields they assert on. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field by the tests
  json: any;
}

/**
 * `call(sub, method, path, { body, headers })` against a local platform as a demo user (`null`:
 * signed out): JSON in, JSON (or text) out. Tokens are signed once per user.
 */
export const apiClient = (platform: Platform) => {
  const tokens = new Map<string, Promise<string>>();
  return async (
    sub: string | null,
    method: string,
    path: string,
    opts: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> => {
    let token: Promise<string> | undefined;
    if (sub) {
      token = tokens.get(sub) ?? platform.tokenFor(sub);
      tokens.set(sub, token);
    }
    const res = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${await token}` } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json')
      ? JSON.parse(text)
      : undefined;
    return { status: res.status, headers: res.headers, text, json };
  };
};

/** `apiClient` with the body and headers as positional arguments: `call(sub, 'POST', path, body)`. */
export const callAs = (platform: Platform) => {
  const client = apiClient(platform);
  return (
    sub: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => client(sub, method, path, { body, headers });
};
