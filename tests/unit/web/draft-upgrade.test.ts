// @vitest-environment happy-dom
/**
 * The offer to move a started draft to a newer questionnaire version (Preact in happy-dom, the
 * API faked at its edge): offered only when a newer version is published; pending answers are
 * saved first, the upgrade names the draft version read, and the answers dropped are told.
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../web/src/api.ts';
import { DraftUpgradeOffer } from '../../../web/src/screens/draft-upgrade.ts';
import { mountScreen, settle } from '../../support/web-mount.ts';

const calls: { path: string; headers?: Record<string, string> }[] = [];
const api = {
  get: async (path: string) =>
    path === '/questionnaires' ? { questionnaires: [{ instrument: 'TIP', latest: 3 }] } : { version: 4 },
  post: async (path: string, _body: unknown, opts?: { headers?: Record<string, string> }) => {
    calls.push({ path, headers: opts?.headers });
    return { to: { version: 3 }, carried: ['TIP.5.q1'], dropped: [{ id: 'TIP.5.q3', reason: 'removed' }] };
  },
} as unknown as Api;

const mount = (onVersion: number, hooks: { flushed: string[]; notices: string[] }) =>
  mountScreen(
    h(DraftUpgradeOffer, {
      base: '/reviews/C2026.CIV/self-assessments/TIP',
      instrument: 'TIP',
      onVersion,
      beforeUpgrade: async () => {
        hooks.flushed.push('flush');
      },
      onDone: () => hooks.flushed.push('done'),
    }),
    {
      api,
      user: { sub: 'civ-expert', role: 'expert', state: 'CIV', name: 'x' } as never,
      notify: (m: string) => hooks.notices.push(m),
    },
  );

afterEach(() => {
  document.body.innerHTML = '';
  calls.length = 0;
});

describe('moving a draft to a newer questionnaire version', () => {
  it('is not offered on the newest version', async () => {
    const root = await mount(3, { flushed: [], notices: [] });
    expect(root.querySelector('button')).toBeNull();
  });

  it('saves first, sends the draft version read, and tells which answers were dropped', async () => {
    vi.stubGlobal('confirm', () => true);
    const hooks = { flushed: [] as string[], notices: [] as string[] };
    const root = await mount(1, hooks);
    const button = root.querySelector('button');
    expect(button?.textContent).toBe('Move the draft to version 3');
    await act(() => button?.click());
    await settle();
    expect(hooks.flushed).toEqual(['flush', 'done']);
    expect(calls).toEqual([
      { path: '/reviews/C2026.CIV/self-assessments/TIP/draft/upgrade', headers: { 'if-match': '4' } },
    ]);
    expect(hooks.notices[0]).toContain('version 3');
    expect(hooks.notices[0]).toContain('TIP.5.q3');
    vi.unstubAllGlobals();
  });
});
