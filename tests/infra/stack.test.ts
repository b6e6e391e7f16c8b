/**
 * The deployed stack, checked on one synthesis of the real app (bundling included) with the
 * cdk-nag AwsSolutions checks on: routes and authorizer from the route table, least-privilege
 * grants per function, data and hosting properties, schedules and alarms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessOf,
  BUCKET_ACTIONS,
  type DeployedFunctionName,
  SCHEDULED_FUNCTION,
  TABLE_ACTIONS,
} from '#infra/access.ts';
import { buildApp } from '#infra/build-app.ts';
import { FUNCTION_RUNTIME } from '#infra/constructs/app-function.ts';
import { SCHEDULED_TASKS } from '#infra/constructs/schedules.ts';
import type { CopReviewStack } from '#infra/stack.ts';
import { COGNITO_ADMIN_ACTIONS } from '#shared/auth/cognito-identities.ts';
import { parseConfig } from '#shared/config.ts';
import { TABLE, UPLOAD_CORS, UPLOADS_EXPIRE_DAYS, UPLOADS_PREFIX } from '#shared/data-model.ts';
import { ROLES } from '#shared/domain/types.ts';
import { FUNCTION_NAMES, type RouteDef, routeKey } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { matchRoute } from '../../scripts/local/gateway.ts';

type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const routes = ROUTES as readonly RouteDef[];
const DEPLOYED: readonly DeployedFunctionName[] = [...FUNCTION_NAMES, SCHEDULED_FUNCTION];

let outdir: string;
let stack: CopReviewStack;
let template: Template;
let synthMs = 0;
let missingContext: unknown;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'cop-review-cdk-'));
  // A web folder that does not exist: the result must not depend on whether web/dist was built.
  const built = buildApp({
    outdir,
    context: { webDist: join(outdir, 'no-web-build') },
    // CDK's built-in CloudFormation rules only ever warn (cdk synth shows them) and cost ~10 s here;
    // the cdk-nag plugin, which fails synthesis, stays on.
    builtinCloudFormationValidation: false,
    stackTraces: false,
  });
  stack = built.stack;
  const started = Date.now();
  // Throws (and prints the report) on any unacknowledged cdk-nag finding.
  missingContext = built.app.synth().manifest.missing;
  synthMs = Date.now() - started;
  template = Template.fromStack(stack);
  // Bundling 13 functions (four of them built twice by the split step, infra/bundling/split.ts)
  // on a shared 2-core machine.
}, 420_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const resources = (type: string): [string, Resource][] =>
  Object.entries(template.findResources(type) as Record<string, Resource>);

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => {
  const cfn = construct.node.defaultChild;
  if (!(cfn && typeof cfn === 'object' && 'logicalId' in cfn)) throw new Error('no CloudFormation resource');
  return stack.resolve((cfn as { logicalId: string }).logicalId);
};

const functionOf = (name: DeployedFunctionName) =>
  name === SCHEDULED_FUNCTION ? stack.scheduled : stack.api.functions[name];

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const policyStatements = (policy: Resource | undefined): Statement[] => {
  const doc = policy?.Properties?.PolicyDocument as { Statement?: Statement | Statement[] } | undefined;
  return doc?.Statement ? asList(doc.Statement) : [];
};

/** Statements of the inline policies attached to a function's role. */
const statementsOf = (name: DeployedFunctionName): Statement[] => {
  const roleId = logicalId(functionOf(name).executionRole);
  return resources('AWS::IAM::Policy')
    .filter(([, r]) =>
      asList(r.Properties?.Roles as unknown[]).some((ref) => JSON.stringify(ref).includes(roleId)),
    )
    .flatMap(([, r]) => policyStatements(r));
};

const actionsOf = (name: DeployedFunctionName): Set<string> =>
  new Set(statementsOf(name).flatMap((s) => asList(s.Action)));

/** A concrete request path for a route path: `/reviews/{reviewId}` → `/reviews/p-reviewId`. */
const samplePath = (path: string): string =>
  path.replace(/\{([^}+]+)\+?\}/g, (_m, name: string) => `p-${name}`);

