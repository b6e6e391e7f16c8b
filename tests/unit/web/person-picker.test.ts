// @vitest-environment happy-dom
/**
 * The person picker as a component (Preact in happy-dom, the API faked at its edge): it asks for
 * the candidates of the State it is given, searches them by name, institution and id, keeps a
 * chosen person chosen while the search hides them, says when nobody can be named, shows the
 * field's errors, and asks again when the State changes.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../web/src/api.ts';
import { type Candidate, matching, PersonPicker } from '../../../web/src/person-picker.ts';
import { Ctx } from '../../../web/src/ui.ts';

const PEOPLE: Record<string, Candidate[]> = {
  CIV: [
    { personId: 'p-awa', name: 'Awa Koné', role: 'focal-point', institution: 'Ministry of Justice' },
    { personId: 'civ-expert', name: 'Yao Kouassi', role: 'expert', institution: '' },
    { personId: 'p-aya', name: 'Aya Bamba', role: 'expert', institution: 'Police nationale' },
  ],
  GHA: [],
};
const asked: string[] = [];
const api = {
  get: async (path: string) => {
    asked.push(path);
    const state = /^\/states\/([A-Z]{3})\/contact-candidates$/.exec(path)?.[1] ?? '';
    return { state, candidates: PEOPLE[state] ?? [] };
  },
} as unknown as Api;

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

const mount = async (props: { state: string; chosen: string[]; errors?: string[] }) => {
  const root = document.createElement('div');
  document.body.append(root);
  const changes: string[][] = [];
  const draw = (p: typeof props) =>
    render(
      h(
        Ctx.Provider,
        { value: { api, config: { apiBase: '', auth: 'dev' }, navigate: () => undefined } as never },
        h(PersonPicker, {
          label: 'Governmental experts',
          name: 'experts',
          onChange: (ids: string[]) => changes.push(ids),
          ...p,
        }),
      ),
      root,
    );
  await act(() => draw(props));
  await settle();
  return { root, changes, redraw: async (p: typeof props) => (await act(() => draw(p)), await settle()) };
};

const boxes = (root: HTMLElement) => [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
const search = async (root: HTMLElement, text: string) => {
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) throw new Error('no search box');
  input.value = text;
  await act(() => {
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

afterEach(() => {
  document.body.innerHTML = '';
  asked.length = 0;
});

describe('the person picker', () => {
  it('matches every word of the search in the name, institution or id', () => {
    const civ = PEOPLE.CIV ?? [];
    expect(matching(civ, 'aya police').map((c) => c.personId)).toEqual(['p-aya']);
    expect(matching(civ, 'KONÉ').map((c) => c.personId)).toEqual(['p-awa']);
    expect(matching(civ, 'civ-exp').map((c) => c.personId)).toEqual(['civ-expert']);
    expect(matching(civ, '  ')).toHaveLength(3);
  });

  it("lists the State's candidates with their role, and a tick adds or removes a person", async () => {
    const { root, changes } = await mount({ state: 'CIV', chosen: ['p-awa'] });
    expect(asked).toEqual(['/states/CIV/contact-candidates']);
    expect(root.querySelector('legend')?.textContent).toBe('Governmental experts');
    const labels = [...root.querySelectorAll('li label')].map((l) => l.textContent);
    expect(labels).toEqual([
      ' Awa Koné — focal point, Ministry of Justice',
      ' Yao Kouassi — governmental expert',
      ' Aya Bamba — governmental expert, Police nationale',
    ]);
    expect(boxes(root).map((b) => [b.value, b.checked, b.name])).toEqual([
      ['p-awa', true, 'experts'],
      ['civ-expert', false, 'experts'],
      ['p-aya', false, 'experts'],
    ]);
    expect(root.textContent).toContain('1 person chosen');
    await act(() => boxes(root)[1]?.click());
    expect(changes.at(-1)).toEqual(['p-awa', 'civ-expert']);
    await act(() => boxes(root)[0]?.click());
    expect(changes.at(-1)).toEqual([]);
  });

  it('narrows the list by the search and keeps a hidden person chosen', async () => {
    const { root, changes } = await mount({ state: 'CIV', chosen: ['p-awa'] });
    await search(root, 'yao');
    expect(boxes(root).map((b) => b.value)).toEqual(['civ-expert']);
    await act(() => boxes(root)[0]?.click());
    expect(changes.at(-1)).toEqual(['p-awa', 'civ-expert']);
    await search(root, 'nobody here');
    expect(boxes(root)).toHaveLength(0);
    expect(root.textContent).toContain('Nobody matches “nobody here”.');
  });

  it('says when nobody of the State can be named, shows the errors, and reloads for another State', async () => {
    const { root, redraw } = await mount({
      state: 'GHA',
      chosen: [],
      errors: ['Choose at least one expert.'],
    });
    expect(root.textContent).toContain('Nobody of this State can be named yet');
    expect(root.querySelector('.field-error')?.textContent).toBe('Choose at least one expert.');
    expect(root.querySelector('fieldset')?.getAttribute('aria-describedby')).toMatch(/-err$/);
    await redraw({ state: 'CIV', chosen: [] });
    expect(asked).toEqual(['/states/GHA/contact-candidates', '/states/CIV/contact-candidates']);
    expect(boxes(root)).toHaveLength(3);
  });
});
