// @vitest-environment happy-dom
/**
 * The list of observations as a component (Preact in happy-dom, the API faked at its edge): while
 * an entry is disputed, the secretariat can still record the agreement reached off the platform,
 * naming the outcome of each open entry; the server's refusal is shown beside the entry it names.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '#shared/domain/dialogue.ts';
import { type Api, ApiError } from '../../../web/src/api.ts';
import { Observations } from '../../../web/src/screens/observations.ts';
import type { ReviewView } from '../../../web/src/types.ts';
import { Ctx } from '../../../web/src/ui.ts';

const review = {
  reviewId: 'C1.CIV',
  cycleId: 'C1',
  reviewedState: 'CIV',
  reviewerStates: ['GHA', 'TUR'],
  instruments: ['TIP'],
  relation: 'secretariat',
  state: 'dialogue',
  version: 5,
  allowedActions: ['review.export', 'contacts.name', 'observations.finalize'],
} as unknown as ReviewView;

const entry = (id: string, status: Entry['status'], text: string): Entry => ({
  reviewId: 'C1.CIV',
  id,
  article: 'TIP.5',
  kind: 'challenge',
  text,
  status,
  history: [],
  version: 2,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

const entries = [
  entry('aaaaaaaa01', 'agreed', 'Specialised units.'),
  entry('aaaaaaaa02', 'disputed', 'No fund.'),
];
const posted: unknown[] = [];
let refuse = true;
const fakeApi = {
  get: async () => ({
    entries,
    list: { reviewId: 'C1.CIV', version: 3, confirmations: {} },
    finalisation: { complete: false, notAgreed: ['aaaaaaaa02'], awaiting: ['CIV'], reasons: [] },
    reviewState: 'dialogue',
  }),
  post: async (_path: string, body: unknown) => {
    posted.push(body);
    if (refuse) {
      const issue = {
        path: 'body.outcomes.aaaaaaaa02',
        message: 'observation 2 is disputed: say whether it was agreed or withdrawn off the platform',
      };
      throw new ApiError(400, 'VALIDATION_FAILED', issue.message, [issue], { issues: [issue] });
    }
    return {};
  },
} as unknown as Api;

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

const mount = async () => {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(
      h(
        Ctx.Provider,
        {
          value: {
            api: fakeApi,
            config: { apiBase: '', auth: 'dev' },
            session: {
              token: 't',
              user: { sub: 'secretariat-1', role: 'secretariat', name: 'S', state: null },
            },
            navigate: () => undefined,
          },
        },
        h(Observations, { review, reloadReview: () => undefined }),
      ),
      root,
    );
  });
  await settle();
  return root;
};

const type = async (el: HTMLTextAreaElement, text: string) =>
  act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the off-platform agreement in the list of observations', () => {
  it('is offered while an entry is disputed, asks for its outcome and sends it with the note', async () => {
    const root = await mount();
    const form = root.querySelector<HTMLFormElement>('[data-testid="offplatform"]');
    expect(form).not.toBeNull();
    // Only the open entry asks for an outcome, named by its number in the list.
    const sets = [...(form?.querySelectorAll('fieldset[data-outcome]') ?? [])];
    expect(sets.map((f) => f.getAttribute('data-outcome'))).toEqual(['aaaaaaaa02']);
    expect(sets[0]?.querySelector('legend')?.textContent).toContain('Observation 2 (disputed)');

    await type(form?.querySelector('textarea') as HTMLTextAreaElement, 'Agreed at the country visit.');
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    // The refusal sits beside the entry it names, linked to its fieldset.
    const fieldset = root.querySelector('fieldset[data-outcome="aaaaaaaa02"]');
    const described = fieldset?.getAttribute('aria-describedby') ?? '';
    expect(root.querySelector(`#${described}`)?.textContent).toContain('observation 2 is disputed');

    // The GOV.UK error summary at the top of the form names the entry; its link puts the cursor there.
    const summary = root.querySelector('[data-testid="form-error-summary"]');
    expect(summary?.textContent).toContain('Observation 2: observation 2 is disputed');
    await act(() => {
      summary?.querySelector<HTMLButtonElement>('button.link')?.click();
    });
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('outcome-aaaaaaaa02');

    refuse = false;
    const withdrawn = fieldset?.querySelector<HTMLInputElement>('input[value="withdrawn"]');
    await act(() => {
      withdrawn?.click();
    });
    await act(() => {
      form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(posted.at(-1)).toEqual({
      offPlatformNote: 'Agreed at the country visit.',
      outcomes: { aaaaaaaa02: 'withdrawn' },
    });
    expect(root.querySelector('[data-testid="flash"]')?.textContent).toContain('agreed off the platform');
  });
});