describe('the synthesized app', () => {
  it('passes the cdk-nag AwsSolutions checks with every acknowledgment carrying a reason', () => {
    const acknowledged: { path: string; id: string; reason: unknown }[] = [];
    for (const construct of stack.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          // CDK's own CloudFormation validation acknowledges some of its rules itself.
          if (!id.includes('AwsSolutions-')) continue;
          acknowledged.push({ path: construct.node.path, id, reason });
        }
      }
    }
    expect(synthMs).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.id, a.path).toMatch(/^(\w+::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(typeof a.reason === 'string' && a.reason.length >= 40, `${a.path} ${a.id}`).toBe(true);
    }
    // Adding a new kind of suppression is a decision: document it in docs/infrastructure.md.
    const rules = new Set(acknowledged.map((a) => a.id.replace(/^.*(AwsSolutions-[A-Z]+\d+).*$/, '$1')));
    expect([...rules].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
    ]);
  });

  it('needs no context lookups, so synth works offline without credentials', () => {
    expect(missingContext).toBeUndefined();
  });

  it('does not deploy a web build when none exists, so synth never depends on one', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('the HTTP API', () => {
  const deployedRoutes = () =>
    resources('AWS::ApiGatewayV2::Route').map(([, r]) => ({
      key: String(r.Properties?.RouteKey),
      authorizationType: r.Properties?.AuthorizationType,
      authorizerId: r.Properties?.AuthorizerId,
      target: JSON.stringify(r.Properties?.Target),
    }));

  it('exposes exactly the routes of the route table', () => {
    const deployed = deployedRoutes().map((r) => r.key);
    expect(new Set(deployed).size).toBe(deployed.length);
    expect([...deployed].sort()).toEqual(routes.map(routeKey).sort());
  });

  it('exposes exactly the routes the local gateway serves, with the same authorization', () => {
    const deployed = deployedRoutes();
    expect(deployed.length).toBe(routes.length);
    for (const d of deployed) {
      const [method = '', path = ''] = d.key.split(' ');
      const local = matchRoute(method, samplePath(path));
      if (local === null || local === 'method-not-allowed') throw new Error(`local gateway has no ${d.key}`);
      expect(routeKey(local.route)).toBe(d.key);
      expect(local.route.auth === 'user', d.key).toBe(d.authorizationType === 'JWT');
    }
  });

  it('puts the JWT authorizer on every route except the public ones', () => {
    const byKey = new Map(deployedRoutes().map((r) => [r.key, r]));
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    for (const route of routes) {
      const deployed = byKey.get(routeKey(route));
      if (route.auth === 'user') {
        expect(deployed?.authorizationType, routeKey(route)).toBe('JWT');
        expect(JSON.stringify(deployed?.authorizerId), routeKey(route)).toContain(String(authorizerId));
      } else {
        expect(deployed?.authorizationType ?? 'NONE', routeKey(route)).toBe('NONE');
        expect(deployed?.authorizerId, routeKey(route)).toBeUndefined();
      }
    }
  });

  it('sends each route to the function the route table names', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
    const byKey = new Map(deployedRoutes().map((r) => [r.key, r]));
    for (const route of routes) {
      const target = byKey.get(routeKey(route))?.target ?? '';
      const integrationId = Object.keys(integrations).find((id) => target.includes(id));
      const uri = JSON.stringify(integrations[integrationId ?? '']?.Properties?.IntegrationUri);
      expect(uri, routeKey(route)).toContain(logicalId(stack.api.functions[route.fn]));
    }
  });

  it('checks Cognito JWTs issued for the web client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.auth.webClient) }],
        Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      },
    });
    const issuer = JSON.stringify(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain(logicalId(stack.auth.userPool));
  });

  it('allows CORS from the web origin only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [
          {
            'Fn::Join': [
              '',
              ['https://', { 'Fn::GetAtt': [logicalId(stack.web.distribution), 'DomainName'] }],
            ],
          },
        ],
        AllowHeaders: Match.arrayWith(['authorization', 'idempotency-key']),
      }),
    });
  });

  it('throttles the stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(stack.api.accessLogs), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });
});

