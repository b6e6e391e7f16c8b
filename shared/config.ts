/**
 * Runtime configuration: read once from the environment, validated with zod, failing fast
 * with a message that names the variable.
 */
import * as z from 'zod';
import { DEFAULT_NAMING_REMINDER_LEAD_DAYS } from './domain/naming-reminders.ts';

const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(1).default('cop-review'),
  BUCKET_NAME: z.string().min(3).default('cop-review-documents'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Set only locally: the embedded DynamoDB / S3 endpoints. Unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  /** Local dev sign-in (HS256). In AWS the HTTP API JWT authorizer validates Cognito tokens instead. */
  JWT_ISSUER: z.string().min(1).default('cop-review-local'),
  JWT_AUDIENCE: z.string().min(1).default('cop-review'),
  /** Base URL of the web UI, used in notification links. */
  WEB_ORIGIN: z.string().default('http://localhost:3000'),
  /**
   * Where delivered notifications go besides the in-app mailbox: `mailbox` (only there; the
   * default), `email` (to directory people through the mail sender, MAIL_TRANSPORT: the local
   * platform and the AWS stack), or `ses`/`eventbridge` (a sender the wiring supplies). See
   * docs/workflow.md and docs/people.md.
   */
  NOTIFY_TRANSPORT: z.enum(['mailbox', 'email', 'ses', 'eventbridge']).default('mailbox'),
  /**
   * Response reports: a count of answers of States the reader may not see by name below this is
   * suppressed (shown as "fewer than N"). A policy setting (docs/analytics.md).
   */
  REPORT_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(50).default(3),
  /**
   * Who may read draw records, their verification and the confirmed assignments (who reviews
   * whom): `signed-in` (default: the draw is meant to be verifiable by anyone with an account) or
   * `secretariat` (secretariat and observers; States then see only the reviews they take part
   * in). A policy setting (docs/security.md, "What is public by design").
   */
  DRAW_DISCLOSURE: z.enum(['signed-in', 'secretariat']).default('signed-in'),
  /**
   * Days an activation link stays valid (REVMOD: 10). A policy setting (docs/people.md).
   */
  INVITATION_EXPIRY_DAYS: z.coerce.number().int().min(1).max(90).default(10),
  /** Most governmental experts one State names in one review (DOMAIN.md: up to 15). A policy setting. */
  MAX_EXPERTS_PER_STATE: z.coerce.number().int().min(1).max(100).default(15),
  /**
   * Days before a naming deadline (focal point, experts) that States which have not named them
   * are first reminded; a second reminder goes in the deadline's last day. DOMAIN.md gives none:
   * the named default DEFAULT_NAMING_REMINDER_LEAD_DAYS. A policy setting (docs/people.md).
   */
  NAMING_REMINDER_LEAD_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(27)
    .default(DEFAULT_NAMING_REMINDER_LEAD_DAYS),
  /** Where the web UI lives, for links in e-mails (`#/activate?...`); default `${WEB_ORIGIN}/`. */
  WEB_APP_URL: z.union([z.url(), z.literal('')]).default(''),
  /**
   * How e-mail leaves (shared/mail/sender.ts): `smtp` (SMTP_URL; the local platform's embedded
   * server), `ses` (AWS), or `none` (nothing is sent; the in-app mailbox still is).
   */
  MAIL_TRANSPORT: z.enum(['none', 'smtp', 'ses']).default('none'),
  SMTP_URL: z.string().default(''),
  /**
   * Where activation creates sign-in identities (shared/auth/identities.ts): `directory` (the
   * local platform: the directory itself, dev sign-in) or `cognito` (AWS: COGNITO_USER_POOL_ID).
   */
  IDENTITY_PROVIDER: z.enum(['directory', 'cognito']).default('directory'),
  COGNITO_USER_POOL_ID: z.string().default(''),
  MAIL_FROM: z.string().min(3).default('cop-review <no-reply@cop-review.local>'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});
export type Config = z.infer<typeof ConfigSchema>;

class ConfigError extends Error {}

export const parseConfig = (env: Record<string, string | undefined>): Config => {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
};

let cached: Config | undefined;
/** The process configuration, parsed on first use (module scope in Lambda: once per cold start). */
export const config = (): Config => {
  cached ??= parseConfig(process.env);
  return cached;
};

/** Forget the parsed configuration (the local platform restarting in one process, e.g. in tests). */
export const resetConfig = (): void => {
  cached = undefined;
};
