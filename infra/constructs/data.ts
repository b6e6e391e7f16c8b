/**
 * Stateful resources: the single DynamoDB table (built from `TABLE` in the shared data model) and
 * the documents bucket (self-assessments, draw records, summaries), plus the bucket that receives
 * server and CDN access logs. Everything here is retained when the stack is deleted.
 */
import { type CfnElement, CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  BUCKET_LAYOUT,
  TABLE,
  UPLOAD_CORS,
  UPLOADS_EXPIRE_DAYS,
  UPLOADS_PREFIX,
} from '#shared/data-model.ts';
import { type Access, BUCKET_ACTIONS, type FunctionAccess, TABLE_ACTIONS } from '../access.ts';
import type { AppFunction } from './app-function.ts';

/** How cdk-nag names the ARN of a resource inside a finding id: `<LogicalId.Arn>`. */
const nagArn = (resource: CfnElement): string => `<${Stack.of(resource).getLogicalId(resource)}.Arn>`;

const cfnOf = (construct: Construct): CfnElement => {
  const child = construct.node.defaultChild;
  if (!(child instanceof CfnResource)) throw new Error(`${construct.node.path}: no CloudFormation resource`);
  return child;
};

export interface DataProps {
  /** Days a superseded object version is kept before S3 deletes it. @default 365 */
  noncurrentVersionDays?: number;
  /** Days access logs are kept. @default 365 */
  accessLogDays?: number;
}

export class Data extends Construct {
  public readonly table: Table;
  public readonly bucket: Bucket;
  /** Target of S3 server access logs and CloudFront standard logs. */
  public readonly logsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.logsBucket = new Bucket(this, 'AccessLogs', {
      // Server access logs only support SSE-S3; CloudFront standard logs need ACLs (owner preferred).
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays ?? 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Documents', {
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // Uploads are moved to their confirmed key within minutes; what is left was never confirmed.
        { prefix: UPLOADS_PREFIX, expiration: Duration.days(UPLOADS_EXPIRE_DAYS) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Grants item-level table access. Reads include the GSIs (queries by index); writes never do
   * (indexes are maintained by DynamoDB). No table management or Scan.
   */
  grantTable(fn: AppFunction, access: Access): void {
    if (access === 'none') return;
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...TABLE_ACTIONS.read],
        resources: [this.table.tableArn, `${this.table.tableArn}/index/*`],
      }),
    );
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(cfnOf(this.table))}/index/*]`,
      reason: 'Queries on the global secondary indexes of this one table (gsi1, gsi2); no other table.',
    });
    if (access === 'read-write') {
      fn.executionRole.addToPrincipalPolicy(
        new PolicyStatement({ actions: [...TABLE_ACTIONS.write], resources: [this.table.tableArn] }),
      );
    }
  }

  /** Grants dynamodb:Scan on the base table (not the indexes), for the one use case that needs it. */
  grantTableScan(fn: AppFunction): void {
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [this.table.tableArn] }),
    );
  }

  /** Grants s3:DeleteObject on attachment keys only (the BUCKET_LAYOUT pattern, ids as `*`). */
  grantAttachmentDelete(fn: AppFunction): void {
    const wildcard = (key: string) =>
      key.replace('CYCLE', '*').replace('ISO', '*').replace('ATTACHMENT', '*');
    const patterns = [
      wildcard(BUCKET_LAYOUT.attachmentUpload('CYCLE', 'ISO', 'ATTACHMENT')),
      `${wildcard(BUCKET_LAYOUT.attachmentPrefix('CYCLE', 'ISO', 'ATTACHMENT'))}*`,
      // Documents of abandoned submission attempts (never referenced).
      wildcard(BUCKET_LAYOUT.selfAssessmentVersion('CYCLE', 'ISO', 'UNTOC', 0))
        .replace('/UNTOC/', '/*/')
        .replace('/v0.json', '/v*.json'),
    ];
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: patterns.map((p) => this.bucket.arnForObjects(p)),
      }),
    );
    for (const pattern of patterns) {
      Validations.of(fn.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArn(cfnOf(this.bucket))}/${pattern}]`,
        reason:
          'Deletes only upload and attachment objects (any cycle, State, attachment id) of this one bucket.',
      });
    }
  }

  /** Grants s3:DeleteObject on summary files only (the BUCKET_LAYOUT pattern, every part as `*`). */
  grantSummaryDelete(fn: AppFunction): void {
    const pattern = `${BUCKET_LAYOUT.summary('CYCLE', 'ISO', 'SCOPE', 0, 'LANG', 'EXT')
      .replace('CYCLE', '*')
      .replace('ISO', '*')
      .replace('/SCOPE/v0/LANG.EXT', '/*')}`;
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [this.bucket.arnForObjects(pattern)] }),
    );
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(cfnOf(this.bucket))}/${pattern}]`,
      reason: 'Deletes only summary files (any cycle, State, scope, version) of this one bucket.',
    });
  }

  /** Lets the UI at `origin` PUT attachments to their pre-signed URLs (the browser's preflight). */
  allowUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({
      allowedOrigins: [origin],
      allowedMethods: UPLOAD_CORS.allowedMethods.map((m) => HttpMethods[m]),
      allowedHeaders: [...UPLOAD_CORS.allowedHeaders],
      exposedHeaders: [...UPLOAD_CORS.exposedHeaders],
      maxAge: UPLOAD_CORS.maxAgeSeconds,
    });
  }

  /** Applies a function's declared access (infra/access.ts). */
  grant(fn: AppFunction, access: FunctionAccess): void {
    this.grantTable(fn, access.table);
    this.grantBucket(fn, access.bucket);
    if (access.scan) this.grantTableScan(fn);
    if (access.deleteAttachments) this.grantAttachmentDelete(fn);
    if (access.deleteSummaryFiles) this.grantSummaryDelete(fn);
  }

  /** Grants object access in the documents bucket (objects, not bucket configuration). */
  grantBucket(fn: AppFunction, access: Access): void {
    if (access === 'none') return;
    const objects = this.bucket.arnForObjects('*');
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...BUCKET_ACTIONS.read], resources: [objects] }),
    );
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(cfnOf(this.bucket))}/*]`,
      reason:
        'Object keys are generated per cycle, State and version (BUCKET_LAYOUT), so object actions apply to the objects of this one bucket; no bucket-configuration actions are granted.',
    });
    // Without ListBucket a missing key answers 403 instead of 404.
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...BUCKET_ACTIONS.list], resources: [this.bucket.bucketArn] }),
    );
    if (access === 'read-write') {
      fn.executionRole.addToPrincipalPolicy(
        new PolicyStatement({ actions: [...BUCKET_ACTIONS.write], resources: [objects] }),
      );
    }
  }
}
