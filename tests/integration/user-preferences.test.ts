/**
 * The caller's own settings on the server (GET/PUT /me/preferences): the interface language is
 * null until chosen, a choice is kept per user (nobody else sees or changes it), bad input is a
 * 400 naming the field and changes nothing, and no sign-in is a 401.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform();
afterAll(() => platform.stop());
const call = apiClient(platform);
const path = '/me/preferences';

describe('the language choice kept per user', () => {
  it('is null until chosen, then what the user chose, for that user only', async () => {
    expect((await call('civ-focal', 'GET', path)).json).toEqual({ language: null, version: 0 });
    const put = await call('civ-focal', 'PUT', path, { body: { language: 'ar' } });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toEqual({ language: 'ar', version: 1 });
    expect((await call('civ-focal', 'GET', path)).json).toEqual({ language: 'ar', version: 1 });
    // Another user, even of the same State, keeps their own (none yet).
    expect((await call('civ-expert', 'GET', path)).json).toEqual({ language: null, version: 0 });
    const again = await call('civ-focal', 'PUT', path, { body: { language: 'zh' } });
    expect(again.json).toEqual({ language: 'zh', version: 2 });
  });

  it('refuses a language that is not a UN language, or another field, naming it, and changes nothing', async () => {
    await call('secretariat-1', 'PUT', path, { body: { language: 'fr' } });
    const wrong = await call('secretariat-1', 'PUT', path, { body: { language: 'de' } });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/language/);
    const extra = await call('secretariat-1', 'PUT', path, { body: { language: 'es', theme: 'dark' } });
    expect(extra.status).toBe(400);
    expect(extra.text).toMatch(/theme/);
    expect((await call('secretariat-1', 'GET', path)).json).toEqual({ language: 'fr', version: 1 });
  });

  it('needs a signed-in user', async () => {
    expect((await call(null, 'GET', path)).status).toBe(401);
    expect((await call(null, 'PUT', path, { body: { language: 'fr' } })).status).toBe(401);
  });
});
