/**
 * The web UI as a static site: a private bucket served by CloudFront through Origin Access
 * Control. The built files are deployed only when `deploy()` is called (the app does so when
 * `web/dist` exists), so synth and the infra tests never depend on a web build; without it the
 * bucket and distribution exist and a later deploy with the build fills them.
 */
import {
  CfnResource,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { WebConfigInput } from '#shared/web-config.ts';

export interface WebProps {
  /** Receives S3 server access logs and CloudFront standard logs (must allow ACLs). */
  logsBucket: IBucket;
}

export class Web extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  public deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'web/',
      // Rebuilt from source on every deploy; nothing here needs to outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'cop-review web UI',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      // Client-side routing: unknown paths load the app shell.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(1),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Treaty review involves States parties worldwide; geo restriction would exclude participants.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static, public UI files only (no forms, no origin compute); the API has its own throttling and JWT authorizer. A WAF web ACL is a cost decision for production.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate fixes the viewer policy at TLSv1; a custom domain with its own certificate (and TLS_V1_2_2021) is a deployment decision not yet made.',
      },
    );
  }

  /**
   * Deploys the built UI from `assetPath` (index.html at its root), with `config.json` beside it
   * carrying what the UI needs to find the API and sign in, and invalidates the CDN.
   */
  deploy(assetPath: string, runtimeConfig: WebConfigInput): BucketDeployment {
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(assetPath), Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
    });
    this.acknowledgeDeploymentHandler(this.deployment);
    return this.deployment;
  }

  /**
   * BucketDeployment's handler is a CDK-provided singleton (Python, at stack level) whose role CDK
   * builds with grant helpers; its findings are acknowledged here, on that handler only.
   */
  private acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
    const handler = deployment.handlerRole.node.scope;
    if (!handler) return;
    const stack = Stack.of(this);
    const placeholder = (value: string, name: string) =>
      Token.isUnresolved(value) ? `<AWS::${name}>` : value;
    const assets = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${placeholder(stack.account, 'AccountId')}-${placeholder(stack.region, 'Region')}/*`;
    const site = this.bucket.node.defaultChild;
    const siteArn = site instanceof CfnResource ? `<${stack.getLogicalId(site)}.Arn>` : '';
    const because = (what: string) =>
      `CDK BucketDeployment handler (runs only during deployment): ${what}. It copies the built UI from the CDK asset bucket into the site bucket and invalidates the CDN.`;
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: because('CDK attaches the basic execution managed policy for its logs'),
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: because(`${action} comes from CDK's grantRead/grantReadWrite on the two buckets involved`),
      })),
      {
        id: `AwsSolutions-IAM5[Resource::${assets}]`,
        reason: because('reads the uploaded asset zip from the bootstrap asset bucket'),
      },
      {
        id: `AwsSolutions-IAM5[Resource::${siteArn}/*]`,
        reason: because('writes and prunes objects of the site bucket only'),
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: because('cloudfront:CreateInvalidation/GetInvalidation as granted by CDK'),
      },
      {
        id: 'AwsSolutions-L1',
        reason: because('its Python runtime is pinned by aws-cdk-lib and moves with CDK upgrades'),
      },
    );
  }

  /** `https://…cloudfront.net`: the origin the API allows and notification links point to. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
