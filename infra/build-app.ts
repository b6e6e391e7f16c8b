/**
 * Builds the CDK app: the stack plus the cdk-nag AwsSolutions checks, which fail synthesis on any
 * finding that is not acknowledged with a reason. Shared by `infra/app.ts` (the `cdk` entry) and
 * the infra tests, so both check exactly the same thing.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PROJECT_ROOT } from './constructs/app-function.ts';
import { CopReviewStack, type CopReviewStackProps } from './stack.ts';

const STACK_NAME = 'CopReview';

/** Context keys (`cdk synth -c key=value` or cdk.json). */
interface AppContext {
  /** Folder with the built web UI. @default web/dist, deployed only if it exists */
  webDist?: string;
  /** Origin of the UI when served from a custom domain. @default the CloudFront URL */
  webOrigin?: string;
  alarmEmail?: string;
  /** Domain e-mail is sent from (SES identity). @default cop-review.example.org */
  mailDomain?: string;
  logLevel?: CopReviewStackProps['logLevel'];
}

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

const stringContext = (app: App, key: keyof AppContext): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export const buildApp = (appProps: AppProps = {}): { app: App; stack: CopReviewStack } => {
  const app = new App(appProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const webDist = stringContext(app, 'webDist') ?? 'web/dist';
  const webPath = isAbsolute(webDist) ? webDist : join(PROJECT_ROOT, webDist);
  const logLevel = stringContext(app, 'logLevel');
  if (logLevel !== undefined && !LOG_LEVELS.some((l) => l === logLevel)) {
    throw new Error(`context logLevel: must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const webOrigin = stringContext(app, 'webOrigin');
  const alarmEmail = stringContext(app, 'alarmEmail');
  const mailDomain = stringContext(app, 'mailDomain');

  const stack = new CopReviewStack(app, STACK_NAME, {
    description: 'cop-review: peer-review platform for treaty review mechanisms',
    // Environment-agnostic unless the CLI knows an account: synth needs no credentials or lookups.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    ...(existsSync(join(webPath, 'index.html')) ? { webAssetPath: webPath } : {}),
    ...(webOrigin ? { webOrigin } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(mailDomain ? { mailDomain } : {}),
    ...(logLevel ? { logLevel: LOG_LEVELS.find((l) => l === logLevel) } : {}),
  });
  return { app, stack };
};