describe('the functions', () => {
  it('are one per function name plus the scheduled one, all with the shared defaults', () => {
    const functions = resources('AWS::Lambda::Function');
    expect(functions.length).toBe(DEPLOYED.length);
    for (const [id, fn] of functions) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: FUNCTION_RUNTIME.name,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
      });
    }
    expect(FUNCTION_RUNTIME.name).toBe('nodejs22.x');
  });

  it('get the configuration whose local defaults would be wrong in AWS, under names config.ts reads', () => {
    const known = new Set(Object.keys(parseConfig({})));
    // Local defaults (table `cop-review`, issuer `cop-review-local`, localhost origin) must never reach AWS.
    const mustSet = ['TABLE_NAME', 'BUCKET_NAME', 'JWT_ISSUER', 'JWT_AUDIENCE', 'WEB_ORIGIN', 'LOG_LEVEL'];
    for (const key of mustSet) expect(known.has(key), key).toBe(true);
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const env = fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined;
      const vars = env?.Variables ?? {};
      for (const key of mustSet) expect(vars[key], `${id} ${key}`).toBeDefined();
      // Anything else we set is read by config.ts, Node or Powertools (a typo would be silently ignored).
      for (const key of Object.keys(vars)) {
        expect(
          known.has(key) || key === 'NODE_OPTIONS' || key.startsWith('POWERTOOLS_'),
          `${id} ${key}`,
        ).toBe(true);
      }
      expect(vars.TABLE_NAME).toEqual({ Ref: logicalId(stack.data.table) });
      expect(vars.BUCKET_NAME).toEqual({ Ref: logicalId(stack.data.bucket) });
      expect(vars.JWT_AUDIENCE).toEqual({ Ref: logicalId(stack.auth.webClient) });
      expect(vars.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(vars.POWERTOOLS_SERVICE_NAME).toBe('cop-review');
      expect(vars).not.toHaveProperty('DYNAMODB_ENDPOINT');
      expect(vars).not.toHaveProperty('S3_ENDPOINT');
    }
  });

  it('each log to their own log group with a retention period, and may write to no other', () => {
    for (const name of DEPLOYED) {
      const fn = functionOf(name);
      const groupId = logicalId(fn.functionLogGroup);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: Match.absent(),
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: groupId } },
        Role: { 'Fn::GetAtt': [logicalId(fn.executionRole), 'Arn'] },
      });
      expect(template.toJSON().Resources[groupId].Properties.RetentionInDays, name).toBe(30);
      const logStatements = statementsOf(name).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('logs:')),
      );
      expect(logStatements, name).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [groupId, 'Arn'] },
        },
      ]);
    }
  });
});

