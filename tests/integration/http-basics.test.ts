import { afterAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());

const call = (path: string, init?: RequestInit) => fetch(`${platform.url}${path}`, init);

describe('the local platform over HTTP', () => {
  it('answers GET /health with 200 and ok', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document listing every route of the route table with its auth', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const r of ROUTES) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
      if (r.auth === 'public') expect(op?.security ?? []).toEqual([]);
      else expect(op?.security).toEqual([{ bearerAuth: [] }]);
    }
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    const res = await call('/no/such/route');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('answers a wrong method on a known path with a 405 JSON error', async () => {
    const res = await call('/health', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(ErrorBodySchema.parse(await res.json()).error.message).toContain('DELETE');
  });

  it('issues dev tokens only for demo users, naming the bad field', async () => {
    const bad = await call('/dev/sign-in', { method: 'POST', body: JSON.stringify({ sub: 'nobody' }) });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(await bad.json()).error.message).toContain('sub');
    const ok = await call('/dev/sign-in', { method: 'POST', body: JSON.stringify({ sub: 'secretariat-1' }) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { token: string }).token.split('.')).toHaveLength(3);
  });
});

describe('the local dev sign-in for any State', () => {
  it('signs in as the expert or focal point of any State by `role@ISO3`', async () => {
    const res = await call('/dev/sign-in', { method: 'POST', body: JSON.stringify({ sub: 'expert@GHA' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: unknown }).user).toMatchObject({ role: 'expert', state: 'GHA' });
    const bad = await call('/dev/sign-in', {
      method: 'POST',
      body: JSON.stringify({ sub: 'secretariat@GHA' }),
    });
    expect(bad.status).toBe(400);
  });
});
