/**
 * The deployed sign-in: the stack with a web build writes config.json, and the UI's own parser
 * (shared/web-config.ts, used by web/src/config.ts) reads what was written: Cognito, the hosted
 * sign-in domain the stack creates, the code flow the app client allows, the callback it knows.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/build-app.ts';
import type { CopReviewStack } from '#infra/stack.ts';
import { parseWebConfig, type WebConfig } from '#shared/web-config.ts';

let dir: string;
let template: Template;
let stack: CopReviewStack;
let written: string;

/** Every file called `name` under `root`. */
const find = (root: string, name: string): string[] =>
  readdirSync(root).flatMap((f) => {
    const p = join(root, f);
    return statSync(p).isDirectory() ? find(p, name) : f === name ? [p] : [];
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cop-review-webcfg-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>cop-review</title>');
  // No Lambda bundling: this test is about the site's configuration.
  const built = buildApp({
    outdir: join(dir, 'cdk.out'),
    context: { webDist: dist, 'aws:cdk:bundling-stacks': [] },
  });
  stack = built.stack;
  const assembly = built.app.synth();
  template = Template.fromStack(stack);
  const files = find(assembly.directory, 'config.json');
  expect(files).toHaveLength(1);
  written = readFileSync(files[0] ?? '', 'utf8');
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the deployed config.json', () => {
  it("is read by the UI's parser as Cognito sign-in on the stack's hosted domain", () => {
    // Deploy-time values (API URL, client id, domain) are markers CloudFormation fills in.
    const filled = written.replace(/<<marker:0xbaba:\d+>>/g, 'deployed1');
    const config: WebConfig = parseWebConfig(JSON.parse(filled));
    expect(config.auth).toBe('cognito');
    expect(config.cognito?.domain).toMatch(/^https:\/\/deployed1\.auth\.deployed1\.amazoncognito\.com$/);
    expect(config.cognito?.clientId).toBe('deployed1');
    expect(config.cognito?.redirectUri).toMatch(/^https:\/\/deployed1\/$/);
    expect(config.cognito?.scopes).toEqual(['openid', 'email', 'profile']);
    expect(config.apiBase).toBe('deployed1');
  });

  it('has a hosted sign-in domain and an app client allowing only the code flow, back to the written redirect', () => {
    expect(Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'))).toHaveLength(1);
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(clients).toHaveLength(1);
    const p = clients[0]?.Properties ?? {};
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.GenerateSecret).toBe(false);
    expect(p.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(JSON.stringify(p.CallbackURLs)).toBe(JSON.stringify(p.LogoutURLs));
    expect(JSON.stringify(p.CallbackURLs)).toContain('/"');
  });

  it('requires TOTP MFA and a password of upper, lower, digits and symbols (docs/security.md)', () => {
    const pools = Object.values(template.findResources('AWS::Cognito::UserPool')) as {
      Properties: { MfaConfiguration: string; Policies: { PasswordPolicy: Record<string, unknown> } };
    }[];
    expect(pools[0]?.Properties.MfaConfiguration).toBe('ON');
    expect(pools[0]?.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 14,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
  });
});