describe('least privilege', () => {
  const tableWrites: readonly string[] = TABLE_ACTIONS.write;
  const bucketWrites: readonly string[] = BUCKET_ACTIONS.write;

  it('no function role has an AWS managed policy', () => {
    for (const name of DEPLOYED) {
      const role = template.findResources('AWS::IAM::Role')[logicalId(functionOf(name).executionRole)];
      expect(role?.Properties?.ManagedPolicyArns, name).toBeUndefined();
    }
  });

  it('no policy in the stack has a wildcard action, and "*" resources only where AWS requires it', () => {
    const policies = resources('AWS::IAM::Policy');
    expect(policies.length).toBeGreaterThanOrEqual(DEPLOYED.length);
    for (const [id, policy] of policies) {
      for (const s of policyStatements(policy)) {
        const actions = asList(s.Action);
        for (const action of actions) expect(action, id).not.toMatch(/(^\*$|:\*$)/);
        if (asList(s.Resource).includes('*')) {
          // X-Ray trace ingestion has no resource-level permissions (AWS requires "*").
          expect(actions.sort(), id).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
        }
      }
    }
  });

  it('grants each function exactly the table and bucket access declared for it', () => {
    for (const name of DEPLOYED) {
      const access = accessOf(name);
      const actions = actionsOf(name);
      const has = (list: readonly string[]) => list.every((a) => actions.has(a));
      const hasAny = (list: readonly string[]) => list.some((a) => actions.has(a));
      expect(access.why.length, name).toBeGreaterThan(10);
      expect(has(TABLE_ACTIONS.read), `${name} table read`).toBe(access.table !== 'none');
      expect(hasAny(tableWrites), `${name} table write`).toBe(access.table === 'read-write');
      expect(has(BUCKET_ACTIONS.read), `${name} bucket read`).toBe(access.bucket !== 'none');
      expect(hasAny(bucketWrites), `${name} bucket write`).toBe(access.bucket === 'read-write');
      // Nothing beyond logs, tracing and the declared data actions.
      for (const action of actions) {
        expect(action, name).toMatch(
          new RegExp(
            `^(logs:(CreateLogStream|PutLogEvents)|xray:Put\\w+|dynamodb:\\w+|s3:\\w+${access.sendEmail ? '|ses:Send(Raw)?Email' : ''}${access.manageIdentities ? '|cognito-idp:Admin\\w+' : ''})$`,
          ),
        );
      }
    }
  });

  it("lets only the functions that send e-mail send it, from the stack's SES identity only", () => {
    const identities = resources('AWS::SES::EmailIdentity');
    expect(identities).toHaveLength(1);
    const identityId = identities[0]?.[0];
    for (const name of DEPLOYED) {
      const sends = statementsOf(name).filter((s) => asList(s.Action).some((a) => a.startsWith('ses:')));
      expect(sends.length, name).toBe(accessOf(name).sendEmail ? 1 : 0);
      for (const s of sends) expect(JSON.stringify(s.Resource), name).toContain(String(identityId));
    }
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const vars = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      // The deployment handler of the web bucket is CDK's own, without our configuration.
      if (vars?.TABLE_NAME)
        expect(vars, id).toMatchObject({ MAIL_TRANSPORT: 'ses', NOTIFY_TRANSPORT: 'email' });
    }
  });

  it("lets only the people function administer Cognito users, exactly the adapter's calls, on the stack's user pool only", () => {
    const poolId = logicalId(stack.auth.userPool);
    const admins = DEPLOYED.filter((name) => accessOf(name).manageIdentities);
    expect(admins).toEqual(['people']);
    for (const name of DEPLOYED) {
      const grants = statementsOf(name).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('cognito-idp:')),
      );
      expect(grants.length, name).toBe(accessOf(name).manageIdentities ? 1 : 0);
      for (const g of grants) {
        expect(asList(g.Action).sort(), name).toEqual([...COGNITO_ADMIN_ACTIONS].sort());
        expect(asList(g.Resource), name).toHaveLength(1);
        expect(JSON.stringify(g.Resource), name).toContain(poolId);
      }
    }
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const vars = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      if (!vars?.TABLE_NAME) continue;
      expect(vars.IDENTITY_PROVIDER, id).toBe('cognito');
      expect(JSON.stringify(vars.COGNITO_USER_POOL_ID), id).toContain(poolId);
    }
  });

  it('keeps the public and system functions read-only, and never grants table or bucket management', () => {
    expect(accessOf('public')).toMatchObject({ table: 'read', bucket: 'read' });
    expect(accessOf('system')).toMatchObject({ table: 'none', bucket: 'none' });
    for (const name of DEPLOYED) {
      for (const action of actionsOf(name)) {
        expect(action).not.toMatch(
          /^dynamodb:(DeleteTable|UpdateTable|CreateTable)$|^s3:(PutBucket|DeleteBucket)/,
        );
      }
    }
  });

  it('grants Scan and object deletion only where declared, deletion on attachment and summary keys only', () => {
    for (const name of DEPLOYED) {
      const access = accessOf(name);
      expect(actionsOf(name).has('dynamodb:Scan'), name).toBe(Boolean(access.scan));
      const deletes = statementsOf(name).filter((s) => asList(s.Action).includes('s3:DeleteObject'));
      expect(deletes.length, name).toBe(
        (access.deleteAttachments ? 1 : 0) + (access.deleteSummaryFiles ? 1 : 0),
      );
      for (const d of deletes)
        expect(JSON.stringify(d.Resource)).toMatch(
          /\/cycles\/\*\/states\/\*\/(attachments\/\*|summaries\/\*)/,
        );
    }
  });

  it('gives table write access to every function that serves an idempotent route', () => {
    for (const route of routes.filter((r) => r.idempotent)) {
      expect(accessOf(route.fn).table, routeKey(route)).toBe('read-write');
    }
    expect(accessOf(SCHEDULED_FUNCTION).table).toBe('read-write');
  });

  it('has a declared grant for every deployed function', () => {
    for (const name of DEPLOYED) expect(() => accessOf(name), name).not.toThrow();
  });
});

