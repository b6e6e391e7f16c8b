import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#shared/domain/errors.ts';
import { toErrorResponse } from '#shared/http/errors.ts';
import { putNew, writeAll } from '#shared/repos/dynamo.ts';
import { useLocalAws } from '../support/local-aws.ts';

const aws = await useLocalAws();

describe('the embedded DynamoDB (DynamoDB Local) through the real AWS SDK', () => {
  it('writes and reads an item', async () => {
    await aws.dynamo.send(
      new PutCommand({ TableName: aws.tableName, Item: { pk: 'T#1', sk: 'A', name: "Côte d'Ivoire" } }),
    );
    const got = await aws.dynamo.send(
      new GetCommand({ TableName: aws.tableName, Key: { pk: 'T#1', sk: 'A' } }),
    );
    expect(got.Item?.name).toBe("Côte d'Ivoire");
  });

  it('maps a failed conditional write to a domain conflict answered with 409', async () => {
    await putNew({ pk: 'T#2', sk: 'A', v: 1 }, 'item T#2 exists');
    const err = await putNew({ pk: 'T#2', sk: 'A', v: 2 }, 'item T#2 exists').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(toErrorResponse(err).statusCode).toBe(409);
    expect(toErrorResponse(err).body.error.message).toBe('item T#2 exists');
    const kept = await aws.dynamo.send(
      new GetCommand({ TableName: aws.tableName, Key: { pk: 'T#2', sk: 'A' } }),
    );
    expect(kept.Item?.v).toBe(1);
  });

  it('cancels a whole transaction when one condition fails, explaining it without DynamoDB codes', async () => {
    await putNew({ pk: 'T#3', sk: 'A' }, 'exists');
    const err = await writeAll(
      [
        { Put: { TableName: aws.tableName, Item: { pk: 'T#3', sk: 'B' } } },
        {
          Put: {
            TableName: aws.tableName,
            Item: { pk: 'T#3', sk: 'A' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      'transaction rejected',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).details).toEqual({ why: expect.stringContaining('another request') });
    expect(JSON.stringify((err as ConflictError).details)).not.toMatch(/ConditionalCheckFailed|None/);
    const notWritten = await aws.dynamo.send(
      new GetCommand({ TableName: aws.tableName, Key: { pk: 'T#3', sk: 'B' } }),
    );
    expect(notWritten.Item).toBeUndefined();
  });

  it('commits a transaction whose conditions all hold', async () => {
    await writeAll(
      [
        {
          Put: {
            TableName: aws.tableName,
            Item: { pk: 'T#4', sk: 'A' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: aws.tableName,
            Item: { pk: 'T#4', sk: 'B' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      'transaction rejected',
    );
    const b = await aws.dynamo.send(
      new GetCommand({ TableName: aws.tableName, Key: { pk: 'T#4', sk: 'B' } }),
    );
    expect(b.Item).toBeDefined();
  });
});

describe('the embedded S3 (s3rver) through the real AWS SDK', () => {
  it('stores a streamed upload byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    await aws.s3.send(
      new PutObjectCommand({
        Bucket: aws.bucketName,
        Key: 'laws/penal-code.bin',
        Body: Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]),
        ContentLength: bytes.length,
      }),
    );
    const got = await aws.s3.send(
      new GetObjectCommand({ Bucket: aws.bucketName, Key: 'laws/penal-code.bin' }),
    );
    const back = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(back)).toBe(sha(bytes));
  });

  it('pages through a truncated listing (needs Node started with --openssl-legacy-provider)', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await aws.s3.send(new PutObjectCommand({ Bucket: aws.bucketName, Key: `list/${n}.json`, Body: '{}' }));
    }
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await aws.s3.send(
        new ListObjectsV2Command({
          Bucket: aws.bucketName,
          Prefix: 'list/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(keys).toEqual(['list/1.json', 'list/2.json', 'list/3.json', 'list/4.json', 'list/5.json']);
  });

  it("answers the browser's preflight for an upload from the local UI's origin, and only from it", async () => {
    const preflight = (origin: string) =>
      fetch(`${process.env.S3_ENDPOINT}/${aws.bucketName}/cycles/c/states/CIV/attachments/a1`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight('http://127.0.0.1:3000');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    expect((await preflight('https://elsewhere.example')).status).toBe(403);
  });
});
