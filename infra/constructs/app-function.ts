/**
 * The one Lambda function shape of the platform: every function is an `AppFunction`, so the
 * runtime, architecture, bundling, logging and tracing are decided here once and never per
 * function. Each function gets its own role and log group; the role starts with nothing but
 * "write to your own log group" (no AWS managed policy), and grants are added explicitly by the
 * data construct.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DATA_FILES } from '#shared/data-files.ts';
import { FONT_FILES, resolvePackageFile } from '#shared/domain/pdf/fonts.ts';
import { esbuildOptionsFor } from '../bundling/esbuild-options.ts';

/** Repository root: entries, package-lock.json and package.json `imports` aliases live there. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The runtime of every function (conventions: Lambda runs Node.js 22). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/**
 * Data files a bundle reads at run time, copied next to `index.mjs` (there are no node_modules
 * in the Lambda package) — only into bundles that name them, i.e. that contain the PDF renderer,
 * which looks for its fonts beside the running module first (shared/domain/pdf/fonts.ts): DejaVu
 * Sans (1.4 MB), Noto Naskh Arabic (0.3 MB), Noto Sans Hans regular (8.4 MB). pdfkit needs no
 * AFM files: its standard fonts are JS modules loaded only if a document uses one, and the
 * renderer starts every document with the embedded DejaVu face instead.
 */
export const BUNDLED_FILES: readonly string[] = [
  ...new Set(Object.values(FONT_FILES).flatMap((weights) => Object.values(weights))),
].map(resolvePackageFile);

/**
 * The esbuild settings of every function, in one place: AppFunction passes them to CDK, and the
 * bundle tests and the cold-start bench translate the same object for esbuild's API
 * (infra/bundling/esbuild-options.ts). `overrides` is for the bench's what-if builds; the split
 * step of the hook rebuilds with the same options.
 */
export const functionBundling = (overrides: Partial<BundlingOptions> = {}): BundlingOptions => {
  const bundling: BundlingOptions = {
    // esbuild from node_modules; never Docker (CI has no Docker and no network).
    forceDockerBundling: false,
    format: OutputFormat.ESM,
    target: 'node22',
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    // Bundle the SDK at the versions package-lock.json pins instead of the runtime's copy: the
    // bundled, tree-shaken SDK initialises in about a third of the CPU time of the runtime's
    // full clients (figures in docs/benchmarks.md).
    bundleAwsSDK: true,
    // Dead weight left out of every bundle (paths relative to the project root, where CDK runs
    // esbuild): see each stand-in's comment.
    esbuildArgs: {
      '--alias:@aws-sdk/credential-provider-node': './infra/bundling/lambda-credentials.ts',
      '--alias:brotli/decompress.js': './infra/bundling/no-woff2.ts',
    },
    mainFields: ['module', 'main'],
    // Some dependencies are CommonJS and call require(); give the ESM bundle one.
    banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    // Read (and removed) by the split step below: it names the entry and shows dynamic imports.
    metafile: true,
    ...overrides,
  };
  const splitOptions = Buffer.from(JSON.stringify(esbuildOptionsFor(bundling)), 'utf8').toString('base64');
  const named = (name: string, outputDir: string) => `grep -rqF --include='*.mjs' "${name}" "${outputDir}"`;
  return {
    ...bundling,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) => [
        // Dynamically imported modules into chunks of their own (infra/bundling/split.ts).
        `node --import tsx infra/bundling/split.ts "${outputDir}" ${splitOptions}`,
        ...BUNDLED_FILES.map(
          (file) =>
            `if ${named(basename(file), outputDir)}; then cp "${file}" "${outputDir}/${basename(file)}"; fi`,
        ),
        // The data files the code reads at run time (shared/data-files.ts), into data/ beside it.
        ...DATA_FILES.map(
          (name) =>
            `if ${named(name, outputDir)}; then mkdir -p "$(dirname "${outputDir}/data/${name}")" && cp "${PROJECT_ROOT}data/${name}" "${outputDir}/data/${name}"; fi`,
        ),
      ],
    },
  };
};

export const FUNCTION_BUNDLING: BundlingOptions = functionBundling();

export interface AppFunctionProps {
  /** Entry file, relative to the repository root, e.g. `functions/dialogue.ts`. */
  entry: string;
  /** Short name used in the function description and for Powertools. */
  name: string;
  environment: Record<string, string>;
  /** @default 10 seconds (the HTTP API integration timeout is 29 s). */
  timeout?: Duration;
  /** @default 512 MB (ARM64 cold starts improve markedly from 512 MB up). */
  memorySize?: number;
  /** @default one month */
  logRetention?: RetentionDays;
}

export class AppFunction extends NodejsFunction {
  /** The function's own role: grants go here (named apart from `role` to not shadow the base field). */
  public readonly executionRole: IRole;
  /** The function's own log group (named apart from the base class's `logGroup` accessor). */
  public readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole: logs may go to this group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `cop-review ${props.name} function`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: `cop-review ${props.name}`,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        ...props.environment,
        // Stack traces in the logs point at the TypeScript sources (the bundle is minified).
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'cop-review',
        POWERTOOLS_METRICS_NAMESPACE: 'CopReview',
        POWERTOOLS_METRICS_FUNCTION_NAME: props.name,
      },
      bundling: FUNCTION_BUNDLING,
    });
    this.executionRole = role;
    this.functionLogGroup = logGroup;

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the conventions fix for every function (local toolchain and tests match it); moving to 24 is a deliberate, tested upgrade of FUNCTION_RUNTIME.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*" (the infra tests check that only these actions get it).',
    });
  }
}
