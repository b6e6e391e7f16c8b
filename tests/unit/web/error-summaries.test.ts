// @vitest-environment happy-dom
/**
 * The GOV.UK error summary on the dialogue's forms (issue 16): a refusal the server names field by
 * field is listed at the top of the new observation, new comment and response forms, each item a
 * link that puts the cursor in its field, and the message stays beside the field.
 */
import { type ComponentChildren, h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type Api, ApiError } from '../../../web/src/api.ts';
import { CommentThread, NewComment } from '../../../web/src/screens/comments.ts';
import { Observations } from '../../../web/src/screens/observations.ts';
import type { CommentView, ReviewView } from '../../../web/src/types.ts';
import { mountScreen, settle } from '../../support/web-mount.ts';

const refusal = (path: string, message: string) =>
  new ApiError(400, 'VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }], {
    issues: [{ path, message }],
  });

const fakeApi = (get: unknown, refuse: ApiError) =>
  ({
    get: async () => get,
    post: async () => {
      throw refuse;
    },
  }) as unknown as Api;

const mount = (api: Api, view: ComponentChildren, role: 'expert' | 'focal-point' = 'expert') =>
  mountScreen(view, { api, user: { sub: 'tur-expert', role, state: 'TUR', name: 'M' } as never });

/** Submits the form, then checks the summary, its link and the message beside the field. */
const expectSummary = async (form: HTMLFormElement | null, field: string, text: string) => {
  expect(form).not.toBeNull();
  await act(() => {
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
  const summary = form?.querySelector('[data-testid="form-error-summary"]');
  expect(summary?.textContent).toContain('There is a problem');
  expect(summary?.textContent).toContain(text);
  await act(() => {
    summary?.querySelector<HTMLButtonElement>('button.link')?.click();
  });
  const focused = document.activeElement as HTMLInputElement | null;
  expect(focused?.name).toBe(field);
  const describedBy = focused?.getAttribute('aria-describedby') ?? '';
  expect(form?.querySelector(`[id="${describedBy.split(' ').at(-1)}"]`)?.textContent).toContain(
    text.split(': ').at(-1),
  );
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the error summary on the dialogue forms', () => {
  it('lists a refused new observation at the top, linked to its field', async () => {
    const review = {
      reviewId: 'C1.CIV',
      cycleId: 'C1',
      reviewedState: 'CIV',
      reviewerStates: ['TUR'],
      instruments: ['TIP'],
      relation: 'reviewer',
      state: 'desk-review',
      version: 5,
      allowedActions: ['observations.draft'],
    } as unknown as ReviewView;
    const list = {
      entries: [],
      list: { reviewId: 'C1.CIV', version: 1, confirmations: {} },
      finalisation: { complete: false, notAgreed: [], awaiting: [], reasons: [] },
      reviewState: 'desk-review',
    };
    const api = fakeApi(list, refusal('body.text', 'write the observation'));
    const root = await mount(api, h(Observations, { review, reloadReview: () => undefined }));
    const form = root.querySelector<HTMLFormElement>('form[aria-labelledby="obs-h"]');
    await expectSummary(form, 'text', 'Text: write the observation');
  });

  it('lists a refused new comment at the top, linked to its field', async () => {
    const api = fakeApi({}, refusal('body.text', 'too long'));
    const root = await mount(
      api,
      h(NewComment, {
        reviewId: 'C1.CIV',
        instrument: 'TIP',
        article: 'TIP.5',
        version: 1,
        onPosted: () => undefined,
      }),
    );
    await expectSummary(root.querySelector('form.new-comment'), 'text', 'Comment on TIP.5: too long');
  });

  it('lists a refused response at the top, linked to its field', async () => {
    const c = {
      reviewId: 'C1.CIV',
      commentId: 'cccccccc01',
      anchor: { instrument: 'TIP', article: 'TIP.5', submissionVersion: 1 },
      type: 'clarification-request',
      visibility: 'all',
      text: 'Which article?',
      status: 'open',
      responseCount: 0,
      authorSub: 'tur-expert',
      authorName: 'Mehmet',
      authorState: 'TUR',
      version: 3,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      seen: true,
      actions: ['respond'],
    } as unknown as CommentView;
    const api = fakeApi({ responses: [] }, refusal('body.text', 'write the response'));
    const root = await mount(
      api,
      h('ul', {}, h(CommentThread, { reviewId: 'C1.CIV', c, all: [c], reload: () => undefined })),
      'focal-point',
    );
    await expectSummary(root.querySelector('form.response-box'), 'text', 'Your response: write the response');
  });
});
