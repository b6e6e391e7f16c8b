/**
 * The cop-review stack: constructs per concern, wired through typed props.
 *
 *   Data (table, documents, access logs) ─┬─> Api (functions + HTTP API) ──> Monitoring
 *   Auth (user pool, web client) ─────────┤          ▲
 *   Web (bucket + CloudFront) ── origin ──┘          │
 *   Schedules (EventBridge Scheduler) ──> scheduled function
 *
 * One stack: the stateful resources are retained on deletion (and the table and user pool have
 * deletion protection), so splitting into two stacks would add cross-stack exports without
 * protecting anything more.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { COGNITO_ADMIN_ACTIONS } from '#shared/auth/cognito-identities.ts';
import type { RouteDef } from '#shared/http/route.ts';
import { accessOf, type DeployedFunctionName, SCHEDULED_FUNCTION } from './access.ts';
import { Api } from './constructs/api.ts';
import { AppFunction } from './constructs/app-function.ts';
import { Auth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Schedules } from './constructs/schedules.ts';
import { Web } from './constructs/web.ts';

export interface CopReviewStackProps extends StackProps {
  /** Built web UI to deploy (e.g. `web/dist`). @default none: the site is created empty */
  webAssetPath?: string;
  /** Origin the UI is served from when it is not the CloudFront default (custom domain). */
  webOrigin?: string;
  alarmEmail?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** @default 50 requests/s steady, 100 burst (whole API) */
  throttle?: { rateLimit: number; burstLimit: number };
  /** @default ROUTES */
  routes?: readonly RouteDef[];
  /**
   * The domain e-mail is sent from (an SES domain identity the stack creates; its DNS records must
   * be published before SES sends). @default cop-review.example.org (a placeholder to replace)
   */
  mailDomain?: string;
  /** TOTP MFA policy (infra/constructs/auth.ts). @default 'required' */
  mfa?: 'required' | 'optional';
}

export class CopReviewStack extends Stack {
  public readonly data: Data;
  public readonly auth: Auth;
  public readonly web: Web;
  public readonly api: Api;
  public readonly scheduled: AppFunction;
  public readonly schedules: Schedules;
  public readonly monitoring: Monitoring;
  public readonly mailIdentity: EmailIdentity;

  constructor(scope: Construct, id: string, props: CopReviewStackProps = {}) {
    super(scope, id, props);

    this.data = new Data(this, 'Data');
    // The site exists before the API so its origin can go to CORS and the functions; its files
    // (and their config.json, which needs the API URL) are deployed at the end.
    this.web = new Web(this, 'Web', { logsBucket: this.data.logsBucket });
    const webOrigin = props.webOrigin ?? this.web.origin;
    this.data.allowUploadsFrom(webOrigin);

    this.auth = new Auth(this, 'Auth', {
      redirectUri: `${webOrigin}/`,
      ...(props.mfa ? { mfa: props.mfa } : {}),
    });

    const mailDomain = props.mailDomain ?? 'cop-review.example.org';
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(mailDomain) });

    const environment = {
      // E-mail through the one sender (shared/mail/sender.ts) over SES; notifications go by e-mail too.
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: `cop-review <no-reply@${mailDomain}>`,
      NOTIFY_TRANSPORT: 'email',
      WEB_APP_URL: `${webOrigin}/`,
      // Activation creates the person's Cognito user (shared/auth/cognito-identities.ts).
      IDENTITY_PROVIDER: 'cognito',
      COGNITO_USER_POOL_ID: this.auth.userPool.userPoolId,
      TABLE_NAME: this.data.table.tableName,
      BUCKET_NAME: this.data.bucket.bucketName,
      JWT_ISSUER: this.auth.issuer,
      JWT_AUDIENCE: this.auth.webClient.userPoolClientId,
      WEB_ORIGIN: webOrigin,
      LOG_LEVEL: props.logLevel ?? 'INFO',
    };

    this.api = new Api(this, 'Api', {
      data: this.data,
      jwt: { issuer: this.auth.issuer, audience: this.auth.webClient.userPoolClientId },
      webOrigin,
      environment,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      ...(props.routes ? { routes: props.routes } : {}),
    });

    this.scheduled = new AppFunction(this, 'Fn-scheduled', {
      entry: `functions/${SCHEDULED_FUNCTION}.ts`,
      name: SCHEDULED_FUNCTION,
      environment,
      // Outbox batches and deadline sweeps run longer than an API request may.
      timeout: Duration.minutes(5),
    });
    this.data.grant(this.scheduled, accessOf(SCHEDULED_FUNCTION));
    this.schedules = new Schedules(this, 'Schedules', { target: this.scheduled });
    // Sending e-mail only where infra/access.ts declares it, on this identity only.
    const deployed = { ...this.api.functions, [SCHEDULED_FUNCTION]: this.scheduled };
    for (const [name, fn] of Object.entries(deployed))
      if (accessOf(name as DeployedFunctionName).sendEmail) this.mailIdentity.grantSendEmail(fn);
    // Cognito user administration only where declared, on this user pool only.
    for (const [name, fn] of Object.entries(deployed))
      if (accessOf(name as DeployedFunctionName).manageIdentities)
        this.auth.userPool.grant(fn, ...COGNITO_ADMIN_ACTIONS);

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: { ...this.api.functions, [SCHEDULED_FUNCTION]: this.scheduled },
      httpApi: this.api.httpApi,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    if (props.webAssetPath) {
      // The UI reads this with the same schema (shared/web-config.ts).
      this.web.deploy(props.webAssetPath, {
        apiBase: this.api.url,
        auth: 'cognito',
        cognito: {
          domain: this.auth.domainUrl,
          clientId: this.auth.webClient.userPoolClientId,
          redirectUri: `${webOrigin}/`,
          scopes: [...this.auth.scopes],
        },
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'WebUrl', { value: webOrigin });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.data.bucket.bucketName });
  }
}
