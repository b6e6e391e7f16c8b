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
const TEXT_V1 = 'Trafficking is an offence under the Penal Code.';
const TEXT_V2 = 'Trafficking is an offence under Law 2016-1111 and the Penal Code.';
/** TIP was submitted twice (v2 changes a text and adds laws, statistics and a file); SOM once. */
const TIP_V2 = {
  'TIP.5.q1': 'partly',
  'TIP.5.q2': [
    {
      title: 'Law 2016-1111 on trafficking in persons',
      article: '12',
      url: 'https://example.org/law-2016-1111',
    },
    { title: 'Penal Code', url: 'javascript:alert(1)' },
  ],
  'TIP.5.q7': [{ value: 12, year: 2021, label: 'prosecutions' }],
  'TIP.5.q10': TEXT_V2,
  'TIP.5.q11': ['att-1'],
};
const TIP_DIFF = {
  from: 1,
  to: 2,
  changes: [
    { questionId: 'TIP.5.q1', kind: 'changed', before: 'no', after: 'partly' },
    { questionId: 'TIP.5.q10', kind: 'changed', before: TEXT_V1, after: TEXT_V2 },
    { questionId: 'TIP.5.q11', kind: 'added', after: ['att-1'] },
  ],
};
const fakeApi = {
  get: async (path: string) => {
    const m =
      /self-assessments\/(\w+)\/(submissions|questionnaire|attachments)(?:\/(\w[\w-]*))?(\/diff)?$/.exec(
        path,
      );
    const instrument = m?.[1] as Instrument | undefined;
    if (!instrument) {
      if (path.includes('/comments')) return { comments: [] };
      throw new Error(`unexpected GET ${path}`);
    }
    const last = instrument === 'TIP' ? 2 : 1;
    if (m?.[2] === 'questionnaire') return formModel(questionnaireForInstrument(instrument));
    if (m?.[2] === 'attachments')
      return {
        attachmentId: m[3],
        name: 'Loi-2016-1111.pdf',
        size: 4096,
        download: { url: 'https://bucket.example/att-1' },
      };
    if (m?.[4]) return TIP_DIFF;
    if (m?.[3])
      return {
        version: last,
        submittedAt: '2026-12-01T10:00:00Z',
        answers: instrument === 'TIP' ? TIP_V2 : {},
      };
    return { submissions: Array.from({ length: last }, (_, i) => ({ version: i + 1 })) };
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

const openArticle = async (root: HTMLElement, article: string) => {
  await act(() => root.querySelector<HTMLButtonElement>(`[data-nav-article="${article}"]`)?.click());
  await settle();
};
const question = (root: HTMLElement, id: string) => root.querySelector(`[data-question="${id}"]`);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the reviewers’ workspace', () => {
  it('does not carry an unposted comment to the article of another instrument', async () => {
    const root = await mount();
    await openArticle(root, 'TIP.5');
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

  it('shows the submitted answers as text, laws as links and files as downloads, not as form controls', async () => {
    const root = await mount();
    await openArticle(root, 'TIP.5');
    const article = root.querySelector('[data-article="TIP.5"] .answers');
    expect(article?.querySelectorAll('input, textarea, select').length).toBe(0);
    expect(question(root, 'TIP.5.q1')?.querySelector('dd')?.textContent).toBe('Partly');
    expect(question(root, 'TIP.5.q1')?.querySelector('dt')?.textContent).toContain('criminal');
    const laws = [...(question(root, 'TIP.5.q2')?.querySelectorAll('li') ?? [])];
    expect(laws.map((l) => l.textContent)).toEqual([
      'Law 2016-1111 on trafficking in persons · Article(s): 12',
      'Penal Code',
    ]);
    expect(laws[0]?.querySelector('a')?.getAttribute('href')).toBe('https://example.org/law-2016-1111');
    // A stored javascript: address is never made a link.
    expect(laws[1]?.querySelector('a')).toBeNull();
    expect(question(root, 'TIP.5.q7')?.textContent).toContain('12 · Year: 2021 · Note: prosecutions');
    const file = question(root, 'TIP.5.q11')?.querySelector('a');
    expect(file?.textContent).toBe('Loi-2016-1111.pdf (4 KiB)');
    expect(file?.getAttribute('href')).toBe('https://bucket.example/att-1');
    expect(question(root, 'TIP.5.q3')?.querySelector('dd')?.textContent).toBe('Not answered');
  });

  it('marks what changed since the version before, with the question text and the words changed', async () => {
    const root = await mount();
    expect(root.querySelector('[data-nav-article="TIP.5"]')?.textContent).toContain('3 changed');
    await openArticle(root, 'TIP.5');
    const changed = [...root.querySelectorAll('.answer.changed')].map((q) => q.getAttribute('data-question'));
    expect(changed).toEqual(['TIP.5.q1', 'TIP.5.q10', 'TIP.5.q11']);
    expect(question(root, 'TIP.5.q1')?.querySelector('.was')?.textContent).toBe('Changed since version 1 No');
    const table = root.querySelector('[data-testid="version-diff"]');
    expect(table?.querySelector('caption')?.textContent).toBe('Changes from version 1 to version 2');
    const text = table?.querySelector('[data-change="TIP.5.q10"]');
    expect(text?.querySelector('th')?.textContent).toMatch(/^TIP\.5 — .+ \(TIP\.5\.q10\)$/);
    expect([...(text?.querySelectorAll('del') ?? [])].map((d) => d.textContent)).toEqual([]);
    expect([...(text?.querySelectorAll('ins') ?? [])].map((d) => d.textContent?.trim())).toEqual([
      'Law 2016-1111 and',
    ]);
    const choice = table?.querySelector('[data-change="TIP.5.q1"]');
    expect(choice?.querySelector('del')?.textContent).toBe('No');
    expect(choice?.querySelector('ins')?.textContent).toBe('Partly');
  });
});