describe('the data stores', () => {
  it('build the table from the shared data model: on demand, PITR, deletion protection, TTL, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        GlobalSecondaryIndexes: TABLE.globalIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      },
    });
  });

  it('keep documents in a versioned, encrypted, private, logged and retained bucket', () => {
    const documents = logicalId(stack.data.bucket);
    expect(template.toJSON().Resources[documents]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: logicalId(stack.data.logsBucket) },
          LogFilePrefix: 'documents/',
        },
        LifecycleConfiguration: {
          Rules: [
            expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
            // Uploads never confirmed are removed (confirmed ones are moved off this prefix at once).
            expect.objectContaining({ Prefix: UPLOADS_PREFIX, ExpirationInDays: UPLOADS_EXPIRE_DAYS }),
          ],
        },
      },
    });
  });

  it('let the web origin, and only it, PUT attachments to their pre-signed URLs (CORS)', () => {
    const documents = logicalId(stack.data.bucket);
    expect(template.toJSON().Resources[documents].Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedOrigins: [
            {
              'Fn::Join': [
                '',
                ['https://', { 'Fn::GetAtt': [logicalId(stack.web.distribution), 'DomainName'] }],
              ],
            },
          ],
          AllowedMethods: ['PUT'],
          AllowedHeaders: [...UPLOAD_CORS.allowedHeaders],
          ExposedHeaders: ['ETag'],
          MaxAge: UPLOAD_CORS.maxAgeSeconds,
        },
      ],
    });
  });

  it('refuse plain-HTTP requests to every bucket', () => {
    const buckets = resources('AWS::S3::Bucket').map(([id]) => id);
    const policies = resources('AWS::S3::BucketPolicy');
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    for (const bucket of buckets) {
      const policy = policies.find(([, p]) => JSON.stringify(p.Properties?.Bucket).includes(bucket));
      const denies = policyStatements(policy?.[1]);
      expect(denies, bucket).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });
});

describe('sign-in', () => {
  it('issues the role and State as custom attributes the web client can read but not write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'role', Mutable: true }),
        Match.objectLike({ Name: 'state', Mutable: true }),
      ]),
    });
    const [client] = resources('AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties ?? {});
    expect(client?.ReadAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:state', 'name']));
    expect(client?.WriteAttributes).not.toContain('custom:role');
    expect(client?.WriteAttributes).not.toContain('custom:state');
    expect(client?.GenerateSecret).toBe(false);
  });

  it('has a group per role', () => {
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });
});

describe('schedules', () => {
  it('invoke the scheduled function for deadline reminders and outbox delivery', () => {
    const schedules = resources('AWS::Scheduler::Schedule');
    const tasks = schedules.map(([, s]) => {
      const target = s.Properties?.Target as { Arn: unknown; Input: string; RetryPolicy: unknown };
      expect(JSON.stringify(target.Arn)).toContain(logicalId(stack.scheduled));
      expect(target.RetryPolicy).toBeDefined();
      return (JSON.parse(target.Input) as { task: string }).task;
    });
    expect(tasks.sort()).toEqual([...SCHEDULED_TASKS].sort());
  });
});

describe('web hosting', () => {
  it('serves a private bucket through CloudFront with origin access control over HTTPS', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.web.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: Match.anyValue(),
          }),
        ]),
      },
    });
  });
});

describe('monitoring', () => {
  it('alarms on errors and throttles of every function and on API 5xx, notifying the alarm topic', () => {
    const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties ?? {});
    expect(alarms.length).toBe(DEPLOYED.length * 2 + 1);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors').length).toBe(DEPLOYED.length);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Throttles').length).toBe(DEPLOYED.length);
    expect(metrics).toContain('AWS/ApiGateway/5xx');
    const topic = logicalId(stack.monitoring.topic);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
  });
});
