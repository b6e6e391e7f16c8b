/**
 * Web hosting with a deployed build, on a small stack of its own (no functions to bundle), and the
 * cdk-nag gate itself: an unacknowledged finding must fail synthesis.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Web } from '#infra/constructs/web.ts';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const newApp = (outdir: string): App => {
  const app = new App({ outdir, builtinCloudFormationValidation: false, stackTraces: false });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
};

let dir: string;
let web: Web;
let template: Template;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cop-review-web-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>cop-review</title>');

  const app = newApp(join(dir, 'cdk.out'));
  const stack = new Stack(app, 'WebOnly');
  const logs = new Bucket(stack, 'Logs', {
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    enforceSSL: true,
  });
  Validations.of(logs).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'Test fixture: stands in for the access-log bucket of the Data construct.',
  });
  web = new Web(stack, 'Web', { logsBucket: logs });
  web.deploy(dist, {
    apiBase: 'https://api.example.test',
    auth: 'cognito',
    cognito: { domain: 'https://x.auth.eu-west-1.amazoncognito.com', clientId: 'client' },
  });
  app.synth();
  template = Template.fromStack(stack);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('web hosting with a build', () => {
  it('deploys the build and its config.json into the site bucket and invalidates the CDN', () => {
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Resource[];
    expect(deployment?.Properties?.SourceObjectKeys).toHaveLength(2);
    expect(deployment?.Properties?.DestinationBucketName).toEqual(
      Stack.of(web).resolve(web.bucket.bucketName),
    );
    expect(deployment?.Properties?.DistributionPaths).toEqual(['/*']);
  });

  it('passes cdk-nag with the deployment handler findings acknowledged, and gives "*" only to CDN invalidation', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const doc = policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined;
      for (const s of doc?.Statement ?? []) {
        if (asList(s.Resource).includes('*')) {
          expect(asList(s.Action).every((a) => a.startsWith('cloudfront:'))).toBe(true);
        }
      }
    }
  });
});

describe('the cdk-nag gate', () => {
  it('fails synthesis on a finding nobody acknowledged', () => {
    const app = newApp(join(dir, 'cdk.out.unacknowledged'));
    const stack = new Stack(app, 'Careless');
    new Bucket(stack, 'NoLogsNoTls');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*AwsSolutions-S10/);
  });
});
