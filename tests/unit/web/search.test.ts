// @vitest-environment happy-dom
/**
 * The search results page and the header's box as components (happy-dom, the API faked at its
 * edge): hits grouped by kind, each a link to where it lives and named in words (the review by its
 * State, an observation by its number, a comment by its article, opening that article), "more"
 * said when the server cut the list, nothing asked for a 1-character query.
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '#shared/domain/search.ts';
import type { Api } from '../../../web/src/api.ts';
import { SearchBox, SearchScreen } from '../../../web/src/screens/search.ts';
import { mountScreen } from '../../support/web-mount.ts';

const RESULT: SearchResult = {
  q: 'trafficking',
  states: { hits: [], more: false },
  reviews: {
    hits: [
      {
        reviewId: 'C1.CIV',
        cycleId: 'C1',
        cycleName: 'UNTOC 2026, first group',
        reviewedState: 'CIV',
        reviewedStateName: 'Côte d’Ivoire',
        state: 'dialogue',
        relation: 'reviewer',
      },
    ],
    more: false,
  },
  comments: {
    hits: [
      {
        reviewId: 'C1.CIV',
        reviewedState: 'CIV',
        commentId: 'c1',
        instrument: 'TIP',
        article: 'TIP.5',
        authorName: 'Mehmet Öztürk',
        status: 'open',
        excerpt: 'Which article criminalizes trafficking?',
      },
    ],
    more: true,
  },
  observations: {
    hits: [
      {
        reviewId: 'C1.CIV',
        reviewedState: 'CIV',
        observationId: 'o2',
        number: 2,
        article: 'TIP.6',
        kind: 'challenge',
        status: 'disputed',
        excerpt: 'Victims of trafficking are not informed.',
      },
    ],
    more: false,
  },
};

const asked: string[] = [];
const apiWith = (result: SearchResult) =>
  ({
    get: async (path: string) => {
      asked.push(path);
      return result;
    },
  }) as unknown as Api;

afterEach(() => {
  document.body.innerHTML = '';
  asked.length = 0;
});

describe('the search results', () => {
  it('groups the hits by kind, each a link in words to where it lives', async () => {
    const root = await mountScreen(h(SearchScreen, { q: 'trafficking' }), { api: apiWith(RESULT) });
    expect(asked).toEqual(['/search?q=trafficking']);
    expect(root.querySelector('h1')?.textContent).toBe('Search results for “trafficking”');
    const hit = (id: string) => root.querySelector<HTMLAnchorElement>(`[data-hit="${id}"]`);
    expect(hit('C1.CIV')?.textContent).toBe('Review of Côte d’Ivoire');
    expect(hit('C1.CIV')?.getAttribute('href')).toBe('#/reviews/C1.CIV');
    expect(hit('C1.CIV')?.parentElement?.textContent).toContain('UNTOC 2026, first group · Dialogue');
    expect(hit('c1')?.textContent).toBe('Comment on TIP.5 (review of CIV)');
    expect(hit('c1')?.getAttribute('href')).toBe('#/reviews/C1.CIV/comments?instrument=TIP&article=TIP.5');
    expect(hit('o2')?.textContent).toBe('Observation 2 (review of CIV)');
    expect(hit('o2')?.parentElement?.textContent).toContain('Victims of trafficking are not informed.');
    const comments = root.querySelector('[data-kind="comments"]');
    expect(comments?.querySelector('h2')?.textContent).toBe('Comments (1+)');
    expect(comments?.textContent).toContain('add a word to narrow the search');
    expect(root.querySelector('[data-kind="states"]')).toBeNull();
  });

  it('says so when nothing matches, and asks nothing for a query too short', async () => {
    const none: SearchResult = {
      ...RESULT,
      q: 'zebra',
      reviews: { hits: [], more: false },
      comments: { hits: [], more: false },
      observations: { hits: [], more: false },
    };
    const root = await mountScreen(h(SearchScreen, { q: 'zebra' }), { api: apiWith(none) });
    expect(root.querySelector('[data-testid="search-empty"]')?.textContent).toBe(
      'Nothing you may see matches “zebra”.',
    );
    document.body.innerHTML = '';
    asked.length = 0;
    const short = await mountScreen(h(SearchScreen, { q: 'z' }), { api: apiWith(none) });
    expect(asked).toEqual([]);
    expect(short.textContent).toContain('at least 2 characters');
  });

  it('opens the results page from the header box', async () => {
    const went: string[] = [];
    const root = await mountScreen(h(SearchBox, { navigate: (to: string) => went.push(to) }), {
      api: apiWith(RESULT),
    });
    const input = root.querySelector<HTMLInputElement>('input[type="search"]');
    await act(() => {
      if (!input) return;
      input.value = ' Côte d’Ivoire ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(went).toEqual([`/search?q=${encodeURIComponent('Côte d’Ivoire')}`]);
  });
});
