// @vitest-environment happy-dom
/**
 * The questionnaire's navigation as a component (the draft editor in happy-dom, the API faked at
 * its edge with the real TIP questionnaire and the domain's completeness check): one article at
 * a time with answered/total per article, going to an article or to a missing answer brings it
 * up with the focus in it, and an answer typed before switching article is still autosaved.
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeness } from '#shared/domain/questionnaire/answers.ts';
import { questionnaireForInstrument } from '#shared/domain/questionnaire/catalog.ts';
import { formModel } from '#shared/domain/questionnaire/form-model.ts';
import type { Api } from '../../../web/src/api.ts';
import { DraftEditor } from '../../../web/src/screens/self-assessment.ts';
import { clickButton, mountScreen, settle } from '../../support/web-mount.ts';

const def = questionnaireForInstrument('TIP');
const model = formModel(def);
const articles = model.sections.flatMap((s) => s.articles);
const [first, second] = articles;
if (!first || !second) throw new Error('TIP has at least two articles');

let stored: Record<string, unknown> = {};
let version = 0;
const patches: Record<string, unknown>[] = [];
const draft = () => ({
  reviewId: 'C1.CIV',
  instrument: 'TIP',
  questionnaireId: model.questionnaireId,
  questionnaireVersion: model.version,
  version,
  answers: stored,
  updatedAt: version ? '2026-12-01T10:00:00Z' : null,
  updatedBy: null,
  completeness: completeness(def, stored),
});
const fakeApi = {
  get: async (url: string) => {
    // The form asks for its texts in the interface language (`…/questionnaire?lang=en`).
    const path = url.split('?')[0] ?? url;
    if (path.endsWith('/questionnaire')) return model;
    if (path.endsWith('/draft')) return draft();
    if (path.endsWith('/attachments')) return { attachments: [] };
    throw new Error(`unexpected GET ${path}`);
  },
  patch: async (_path: string, body: { answers: Record<string, unknown> }) => {
    patches.push(body.answers);
    stored = { ...stored, ...body.answers };
    version++;
    return draft();
  },
} as unknown as Api;

const mount = () =>
  mountScreen(
    h(DraftEditor, { reviewId: 'C1.CIV', instrument: 'TIP', canSubmit: false, onSubmitted: () => undefined }),
    { api: fakeApi, user: { sub: 'civ-focal', role: 'focal-point', state: 'CIV', name: 'F' } as never },
  );

const shownArticles = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-article]')].map((a) => a.getAttribute('data-article'));
const navEntry = (root: HTMLElement, article: string) =>
  root.querySelector<HTMLButtonElement>(`[data-nav-article="${article}"]`);

beforeEach(() => {
  localStorage.clear();
  stored = { [`${first.fields[0]?.id}`]: 'yes' };
  version = 1;
  patches.length = 0;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the questionnaire navigation', () => {
  it('lists every article with answered/total and shows one article at a time', async () => {
    const root = await mount();
    const entries = [...root.querySelectorAll('[data-nav-article]')].map((b) =>
      b.getAttribute('data-nav-article'),
    );
    expect(entries).toEqual(articles.map((a) => a.articleId));
    expect(navEntry(root, first.articleId)?.textContent).toContain(`1 of ${first.fields.length} answered`);
    expect(navEntry(root, second.articleId)?.textContent).toContain(`0 of ${second.fields.length} answered`);
    const required = second.fields.filter((f) => f.required).length;
    expect(navEntry(root, second.articleId)?.textContent).toContain(
      `${required} required answer${required === 1 ? '' : 's'} missing`,
    );
    expect(shownArticles(root)).toEqual([first.articleId]);
    expect(navEntry(root, first.articleId)?.getAttribute('aria-current')).toBe('true');

    await act(() => navEntry(root, second.articleId)?.click());
    await settle();
    expect(shownArticles(root)).toEqual([second.articleId]);
    expect(document.activeElement?.textContent).toContain(second.title);
    await clickButton(root, `Previous: ${first.articleId}`);
    expect(shownArticles(root)).toEqual([first.articleId]);

    const all = root.querySelector<HTMLInputElement>('.qnav input[type="checkbox"]');
    await act(() => all?.click());
    await settle();
    expect(shownArticles(root)).toEqual(articles.map((a) => a.articleId));
    expect(localStorage.getItem('cop-review.questionnaire.all')).toBe('true');
  });

  it('takes the user from the list of missing answers to the question, in its article', async () => {
    const root = await mount();
    const target = second.fields.find((f) => f.required);
    if (!target) throw new Error('the second article has a required question');
    await clickButton(root, `${second.articleId} — ${target.label}`);
    expect(shownArticles(root)).toEqual([second.articleId]);
    const box = root.querySelector(`[data-question="${target.id}"]`);
    expect(box?.contains(document.activeElement)).toBe(true);
  });

  it('counts an answer at once and still autosaves it after the user moved to another article', async () => {
    const root = await mount();
    const radio = root.querySelector<HTMLInputElement>(
      `[data-article="${first.articleId}"] fieldset.radio:not([data-question="${first.fields[0]?.id}"]) input[value="no"]`,
    );
    expect(radio).not.toBeNull();
    const question = radio?.closest('[data-question]')?.getAttribute('data-question') ?? '';
    await act(() => radio?.click());
    expect(navEntry(root, first.articleId)?.textContent).toContain(`2 of ${first.fields.length} answered`);
    await act(() => navEntry(root, second.articleId)?.click());
    await act(() => new Promise((r) => setTimeout(r, 900)));
    await settle();
    expect(patches).toEqual([{ [question]: 'no' }]);
    expect(root.querySelector('[data-testid="save-state"]')?.getAttribute('data-state')).toBe('saved');
  });
});
