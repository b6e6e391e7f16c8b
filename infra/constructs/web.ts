/**
 * The web UI as a static site: a private bucket served by CloudFront through Origin Access
 * Control. The built files are deployed only when `deploy()` is called (the app does so when
 * `web/dist` exists), so synth and the infra tests never depend on a web build; without it the
 * bucket and distribution exist and a later deploy with the build fills them.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
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
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
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
          'The default *.cloudfront.net certificate always allows TLSv1; TLS_V1_2_2021 applies as soon as a custom domain certificate is attached.',
      },
    );
  }

  /**
   * Deploys the built UI from `assetPath` (index.html at its root), with `config.json` beside it
   * carrying what the UI needs to find the API and sign in, and invalidates the CDN.
   */
  deploy(assetPath: string, runtimeConfig: Record<string, string>): BucketDeployment {
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(assetPath), Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
    });
    return this.deployment;
  }

  /** `https://…cloudfront.net`: the origin the API allows and notification links point to. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
