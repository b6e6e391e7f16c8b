import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedLocal } from '../../scripts/local/seed.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cop-review-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const patchState = async (url: string, token: string, notes: string) =>
  fetch(`${url}/states/CIV`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '1' },
    body: JSON.stringify({ notes }),
  });

describe('the local platform with a data folder', () => {
  it('keeps what was written across a restart, and tokens stay valid', { timeout: 180_000 }, async () => {
    const first = await startPlatform({ dataDir, seed: seedLocal });
    const token = await first.tokenFor('secretariat-1');
    const written = await patchState(first.url, token, 'kept across restarts');
    expect(written.status).toBe(200);
    await first.stop();

    const second = await startPlatform({ dataDir, seed: seedLocal });
    try {
      const res = await fetch(`${second.url}/states/CIV`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ notes: 'kept across restarts', version: 2 });
    } finally {
      await second.stop();
    }
  });
});
