// @vitest-environment happy-dom
/**
 * The follow-up tab as a component (Preact in happy-dom, the API faked at its edge): the reviewed
 * State reports a status with the version it read; a reviewing State that confirms the item's
 * instrument confirms or disputes; a reviewing State that does not cover it gets no buttons.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../web/src/api.ts';
import { FollowUpsTab } from '../../../web/src/screens/follow-ups.ts';
import type { ReviewView } from '../../../web/src/types.ts';
import { Ctx } from '../../../web/src/ui.ts';

const item = (over: Record<string, unknown> = {}) => ({
  reviewId: 'C2.CIV',
  followUpId: 'fu-0123456789abcdef',
  root: { reviewId: 'C1.CIV', cycleId: 'C1', observationId: 'aaaaaaaa' },
  origin: { reviewId: 'C1.CIV', kind: 'observation', id: 'aaaaaaaa' },
  previousStatus: null,
  observation: { article: 'TIP.6', kind: 'recommendation', text: 'Open more shelters.' },
  report: null,
  verdicts: {},
  agreed: null,
  history: [],
  version: 0,
  stage: 'awaiting-report',
  confirmers: ['GHA', 'TUR'],
  ...over,
});

const list = (items: unknown[]) => ({
  reviewId: 'C2.CIV',
  scale: [
    { id: 'implemented', label: 'Implemented', closes: true },
    { id: 'partly-implemented', label: 'Partly implemented', closes: false },
  ],
  kindLabels: {
    'good-practice': 'Good practice',
    challenge: 'Challenge',
    recommendation: 'Suggestion',
    'ta-need': 'TA need',
  },
  agreement: 'all-reviewers',
  items,
});

const posts: { path: string; body: unknown; headers?: Record<string, string> }[] = [];
const apiWith = (items: unknown[]) =>
  ({
    get: async () => list(items),
    post: async (path: string, body: unknown, opts?: { headers?: Record<string, string> }) => {
      posts.push({ path, body, headers: opts?.headers });
      return {};
    },
  }) as unknown as Api;

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

const mount = async (
  items: unknown[],
  user: { sub: string; role: string; state: string },
  relation: string,
) => {
  const root = document.createElement('div');
  document.body.append(root);
  const review = { reviewId: 'C2.CIV', relation } as unknown as ReviewView;
  await act(() => {
    render(
      h(
        Ctx.Provider,
        {
          value: {
            api: apiWith(items),
            config: { apiBase: '', auth: 'dev' },
            session: { token: 't', user: { ...user, name: 'x' } },
            navigate: () => undefined,
          } as never,
        },
        h(FollowUpsTab, { review }),
      ),
      root,
    );
  });
  await settle();
  return root;
};

afterEach(() => {
  document.body.innerHTML = '';
  posts.length = 0;
});

const buttons = (root: HTMLElement) => [...root.querySelectorAll('button')].map((b) => b.textContent);

describe('the follow-up tab', () => {
  it("shows the mechanism's word for the kind and lets the reviewed State report with the version it read", async () => {
    const root = await mount([item()], { sub: 'civ-expert', role: 'expert', state: 'CIV' }, 'reviewed');
    expect(root.querySelector('h3')?.textContent).toBe('TIP.6 — Suggestion');
    const select = root.querySelector('select') as HTMLSelectElement;
    select.value = 'partly-implemented';
    select.dispatchEvent(new Event('change'));
    const text = root.querySelector('textarea') as HTMLTextAreaElement;
    text.value = 'One shelter opened.';
    text.dispatchEvent(new Event('input'));
    await settle();
    await act(() => {
      (root.querySelector('form') as HTMLFormElement).dispatchEvent(
        new Event('submit', { cancelable: true }),
      );
    });
    await settle();
    expect(posts).toEqual([
      {
        path: '/reviews/C2.CIV/follow-ups/fu-0123456789abcdef/reports',
        body: { status: 'partly-implemented', explanation: 'One shelter opened.', evidence: [] },
        headers: { 'if-match': '0' },
      },
    ]);
    expect(buttons(root)).not.toContain('Confirm the status');
  });

  it('lets a reviewing State of the instrument confirm a reported status, and not one outside it', async () => {
    const reported = item({
      stage: 'reported',
      version: 1,
      report: {
        n: 1,
        status: 'implemented',
        explanation: 'Done.',
        evidence: [],
        attachmentIds: [],
        by: 'c',
        at: '2027-01-01T00:00:00.000Z',
      },
    });
    const root = await mount([reported], { sub: 'tur-expert', role: 'expert', state: 'TUR' }, 'reviewer');
    expect(root.querySelector('form.follow-up-report')).toBeNull();
    const confirm = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Confirm the status');
    await act(() => confirm?.click());
    await settle();
    expect(posts[0]).toMatchObject({ body: { verdict: 'confirm' }, headers: { 'if-match': '1' } });

    document.body.innerHTML = '';
    const other = await mount(
      [{ ...reported, confirmers: ['GHA'] }],
      { sub: 'tur-expert', role: 'expert', state: 'TUR' },
      'reviewer',
    );
    expect(buttons(other)).toEqual([]);
  });
});
