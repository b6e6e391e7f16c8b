/**
 * Search: the box in the header and the results page (`#/search?q=…`). The server finds only
 * what the caller may open (GET /search, docs/web-ui.md "Search"); each hit is a link to the
 * screen it lives on, named in words: reviews by their State and cycle, comments and observations
 * by their article, an observation by its number in the list.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { SearchResult } from '#shared/domain/search.ts';
import { t } from '../i18n/index.ts';
import {
  COMMENT_STATUS_LABEL,
  ENTRY_STATUS_LABEL,
  KIND_LABEL,
  RELATION_LABEL,
  REVIEW_STATE_LABEL,
} from '../labels.ts';
import { link, Show, useApp, useLoad } from '../ui.ts';

/** The address of the results page for `q`. */
const searchRoute = (q: string): string => `/search?q=${encodeURIComponent(q.trim())}`;

/** The query of a `/search?q=…` route. */
export const queryOfRoute = (route: string): string =>
  new URLSearchParams(route.split('?')[1] ?? '').get('q')?.trim() ?? '';

/** The search box of the header (outside the app context): submitting it opens the results page. */
export const SearchBox = ({
  initial = '',
  navigate,
}: {
  initial?: string;
  navigate: (to: string) => void;
}) => {
  const [q, setQ] = useState(initial);
  return h(
    'form',
    {
      role: 'search',
      class: 'search-box',
      'aria-label': t('search.label'),
      onSubmit: (e: Event) => {
        e.preventDefault();
        if (q.trim()) navigate(searchRoute(q));
      },
    },
    h(
      'label',
      {},
      h('span', { class: 'visually-hidden' }, t('search.field')),
      h('input', {
        type: 'search',
        name: 'q',
        value: q,
        minLength: 2,
        maxLength: 100,
        placeholder: t('search.placeholder'),
        'data-testid': 'search-input',
        onInput: (e: Event) => setQ((e.currentTarget as HTMLInputElement).value),
      }),
    ),
    h('button', { type: 'submit', class: 'secondary' }, t('search.submit')),
  );
};

const Group = ({
  kind,
  title,
  more,
  items,
}: {
  kind: string;
  title: string;
  more: boolean;
  items: preact.ComponentChildren[];
}) =>
  items.length === 0
    ? null
    : h(
        'section',
        { class: 'search-group', 'data-kind': kind, 'aria-label': title },
        h('h2', {}, `${title} (${items.length}${more ? '+' : ''})`),
        h('ul', { class: 'search-hits' }, ...items.map((item) => h('li', {}, item))),
        more ? h('p', { class: 'muted' }, t('search.more')) : null,
      );

const Results = ({ r }: { r: SearchResult }) => {
  const { session } = useApp();
  const registryReader = session.user.role === 'secretariat' || session.user.role === 'observer';
  const count =
    r.states.hits.length + r.reviews.hits.length + r.comments.hits.length + r.observations.hits.length;
  if (count === 0)
    return h('p', { class: 'empty', 'data-testid': 'search-empty' }, t('search.none', { q: r.q }));
  return h(
    'div',
    { 'data-testid': 'search-results' },
    h(Group, {
      kind: 'reviews',
      title: t('search.reviews'),
      more: r.reviews.more,
      items: r.reviews.hits.map((x) => [
        link(`/reviews/${x.reviewId}`, t('search.reviewOf', { state: x.reviewedStateName }), {
          'data-hit': x.reviewId,
        }),
        h(
          'span',
          { class: 'muted' },
          ` · ${x.cycleName} · ${REVIEW_STATE_LABEL[x.state]} · ${RELATION_LABEL[x.relation] ?? x.relation}`,
        ),
      ]),
    }),
    h(Group, {
      kind: 'comments',
      title: t('search.comments'),
      more: r.comments.more,
      items: r.comments.hits.map((x) => [
        link(
          `/reviews/${x.reviewId}/comments?instrument=${encodeURIComponent(x.instrument)}&article=${encodeURIComponent(x.article)}`,
          t('search.commentOn', { article: x.article, state: x.reviewedState }),
          { 'data-hit': x.commentId },
        ),
        h('span', { class: 'muted' }, ` · ${x.authorName} · ${COMMENT_STATUS_LABEL[x.status]}`),
        h('blockquote', { class: 'excerpt' }, x.excerpt),
      ]),
    }),
    h(Group, {
      kind: 'observations',
      title: t('search.observations'),
      more: r.observations.more,
      items: r.observations.hits.map((x) => [
        link(
          `/reviews/${x.reviewId}/observations`,
          t('search.observationOf', { number: x.number, state: x.reviewedState }),
          { 'data-hit': x.observationId },
        ),
        h(
          'span',
          { class: 'muted' },
          ` · ${x.article} · ${KIND_LABEL[x.kind]} · ${ENTRY_STATUS_LABEL[x.status]}`,
        ),
        h('blockquote', { class: 'excerpt' }, x.excerpt),
      ]),
    }),
    h(Group, {
      kind: 'states',
      title: t('search.states'),
      more: r.states.more,
      items: r.states.hits.map((x) =>
        registryReader ? link('/registry', `${x.name} (${x.iso3})`) : `${x.name} (${x.iso3})`,
      ),
    }),
  );
};

/** The results page (the header's box holds the query, to refine it): the hits by kind. */
export const SearchScreen = ({ q }: { q: string }) => {
  const { api } = useApp();
  const load = useLoad(
    async () => (q.length >= 2 ? api.get<SearchResult>(`/search?q=${encodeURIComponent(q)}`) : null),
    [q],
  );
  return h(
    'div',
    { class: 'search-page' },
    h('h1', { tabIndex: -1 }, q ? t('search.titleFor', { q }) : t('search.title')),
    h(Show<SearchResult | null>, {
      load,
      children: (r) => (r ? h(Results, { r }) : h('p', { class: 'muted' }, t('search.tooShort'))),
    }),
  );
};
