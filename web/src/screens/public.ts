/**
 * Published country summaries, open to everyone, by State and language. The public summaries API
 * is the last to land: until `/openapi.json` lists it, the page says so instead of failing.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { LANGUAGES } from '#shared/domain/types.ts';
import type { Api } from '../api.ts';
import { Field, Show, Table, useLoad } from '../ui.ts';

interface PublicSummary {
  reviewId?: string;
  state?: string;
  stateName?: string;
  language?: string;
  title?: string;
  publishedAt?: string;
  url?: string;
}

export const PublicScreen = ({ api }: { api: Api }) => {
  const [state, setState] = useState('');
  const [language, setLanguage] = useState('');
  const load = useLoad(async () => {
    const doc = await api.get<{ paths?: Record<string, unknown> }>('/openapi.json');
    if (!doc.paths?.['/public/summaries']) return null;
    const q = new URLSearchParams();
    if (state) q.set('state', state);
    if (language) q.set('language', language);
    return (await api.get<{ summaries: PublicSummary[] }>(`/public/summaries${q.size ? `?${q}` : ''}`))
      .summaries;
  }, [state, language]);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'Published country summaries'),
    h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
      h(Field, {
        label: 'State (ISO3)',
        children: (id) =>
          h('input', {
            id,
            value: state,
            maxLength: 3,
            onChange: (e: Event) => setState((e.currentTarget as HTMLInputElement).value.toUpperCase()),
          }),
      }),
      h(Field, {
        label: 'Language',
        children: (id) =>
          h(
            'select',
            {
              id,
              value: language,
              onChange: (e: Event) => setLanguage((e.currentTarget as HTMLSelectElement).value),
            },
            h('option', { value: '' }, 'All languages'),
            ...LANGUAGES.map((l) => h('option', { value: l }, l)),
          ),
      }),
    ),
    h(Show<PublicSummary[] | null>, {
      load,
      children: (list) =>
        list === null
          ? h('p', { class: 'empty' }, 'No summary has been published yet.')
          : list.length === 0
            ? h('p', { class: 'empty' }, 'No published summary matches.')
            : h(Table, {
                caption: 'Published summaries',
                head: ['State', 'Language', 'Title', 'Published'],
                rows: list.map((s) => [
                  s.stateName ?? s.state ?? '',
                  s.language ?? '',
                  s.url ? h('a', { href: s.url }, s.title ?? 'Summary') : (s.title ?? ''),
                  s.publishedAt?.slice(0, 10) ?? '',
                ]),
              }),
    }),
  );
};
