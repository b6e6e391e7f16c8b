/**
 * The bundling stand-ins of FUNCTION_BUNDLING (infra/bundling/*) keep a Lambda bundle working:
 * the SDK clients built by shared/aws/clients.ts take their credentials from the environment, as
 * Lambda provides the execution role's, with none of the default chain's other providers in the
 * bundle. Bundled with AppFunction's options (bench/lib/bundle.ts) and run in a fresh Node
 * process from a folder with no node_modules above it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../bench/lib/bundle.ts';

const PROBE = `
import { dynamo, s3Client } from '#shared/aws/clients.ts';
const ddb = await dynamo().config.credentials();
const s3 = await s3Client().config.credentials();
process.stdout.write(JSON.stringify({ ddb: ddb.accessKeyId, s3: s3.accessKeyId, token: ddb.sessionToken }));
`;

const ENV = {
  AWS_REGION: 'eu-west-1',
  TABLE_NAME: 'bench',
  BUCKET_NAME: 'bench-docs',
  // This machine runs Node 20, Lambda runs 22: silence the SDK's Node version notice on stderr.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const ROLE = {
  AWS_ACCESS_KEY_ID: 'ASIAROLEKEY',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
};

let root: string;
let probe: string;
let inputs: string[];

const runIsolated = (env: Record<string, string>) =>
  spawnSync(process.execPath, [probe], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cop-review-lambda-bundle-'));
  const bundle = await bundleFunction({ source: PROBE, outdir: join(root, 'probe') });
  probe = bundle.file;
  inputs = Object.keys(bundle.metafile.inputs);
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('SDK credentials in a Lambda bundle', () => {
  it('come from the environment, as Lambda provides the role credentials', () => {
    const run = runIsolated({ ...ENV, ...ROLE });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ ddb: 'ASIAROLEKEY', s3: 'ASIAROLEKEY', token: 'token' });
  });

  it('fail without them, so the test above depends on the environment', () => {
    const run = runIsolated(ENV);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Unable to find environment variable credentials');
  });

  it('bundle none of the default chain providers that cannot answer in Lambda', () => {
    expect(inputs.some((p) => p.includes('@aws-sdk/credential-provider-env/'))).toBe(true);
    for (const pkg of [
      'credential-provider-node',
      'credential-provider-sso',
      'credential-provider-ini',
      'nested-clients',
    ]) {
      expect(inputs.filter((p) => p.includes(`@aws-sdk/${pkg}/`))).toEqual([]);
    }
  });
});
