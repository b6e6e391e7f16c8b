/**
 * Component tests of the web UI (Preact in happy-dom): a screen mounted inside the app context
 * with a fake API at its edge and a signed-in user, and the small steps the tests take on it.
 * One copy for every test file under tests/unit/web.
 */
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { expect } from 'vitest';
import type { Api } from '../../web/src/api.ts';
import type { Session } from '../../web/src/auth.ts';
import { Ctx } from '../../web/src/ui.ts';

/** Lets effects, loads and re-renders run to rest. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

const EXPERT: Session['user'] = { sub: 'tur-expert', role: 'expert', state: 'TUR', name: 'M' } as never;

/** Renders `screen` in a fresh element of the document, as `user` (a reviewing expert by default). */
export const mountScreen = async (
  screen: ComponentChild,
  { api, user = EXPERT, notify }: { api: Api; user?: Session['user']; notify?: (message: string) => void },
): Promise<HTMLElement> => {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(
      h(
        Ctx.Provider,
        {
          value: {
            api,
            config: { apiBase: '', auth: 'dev' },
            session: { token: 't', user },
            navigate: () => undefined,
            ...(notify ? { notify } : {}),
          } as never,
        },
        screen,
      ),
      root,
    );
  });
  await settle();
  return root;
};

/** Clicks the button whose text is `name` (failing when there is none). */
export const clickButton = async (root: HTMLElement, name: string | RegExp): Promise<void> => {
  const b = [...root.querySelectorAll('button')].find((x) =>
    typeof name === 'string' ? x.textContent === name : name.test(x.textContent ?? ''),
  );
  expect(b, String(name)).toBeDefined();
  await act(() => {
    b?.click();
  });
  await settle();
};
