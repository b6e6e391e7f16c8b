/**
 * The local platform's dev-only surface: the dev sign-in and dev endpoints answer only requests
 * made to localhost from this machine (a page on another site, or one that rebinds its own DNS
 * name to 127.0.0.1, gets nothing), can be switched off, the dev mailbox shows only the signed-in
 * user's mail, and the data folder is created readable by its owner only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isLocalRequest } from '../../scripts/local/gateway.ts';
import { devSignInSetting, startPlatform } from '../../scripts/local/platform.ts';
import { uniqueNames, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());

/** A raw HTTP request, so the Host and Origin headers are exactly what a browser could send. */
const raw = (
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; json: unknown }> =>
  new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

const signIn = (headers: Record<string, string> = {}, base = platform.url) =>
  raw(
    base,
    'POST',
    '/dev/sign-in',
    { 'content-type': 'application/json', ...headers },
    '{"sub":"secretariat-1"}',
  );

describe('the dev sign-in', () => {
  it('answers requests to localhost, by name or address', async () => {
    const port = new URL(platform.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await signIn({ host })).status, host).toBe(200);
  });

  it('refuses a request whose Host is another name (DNS rebinding) or whose Origin is another site', async () => {
    const port = new URL(platform.url).port;
    const rebound = await signIn({ host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.stringify(rebound.json)).toContain('host');
    expect(JSON.stringify(rebound.json)).not.toContain('token');
    const crossSite = await signIn({ origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.stringify(crossSite.json)).toContain('origin');
    expect((await raw(platform.url, 'GET', '/dev/users', { host: `attacker.example:${port}` })).status).toBe(
      403,
    );
  });

  it('takes only loopback peers with a local Host and Origin (the rule itself)', () => {
    const local = { remoteAddress: '127.0.0.1', host: 'localhost:3000', origin: undefined };
    expect(isLocalRequest(local).ok).toBe(true);
    expect(isLocalRequest({ ...local, remoteAddress: '::ffff:127.0.0.1' }).ok).toBe(true);
    expect(isLocalRequest({ ...local, remoteAddress: '::1', host: '[::1]:3000' }).ok).toBe(true);
    expect(isLocalRequest({ ...local, origin: 'http://localhost:3000' }).ok).toBe(true);
    expect(isLocalRequest({ ...local, remoteAddress: '192.168.1.20' }).ok).toBe(false);
    expect(isLocalRequest({ ...local, host: undefined }).ok).toBe(false);
    expect(isLocalRequest({ ...local, host: 'localhost.attacker.example:3000' }).ok).toBe(false);
    expect(isLocalRequest({ ...local, origin: 'null' }).ok).toBe(false);
  });

  it('can be switched off: COP_DEV_SIGN_IN=off or --no-dev-sign-in; then the dev endpoints are gone', async () => {
    expect(devSignInSetting({}, [])).toBe(true);
    expect(devSignInSetting({ COP_DEV_SIGN_IN: 'off' }, [])).toBe(false);
    expect(devSignInSetting({}, ['--no-dev-sign-in'])).toBe(false);
    expect(() => devSignInSetting({ COP_DEV_SIGN_IN: 'maybe' }, [])).toThrow(/COP_DEV_SIGN_IN/);
    const off = await startPlatform({
      emulators: { dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') },
      ...uniqueNames(),
      devSignIn: false,
    });
    try {
      expect((await signIn({}, off.url)).status).toBe(404);
      expect((await raw(off.url, 'GET', '/dev/users')).status).toBe(404);
      expect((await raw(off.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await off.stop();
    }
  });
});

describe('the dev mailbox', () => {
  it("shows only the signed-in user's mail", async () => {
    const token = await platform.tokenFor('civ-expert');
    expect((await raw(platform.url, 'GET', '/dev/mailbox?sub=civ-expert')).status).toBe(401);
    const other = await raw(platform.url, 'GET', '/dev/mailbox?sub=tur-expert', {
      authorization: `Bearer ${token}`,
    });
    expect(other.status).toBe(403);
    const own = await raw(platform.url, 'GET', '/dev/mailbox', { authorization: `Bearer ${token}` });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ user: 'civ-expert', mailboxes: ['civ-expert', 'state:CIV'] });
  });
});

describe('the data folder', () => {
  it('is created readable by its owner only (0700), its signing secret 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cop-data-'));
    const dataDir = join(parent, 'data');
    const p = await startPlatform({
      emulators: { dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') },
      ...uniqueNames(),
      dataDir,
    });
    try {
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      expect((statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await p.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
