/**
 * The whole platform on one machine: embedded DynamoDB + S3, table and bucket from the shared
 * data model, the real Lambda handler modules behind the local API Gateway stand-in, the web UI
 * and local-only dev endpoints. Used by `npm start` and by the HTTP integration tests.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type DevUser, signDevToken, type TokenSettings, verifyToken } from '#shared/auth/dev-tokens.ts';
import { principalFromClaims } from '#shared/auth/principal.ts';
import type { FunctionName } from '#shared/http/route.ts';
import { ensureBucket, ensureTable } from './bootstrap.ts';
import { DEMO_USERS, demoUser } from './demo-users.ts';
import { type Emulators, startEmulators } from './emulators.ts';
import { createGateway, type DevRoute, type LambdaHandler } from './gateway.ts';
import { type ReceivedMail, startSmtp } from './smtp.ts';

export interface PlatformOptions {
  /** Persistent data folder (created readable by its owner only); omitted = in memory. */
  dataDir?: string;
  /**
   * The dev-only endpoints (`/dev/users`, `/dev/sign-in`, `/dev/mailbox`); default on. Off,
   * they answer 404 and nobody can obtain a token from this platform over HTTP.
   */
  devSignIn?: boolean;
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
  /** A signed token for a demo user or an activated directory person (as the dev sign-in would issue). */
  tokenFor: (sub: string) => Promise<string>;
  /** What the embedded SMTP server received (every e-mail the platform sent). */
  mail: ReceivedMail[];
  stop: () => Promise<void>;
}

/**
 * Whether the dev sign-in is on: `COP_DEV_SIGN_IN=off` (or `on`, the default) in the
 * environment, `--no-dev-sign-in` on the command line (`npm start -- --no-dev-sign-in`).
 */
export const devSignInSetting = (
  env: Record<string, string | undefined>,
  argv: readonly string[],
): boolean => {
  if (argv.includes('--no-dev-sign-in')) return false;
  const v = env.COP_DEV_SIGN_IN;
  if (v === undefined || v === '' || v === 'on') return true;
  if (v === 'off') return false;
  throw new Error(`COP_DEV_SIGN_IN must be on or off, got ${JSON.stringify(v)}`);
};

/** The data folder holds the tables, the documents and the signing secret: its owner's only. */
const preparePrivateDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
};

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
  questionnaires: () => import('#functions/questionnaires.ts'),
  cycles: () => import('#functions/cycles.ts'),
  'self-assessments': () => import('#functions/self-assessments.ts'),
  reviews: () => import('#functions/reviews.ts'),
  dialogue: () => import('#functions/dialogue.ts'),
  summaries: () => import('#functions/summaries.ts'),
  public: () => import('#functions/public.ts'),
  reports: () => import('#functions/reports.ts'),
  people: () => import('#functions/people.ts'),
  'follow-ups': () => import('#functions/follow-ups.ts'),
  search: () => import('#functions/search.ts'),
};

