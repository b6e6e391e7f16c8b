/**
 * The whole platform on one machine: embedded DynamoDB + S3, table and bucket from the shared
 * data model, the real Lambda handler modules behind the local API Gateway stand-in, the web UI
 * and local-only dev endpoints. Used by `npm start` and by the HTTP integration tests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signDevToken, type TokenSettings } from '#shared/auth/dev-tokens.ts';
import type { FunctionName } from '#shared/http/route.ts';
import { ensureBucket, ensureTable } from './bootstrap.ts';
import { DEMO_USERS, demoUser } from './demo-users.ts';
import { type Emulators, startEmulators } from './emulators.ts';
import { createGateway, type DevRoute, type LambdaHandler } from './gateway.ts';

export interface PlatformOptions {
  /** Persistent data folder; omitted = in memory. */
  dataDir?: string;
  /** 0 = any free port. */
  port?: number;
  /** Reuse running emulators (tests start them once per run). */
  emulators?: Pick<Emulators, 'dynamoEndpoint' | 's3Endpoint'>;
  tableName?: string;
  bucketName?: string;
  webRoot?: string;
  /** Seed hook run after the table and bucket exist (reference data, demo cycle). */
  seed?: () => Promise<void>;
  /**
   * Test hook: at this named step (see shared/steps.ts) the process dies with SIGKILL, as in a
   * `kill -9`, after stopping its emulators. Armed after seeding.
   */
  crashAt?: string;
}

export interface Platform {
  url: string;
  tokens: TokenSettings;
  /** A signed token for a demo user (as the dev sign-in would issue). */
  tokenFor: (sub: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** The signing secret is kept in the data folder so tokens survive a restart. */
const loadSecret = (dataDir: string | undefined): Uint8Array => {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
};

const FUNCTION_MODULES: Record<FunctionName, () => Promise<{ handler: LambdaHandler }>> = {
  system: () => import('#functions/system.ts'),
  registry: () => import('#functions/registry.ts'),
  cycles: () => import('#functions/cycles.ts'),
  'self-assessments': () => import('#functions/self-assessments.ts'),
  reviews: () => import('#functions/reviews.ts'),
  dialogue: () => import('#functions/dialogue.ts'),
  summaries: () => import('#functions/summaries.ts'),
  public: () => import('#functions/public.ts'),
  reports: () => import('#functions/reports.ts'),
};

export const startPlatform = async (opts: PlatformOptions = {}): Promise<Platform> => {
  const owned = opts.emulators ? null : await startEmulators({ dataDir: opts.dataDir });
  const endpoints = opts.emulators ?? owned;
  if (!endpoints) throw new Error('no emulators');
  const tokens: TokenSettings = {
    secret: loadSecret(opts.dataDir),
    issuer: 'cop-review-local',
    audience: 'cop-review',
  };
  // The handlers read their configuration from the environment, as in Lambda; set it before
  // the first handler module loads.
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
    S3_ENDPOINT: endpoints.s3Endpoint,
    TABLE_NAME: opts.tableName ?? 'cop-review',
    BUCKET_NAME: opts.bucketName ?? 'cop-review-documents',
    JWT_ISSUER: tokens.issuer,
    JWT_AUDIENCE: tokens.audience,
  });
  const { dynamo, s3Client, resetClients } = await import('#shared/aws/clients.ts');
  const { config, resetConfig } = await import('#shared/config.ts');
  // A platform started again in the same process gets new emulator ports.
  resetConfig();
  resetClients();
  await ensureTable(dynamo(), config().TABLE_NAME);
  await ensureBucket(s3Client(), config().BUCKET_NAME);
  await opts.seed?.();
  if (opts.crashAt) {
    const { setStepHook } = await import('#shared/steps.ts');
    setStepHook(async (step) => {
      if (step !== opts.crashAt) return;
      process.stderr.write(`crash at ${step}\n`);
      // DynamoDB Local answers before its disk has the write (a real table is durable once it
      // answers), so the stand-in for the managed services is shut down cleanly; the platform
      // process itself dies with SIGKILL: no handler, no finally block runs.
      await owned?.stop();
      process.kill(process.pid, 'SIGKILL');
    });
  }

  const tokenFor = async (sub: string): Promise<string> => {
    const user = demoUser(sub);
    if (!user) throw new Error(`no demo user ${sub}`);
    return signDevToken(user, tokens);
  };

  const devRoutes: Record<string, DevRoute> = {
    'GET /dev/users': async () => ({ status: 200, body: { users: DEMO_USERS } }),
    'POST /dev/sign-in': async (_req, body) => {
      let sub: unknown;
      try {
        sub = (JSON.parse(body.toString('utf8')) as { sub?: unknown }).sub;
      } catch {
        return { status: 400, body: { error: { code: 'INVALID_JSON', message: 'body: not valid JSON' } } };
      }
      const user = typeof sub === 'string' ? demoUser(sub) : undefined;
      if (!user) {
        return { status: 400, body: { error: { code: 'VALIDATION', message: 'sub: unknown demo user' } } };
      }
      return { status: 200, body: { token: await signDevToken(user, tokens), user } };
    },
    // The local stand-in for e-mail: runs the outbox delivery (the scheduled function in AWS),
    // then shows what a demo user has received.
    'GET /dev/mailbox': async (_req, _body, url) => {
      const user = demoUser(url.searchParams.get('sub') ?? '');
      if (!user) {
        return { status: 400, body: { error: { code: 'VALIDATION', message: 'sub: unknown demo user' } } };
      }
      const { deliverOutbox } = await import('#shared/use-cases/reviews.ts');
      const { listMailbox } = await import('#shared/repos/notifications.ts');
      const { mailboxesOf } = await import('#shared/domain/notifications.ts');
      const delivered = await deliverOutbox(new Date());
      return {
        status: 200,
        body: { delivered, messages: await listMailbox(mailboxesOf(user), { limit: 100 }) },
      };
    },
  };

  const server = createGateway({
    tokens,
    loadHandler: async (fn) => (await FUNCTION_MODULES[fn]()).handler,
    devRoutes,
    webRoot: opts.webRoot,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    tokenFor,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await owned?.stop();
    },
  };
};
