import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { seedLocal } from '../../scripts/local/seed.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);
const as =
  (sub: string) => (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(sub, method, path, { body, headers });
const secretariat = as('secretariat-1');

const firearms2014 = readFileSync('data/untc-2014/18-12-c.csv', 'utf8');
const fixtureHtml = readFileSync('tests/fixtures/registry/untc-xviii-12-c.html', 'utf8');
const upload = { instrument: 'FIREARMS', format: 'csv', content: firearms2014, fileName: '18-12-c.csv' };

interface Change {
  iso3: string;
  change: string;
  before: { source: string | null } | null;
  after: unknown;
}

describe('registry imports from the UN Treaty Collection over HTTP', () => {
  let cycleId = '';
  let drawBefore: { drawId: string; recordDigest: string; inputs: { registry?: { digest: string } } };
  let digestBefore = '';

  it('shows the registry’s as-of date, digest and the facts with no source', async () => {
    const res = await secretariat('GET', '/registry');
    expect(res.status).toBe(200);
    expect(res.json.asOf).toBe('2024-11-25');
    expect(res.json.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json.organizations.map((o: { id: string }) => o.id)).toEqual(['EUU']);
    expect(res.json.unverified).toContainEqual(
      expect.objectContaining({ iso3: 'DNK', fact: 'party to FIREARMS' }),
    );
    expect(res.json.unverified).toContainEqual(
      expect.objectContaining({ iso3: 'USA', fact: 'draws with WEOG' }),
    );
    digestBefore = res.json.digest;
  });

  it('draws a cycle whose dry run lists the unverified facts it rests on and whose record carries the registry digest', async () => {
    const created = await secretariat('POST', '/cycles', {
      name: 'Firearms year group',
      mechanism: 'untoc',
      year: 2027,
      instruments: ['UNTOC', 'FIREARMS'],
      underReview: ['DNK', 'FRA', 'GHA', 'MEX', 'POL'],
    });
    expect(created.status, created.text).toBe(201);
    cycleId = created.json.cycleId;
    const dry = await secretariat('POST', `/cycles/${cycleId}/dry-run`);
    expect(dry.status).toBe(200);
    expect(dry.json.registry.digest).toBe(digestBefore);
    expect(dry.json.unverified).toContainEqual(
      expect.objectContaining({ iso3: 'DNK', fact: 'party to FIREARMS' }),
    );
    expect(dry.json.unverified.some((f: { fact: string }) => /party to (TIP|SOM)/.test(f.fact))).toBe(false);
    const proposed = await secretariat('POST', `/cycles/${cycleId}/draws`);
    expect(proposed.status).toBe(201);
    const confirmed = await secretariat(
      'POST',
      `/cycles/${cycleId}/draws/${proposed.json.drawId}/confirmation`,
    );
    expect(confirmed.status).toBe(200);
    drawBefore = confirmed.json;
    expect(drawBefore.inputs.registry?.digest).toBe(digestBefore);
  });

  it('lets only the secretariat preview or apply an import, and only the secretariat read the history', async () => {
    expect((await as('civ-focal')('POST', '/registry/untc-imports', upload)).status).toBe(403);
    expect((await as('observer-1')('GET', '/registry/history')).status).toBe(403);
    expect((await as('civ-focal')('GET', '/registry')).status).toBe(200);
  });

  it('answers an unreadable table with a 400 naming the field, and stores nothing', async () => {
    const res = await secretariat('POST', '/registry/untc-imports', { ...upload, content: 'a,b\n1,2\n' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/body\.content: .*Participant/);
    const bad = await secretariat('POST', '/registry/untc-imports', { ...upload, instrument: 'XYZ' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/instrument/);
  });

  it('previews the saved HTML page: diff, unknown names, nothing changed', async () => {
    const res = await secretariat('POST', '/registry/untc-imports', {
      instrument: 'FIREARMS',
      format: 'html',
      content: fixtureHtml,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ status: 'previewed', asOf: '2024-05-04', basisDigest: digestBefore });
    expect(res.json.diff.unknown).toEqual(['Republic of Atlantis']);
    expect((await secretariat('GET', '/registry')).json.digest).toBe(digestBefore);
  });

  let importId = '';
  it('previews the 2014 table: the unverified Firearms listings would no longer be party', async () => {
    const res = await secretariat('POST', '/registry/untc-imports', upload);
    expect(res.status).toBe(201);
    importId = res.json.importId;
    const changes: Change[] = res.json.diff.changes;
    expect(changes.length).toBe(21);
    for (const c of changes) {
      expect(c.change).toBe('no-longer-party');
      expect(c.before?.source).toBeNull();
    }
    expect(changes.map((c) => c.iso3)).toContain('DNK');
    expect(res.json.diff.confirmed).toBe(109);
  });

  it('applies it: each change written and in the history with who, when and which import', async () => {
    const res = await secretariat('POST', `/registry/untc-imports/${importId}/apply`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.written).toBe(21);
    expect(res.json.registry.digest).not.toBe(digestBefore);
    expect((await secretariat('GET', '/states/DNK')).json.instruments).not.toContain('FIREARMS');
    const history = await secretariat('GET', '/registry/history?limit=50');
    expect(history.status).toBe(200);
    const dnk = history.json.entries.find((e: { object: string }) => e.object === 'state/DNK');
    expect(dnk).toMatchObject({
      actor: 'secretariat-1',
      role: 'secretariat',
      action: 'registry.import.apply',
      details: { importId, instrument: 'FIREARMS', change: 'no-longer-party', after: null },
    });
    expect(dnk.at).toMatch(/^\d{4}-/);
    expect(history.json.entries).toContainEqual(
      expect.objectContaining({
        action: 'registry.import.applied',
        object: `import/${importId}`,
        details: expect.objectContaining({ unknown: [], changes: 21 }),
      }),
    );
  });

  it('refuses to apply the same import twice, or one previewed before the registry changed (409, nothing changed)', async () => {
    expect((await secretariat('POST', `/registry/untc-imports/${importId}/apply`)).status).toBe(409);
    const stale = await secretariat('POST', '/registry/untc-imports', {
      instrument: 'FIREARMS',
      format: 'html',
      content: fixtureHtml,
    });
    const gha = await secretariat('GET', '/states/GHA');
    const edit = await secretariat(
      'PATCH',
      '/states/GHA',
      { notes: 'edited meanwhile' },
      { 'if-match': `"${gha.json.version}"` },
    );
    expect(edit.status, edit.text).toBe(200);
    const digest = (await secretariat('GET', '/registry')).json.digest;
    const res = await secretariat('POST', `/registry/untc-imports/${stale.json.importId}/apply`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/preview it again/);
    expect((await secretariat('GET', '/registry')).json.digest).toBe(digest);
  });

  it('leaves the cycle drawn before the change as it was drawn', async () => {
    const record = await secretariat('GET', `/cycles/${cycleId}/draws/${drawBefore.drawId}`);
    expect(record.json.recordDigest).toBe(drawBefore.recordDigest);
    expect(record.json.inputs.registry.digest).toBe(digestBefore);
    const verified = await secretariat('GET', `/cycles/${cycleId}/draws/${drawBefore.drawId}/verification`);
    expect(verified.json).toEqual({ ok: true });
    const reviews = await secretariat('GET', `/cycles/${cycleId}/reviews`);
    const dnk = reviews.json.reviews.find((r: { reviewedState: string }) => r.reviewedState === 'DNK');
    expect(dnk.instruments).toContain('FIREARMS');
  });
});
