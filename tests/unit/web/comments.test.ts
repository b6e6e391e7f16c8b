// @vitest-environment happy-dom
/**
 * A comment thread as a component (Preact in happy-dom, the API faked at its edge): the buttons are
 * exactly the comment's `actions`; edit, resolve, reopen, delete and reply send what the API expects
 * (If-Match with the comment's version), and replies sit under the comment they answer.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../web/src/api.ts';
import { CommentThread } from '../../../web/src/screens/comments.ts';
import type { CommentView } from '../../../web/src/types.ts';
import { Ctx } from '../../../web/src/ui.ts';

const comment = (over: Partial<CommentView>): CommentView =>
  ({
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
    actions: [],
    ...over,
  }) as CommentView;

let calls: { method: string; path: string; body?: unknown; headers?: Record<string, string> }[] = [];
const fakeApi = {
  get: async () => ({ responses: [] }),
  post: async (path: string, body: unknown, opts?: { headers?: Record<string, string> }) => {
    calls.push({ method: 'POST', path, body, headers: opts?.headers });
    return {};
  },
  patch: async (path: string, body: unknown, opts?: { headers?: Record<string, string> }) => {
    calls.push({ method: 'PATCH', path, body, headers: opts?.headers });
    return {};
  },
  del: async (path: string, opts?: { headers?: Record<string, string> }) => {
    calls.push({ method: 'DELETE', path, headers: opts?.headers });
    return {};
  },
} as unknown as Api;

let reloads = 0;
const settle = async () => {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};
const mount = async (c: CommentView, all: CommentView[] = [c]) => {
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
            session: { token: 't', user: { sub: 'tur-expert', role: 'expert', state: 'TUR', name: 'M' } },
            navigate: () => undefined,
          },
        },
        h('ul', {}, h(CommentThread, { reviewId: 'C1.CIV', c, all, reload: () => reloads++ })),
      ),
      root,
    );
  });
  await settle();
  return root;
};
const buttons = (el: Element) =>
  [...el.querySelectorAll(':scope > .actions button')].map((b) => b.textContent);
const click = async (root: HTMLElement, name: string) => {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent === name);
  expect(b, name).toBeDefined();
  await act(() => {
    b?.click();
  });
  await settle();
};

beforeEach(() => {
  calls = [];
  reloads = 0;
  window.confirm = () => true;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('a comment thread', () => {
  it('offers exactly the listed actions, and none when the list is empty', async () => {
    const root = await mount(comment({ actions: ['edit', 'delete', 'resolve', 'reply'] }));
    const li = root.querySelector('li.comment') as Element;
    expect(buttons(li)).toEqual(['Edit', 'Resolve', 'Delete', 'Reply']);
    document.body.innerHTML = '';
    const bare = await mount(comment({ actions: [] }));
    expect(buttons(bare.querySelector('li.comment') as Element)).toEqual([]);
    expect(bare.querySelector('.badge')?.textContent).toBe('Open');
  });

  it('edits with If-Match, resolves, reopens and deletes the comment', async () => {
    const root = await mount(comment({ actions: ['edit', 'delete', 'resolve', 'reopen'] }));
    await click(root, 'Edit');
    const box = root.querySelector('form.inline-form textarea') as HTMLTextAreaElement;
    expect(box.value).toBe('Which article?');
    await act(() => {
      box.value = 'Which article of the Penal Code?';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(root, 'Save the change');
    await click(root, 'Resolve');
    await click(root, 'Reopen');
    await click(root, 'Delete');
    const path = '/reviews/C1.CIV/comments/cccccccc01';
    const ifMatch = { 'if-match': '3' };
    expect(calls).toEqual([
      { method: 'PATCH', path, body: { text: 'Which article of the Penal Code?' }, headers: ifMatch },
      { method: 'POST', path: `${path}/status`, body: { action: 'resolve' }, headers: ifMatch },
      { method: 'POST', path: `${path}/status`, body: { action: 'reopen' }, headers: ifMatch },
      { method: 'DELETE', path, headers: ifMatch },
    ]);
    expect(reloads).toBe(4);
  });

  it('posts a reply under its parent, with the parent’s audience, and shows replies nested', async () => {
    const parent = comment({ actions: ['reply'], visibility: 'reviewers' });
    const reply = comment({ commentId: 'cccccccc02', parentId: 'cccccccc01', text: 'Art. 4, I think.' });
    const root = await mount(parent, [parent, reply]);
    expect(root.querySelector('ul.replies li.comment p.text')?.textContent).toBe('Art. 4, I think.');
    await click(root, 'Reply');
    const box = root.querySelector('form.inline-form textarea') as HTMLTextAreaElement;
    await act(() => {
      box.value = 'Agreed.';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(root, 'Post the reply');
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/reviews/C1.CIV/comments',
        body: {
          parentId: 'cccccccc01',
          type: 'clarification-request',
          visibility: 'reviewers',
          text: 'Agreed.',
        },
        headers: undefined,
      },
    ]);
  });
});