export const startPlatform = async (opts: PlatformOptions = {}): Promise<Platform> => {
  if (opts.dataDir) preparePrivateDir(opts.dataDir);
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
  const smtp = await startSmtp();
  Object.assign(process.env, {
    MAIL_TRANSPORT: 'smtp',
    NOTIFY_TRANSPORT: 'email',
    SMTP_URL: smtp.url,
    DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
    S3_ENDPOINT: endpoints.s3Endpoint,
    TABLE_NAME: opts.tableName ?? 'cop-review',
    BUCKET_NAME: opts.bucketName ?? 'cop-review-documents',
    JWT_ISSUER: tokens.issuer,
    JWT_AUDIENCE: tokens.audience,
  });
  const { dynamo, s3Client, resetClients } = await import('#shared/aws/clients.ts');
  const { config, resetConfig } = await import('#shared/config.ts');
  const { resetMailSender } = await import('#shared/mail/sender.ts');
  // A platform started again in the same process gets new emulator ports.
  resetConfig();
  resetClients();
  resetMailSender();
  // The local identity provider is the demo accounts: contacts are checked against them.
  const { setPeopleDirectory, setAccountsOfState } = await import('#shared/repos/people.ts');
  // The contact picker offers a State's demo accounts, and the per-State ones any draw may need.
  setAccountsOfState(async (state) =>
    [
      ...DEMO_USERS.filter((u) => u.state === state),
      demoUser(`focal-point@${state}`),
      demoUser(`expert@${state}`),
    ].flatMap((u) => (u ? [u] : [])),
  );
  setPeopleDirectory(async (subs) => {
    const out = new Map<string, { sub: string; role: DevUser['role']; state: DevUser['state'] }>();
    for (const sub of subs) {
      const u = demoUser(sub);
      if (u) out.set(sub, { sub, role: u.role, state: u.state });
    }
    return out;
  });
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

  /**
   * Who the dev sign-in issues tokens to: the demo people, and directory people who activated
   * their account (approved or not: an unapproved person signs in and sees no review yet).
   */
  const signInUser = async (sub: string): Promise<DevUser | undefined> => {
    const demo = demoUser(sub);
    if (demo) return demo;
    const { findPerson } = await import('#shared/repos/directory.ts');
    const { accessOf } = await import('#shared/domain/people.ts');
    const person = /^[0-9a-f-]{36}$/.test(sub) ? await findPerson(sub) : null;
    if (!person?.identity || (person.status !== 'activated' && person.status !== 'approved'))
      return undefined;
    const a = accessOf(person);
    return { sub: person.identity, name: person.name, role: a.role, state: a.state, person: person.personId };
  };

  const tokenFor = async (sub: string): Promise<string> => {
    const user = await signInUser(sub);
    if (!user) throw new Error(`no demo user or activated person ${sub}`);
    return signDevToken(user, tokens);
  };

  const devRoutes: Record<string, DevRoute> = {
    // The fixed demo users, and the registered States for `focal-point@ISO3` / `expert@ISO3`.
    'GET /dev/users': async () => {
      const { listStates } = await import('#shared/repos/registry.ts');
      const states = (await listStates())
        .map((st) => ({ iso3: st.iso3, name: st.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { listPeople } = await import('#shared/repos/directory.ts');
      const people = (await listPeople())
        .filter((p) => p.identity && (p.status === 'activated' || p.status === 'approved'))
        .map((p) => ({ personId: p.personId, name: p.name, state: p.state, status: p.status }));
      return { status: 200, body: { users: DEMO_USERS, states, people } };
    },
    'POST /dev/sign-in': async (_req, body) => {
      let sub: unknown;
      try {
        sub = (JSON.parse(body.toString('utf8')) as { sub?: unknown }).sub;
      } catch {
        return { status: 400, body: { error: { code: 'INVALID_JSON', message: 'body: not valid JSON' } } };
      }
      const user = typeof sub === 'string' ? await signInUser(sub) : undefined;
      if (!user) {
        return {
          status: 400,
          body: { error: { code: 'VALIDATION', message: 'sub: not a demo user or an activated person' } },
        };
      }
      return { status: 200, body: { token: await signDevToken(user, tokens), user } };
    },
    // The local stand-in for e-mail: runs the outbox delivery (the scheduled function in AWS),
    // then shows what the signed-in user has received (their own and their group mailboxes).
    'GET /dev/mailbox': async (req, _body, url) => {
      const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const verified = token ? await verifyToken(token, tokens) : undefined;
      const user = verified?.ok ? principalFromClaims(verified.claims) : null;
      if (user?.kind !== 'user') {
        return {
          status: 401,
          body: { error: { code: 'UNAUTHORIZED', message: 'authorization: sign in to read your mailbox' } },
        };
      }
      const asked = url.searchParams.get('sub');
      if (asked !== null && asked !== user.sub) {
        return {
          status: 403,
          body: { error: { code: 'FORBIDDEN', message: 'sub: the dev mailbox shows only your own mail' } },
        };
      }
      const { deliverOutbox } = await import('#shared/use-cases/reviews/scheduled.ts');
      const { listMailbox } = await import('#shared/repos/notifications.ts');
      const { mailboxesOf } = await import('#shared/domain/notifications.ts');
      const { transportFor } = await import('#shared/repos/notifications.ts');
      const { now } = await import('#shared/clock.ts');
      const delivered = await deliverOutbox(now(), transportFor(config().NOTIFY_TRANSPORT));
      const mailboxes = mailboxesOf(user);
      return {
        status: 200,
        body: {
          user: user.sub,
          mailboxes,
          delivered,
          messages: await listMailbox(mailboxes, { limit: 100 }),
        },
      };
    },
  };

  // Every e-mail the embedded SMTP server received, newest first (local only, like the rest of /dev).
  devRoutes['GET /dev/smtp'] = async () => ({
    status: 200,
    body: { messages: [...smtp.received].reverse() },
  });

  const server = createGateway({
    tokens,
    loadHandler: async (fn) => (await FUNCTION_MODULES[fn]()).handler,
    devRoutes: opts.devSignIn === false ? {} : devRoutes,
    webRoot: opts.webRoot,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Links in e-mails lead to this platform's UI.
  process.env.WEB_APP_URL = `http://127.0.0.1:${port}/ui/`;
  resetConfig();

  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    tokenFor,
    mail: smtp.received,
    stop: async () => {
      await smtp.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await owned?.stop();
    },
  };
};
