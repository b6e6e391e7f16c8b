// @vitest-environment happy-dom
/**
 * The reviewers' workspace as a component (Preact in happy-dom, the API faked at its edge): an
 * unposted comment stays with the article it was written under when the reviewer switches
 * instrument (forms keyed by their anchor, not reused by position).
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { questionnaireForInstrument } from '#shared/domain/questionnaire/catalog.ts';
import { formModel } from '#shared/domain/questionnaire/form-model.ts';
import type { Instrument } from '#shared/domain/types.ts';
import type { Api } from '../../../web/src/api.ts';
import { Workspace } from '../../../web/src/screens/review.ts';
import type { ReviewView } from '../../../web/src/types.ts';
import { mountScreen, settle } from '../../support/web-mount.ts';

const review = {
  reviewId: 'C1.CIV',
  cycleId: 'C1',
  reviewedState: 'CIV',
  reviewerStates: ['GHA', 'TUR'],
  instruments: ['TIP', 'SOM'],
  relation: 'reviewer',
  state: 'desk-review',
  version: 3,
  allowedActions: ['comment.create', 'comment.resolve', 'observations.draft'],
} as unknown as ReviewView;

const posted: unknown[] = [];
const fakeApi = {
  get: async (path: string) => {
    const m = /self-assessments\/(\w+)\/(submissions|questionnaire)(\/1)?$/.exec(path);
    const instrument = m?.[1] as Instrument | undefined;
    if (instrument && m?.[2] === 'questionnaire') return formModel(questionnaireForInstrument(instrument));
    if (instrument && m?.[3]) return { version: 1, submittedAt: '2026-12-01T10:00:00Z', answers: {} };
    if (instrument) return { submissions: [{ version: 1 }] };
    if (path.includes('/comments')) return { comments: [] };
    throw new Error(`unexpected GET ${path}`);
  },
  post: async (_path: string, body: unknown) => {
    posted.push(body);
    return {};
  },
} as unknown as Api;

const mount = () => mountScreen(h(Workspace, { review }), { api: fakeApi });

const commentBox = (root: HTMLElement, article: string) =>
  [...root.querySelectorAll('form.new-comment')]
    .find((f) => f.getAttribute('aria-label') === `New comment on ${article}`)
    ?.querySelector('textarea') as HTMLTextAreaElement | undefined;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the reviewers’ workspace', () => {
  it('does not carry an unposted comment to the article of another instrument', async () => {
    const root = await mount();
    const tip = commentBox(root, 'TIP.5');
    expect(tip).toBeDefined();
    await act(() => {
      if (!tip) return;
      tip.value = 'Which article of the Penal Code criminalizes trafficking?';
      tip.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const select = root.querySelector('select') as HTMLSelectElement;
    await act(() => {
      select.value = 'SOM';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    const boxes = [...root.querySelectorAll<HTMLTextAreaElement>('form.new-comment textarea')];
    expect(boxes.length).toBeGreaterThan(0);
    expect(commentBox(root, 'TIP.5')).toBeUndefined();
    expect(boxes.map((b) => b.value)).toEqual(boxes.map(() => ''));
    expect(posted).toEqual([]);
  });
});
