// @vitest-environment happy-dom
/**
 * The secretariat's technical-assistance list as a component (Preact in happy-dom, the API faked
 * at its edge): the needs with their counts by status; filters go into the query; an update sends
 * only what changed with the version it read; the CSV download carries the filter; a refusal by
 * the server (anyone but the secretariat) shows its message and no list.
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaNeed } from '#shared/domain/ta-needs.ts';
import { type Api, ApiError } from '../../../web/src/api.ts';
import { TaNeedsScreen, taNeedsQuery } from '../../../web/src/screens/ta-needs.ts';
import { mountScreen, settle } from '../../support/web-mount.ts';

const need = (over: Partial<TaNeed> = {}): TaNeed => ({
  reviewId: 'C2025.CIV',
  observationId: 'aaaaaaaa01',
  cycleId: 'C2025',
  state: 'CIV',
  stateName: "Côte d'Ivoire",
  article: 'TIP.10',
  instrument: 'TIP',
  text: 'Training of labour inspectors in victim identification.',
  status: 'open',
  help: null,
  provider: null,
  notes: [],
  version: 0,
  updatedAt: null,
  ...over,
});

const calls: { method: string; path: string; body?: unknown; headers?: Record<string, string> }[] = [];

const fakeApi = (needs: TaNeed[], refuse = false) =>
  ({
    get: async (path: string) => {
      calls.push({ method: 'GET', path });
      if (path === '/cycles') return { cycles: [{ cycleId: 'C2025' }, { cycleId: 'C2027' }] };
      if (path === '/states') return { states: [{ iso3: 'CIV', name: "Côte d'Ivoire" }] };
      if (refuse) throw new ApiError(403, 'FORBIDDEN', 'ta-needs.manage is the secretariat’s', [], null);
      const byStatus = { open: 0, 'being-discussed': 0, matched: 0, delivered: 0, closed: 0 };
      for (const n of needs) byStatus[n.status] += 1;
      return { needs, byStatus };
    },
    patch: async (path: string, body: unknown, opts?: { headers?: Record<string, string> }) => {
      calls.push({ method: 'PATCH', path, body, headers: opts?.headers });
      return {};
    },
    text: async (path: string) => {
      calls.push({ method: 'TEXT', path });
      return 'state,state_name\r\n';
    },
  }) as unknown as Api;

const mount = (api: Api) =>
  mountScreen(h(TaNeedsScreen, {}), {
    api,
    user: { sub: 'secretariat-1', role: 'secretariat', state: null, name: 'x' } as never,
  });

const labelled = (root: HTMLElement, label: string): HTMLInputElement | HTMLSelectElement => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return root.querySelector(`#${l?.getAttribute('for')}`) as HTMLInputElement;
};

afterEach(() => {
  document.body.innerHTML = '';
  calls.length = 0;
});

describe('the technical-assistance list', () => {
  it('builds the query from the filter, leaving empty fields out', () => {
    const f = { state: 'CIV', article: '', instrument: 'TIP', cycleId: '', status: 'matched' } as const;
    expect(taNeedsQuery(f)).toBe('/ta-needs?state=CIV&instrument=TIP&status=matched');
    expect(taNeedsQuery({ ...f, state: '', instrument: '', status: '' }, 'csv')).toBe('/ta-needs?format=csv');
  });

  it('lists the needs with counts by status, filters through the query and downloads the filtered CSV', async () => {
    const root = await mount(
      fakeApi([
        need(),
        need({ observationId: 'bbbbbbbb02', status: 'matched', provider: 'UNODC GLO.ACT', version: 2 }),
      ]),
    );
    const counts = root.querySelector('[data-testid="ta-counts"]');
    expect(counts?.querySelector('[data-status="matched"] dd')?.textContent).toBe('1');
    expect(counts?.querySelector('[data-status="open"] dd')?.textContent).toBe('1');
    expect([...root.querySelectorAll('[data-ta-status]')].map((b) => b.textContent)).toEqual([
      'Open',
      'Matched with a provider',
    ]);
    expect(root.textContent).toContain('UNODC GLO.ACT');

    const status = labelled(root, 'Status') as HTMLSelectElement;
    status.value = 'matched';
    status.dispatchEvent(new Event('change'));
    const state = labelled(root, 'State') as HTMLInputElement;
    state.value = "Côte d'Ivoire (CIV)";
    state.dispatchEvent(new Event('input'));
    await settle();
    await act(() => {
      (root.querySelector('form[role="search"]') as HTMLFormElement).dispatchEvent(
        new Event('submit', { cancelable: true }),
      );
    });
    await settle();
    expect(calls.filter((c) => c.method === 'GET').map((c) => c.path)).toContain(
      '/ta-needs?state=CIV&status=matched',
    );
    const download = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Download CSV');
    await act(() => download?.click());
    await settle();
    expect(calls.find((c) => c.method === 'TEXT')?.path).toBe(
      '/ta-needs?state=CIV&status=matched&format=csv',
    );
  });

  it('sends only what changed, with the version it read', async () => {
    const root = await mount(fakeApi([need({ version: 3, help: 'Training' })]));
    const form = root.querySelector('details.ta-update form') as HTMLFormElement;
    const status = labelled(form, 'Status') as HTMLSelectElement;
    status.value = 'being-discussed';
    status.dispatchEvent(new Event('change'));
    const note = labelled(form, 'Add a note') as HTMLInputElement;
    note.value = 'Call with the provider on Monday.';
    note.dispatchEvent(new Event('input'));
    await settle();
    await act(() => {
      form.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await settle();
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      {
        method: 'PATCH',
        path: '/ta-needs/C2025.CIV/aaaaaaaa01',
        body: { status: 'being-discussed', note: 'Call with the provider on Monday.' },
        headers: { 'if-match': '3' },
      },
    ]);
  });

  it('shows the server’s refusal and no list to anyone the rules do not allow', async () => {
    const root = await mount(fakeApi([need()], true));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('secretariat');
    expect(root.querySelector('table')).toBeNull();
  });
});
