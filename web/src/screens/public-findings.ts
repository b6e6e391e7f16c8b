/**
 * The findings database (no sign-in): observations of published summaries, searched by words and
 * filters, a page at a time, each linked to its published summary; CSV of every match.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { FOUR_PS, INSTRUMENTS, OBSERVATION_KINDS, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { Api } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { KIND_LABEL } from '../labels.ts';
import type { FindingsPage } from '../types.ts';
import { Field, Show, Table, useLoad } from '../ui.ts';

const FOLLOW_UP_CHOICES: [string, string][] = [
  ['', 'Any'],
  ['none', 'No published follow-up'],
  ['implemented', 'Implemented'],
  ['partly-implemented', 'Partly implemented'],
  ['not-implemented', 'Not implemented'],
  ['no-longer-applicable', 'No longer applicable'],
];

type Filters = Record<'q' | 'instrument' | 'kind' | 'fourP' | 'group' | 'year' | 'followUpStatus', string>;
const EMPTY: Filters = {
  q: '',
  instrument: '',
  kind: '',
  fourP: '',
  group: '',
  year: '',
  followUpStatus: '',
};

const queryOf = (f: Filters, page: number): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) p.set(k, v.trim());
  p.set('page', String(page));
  return p.toString();
};

const select = (id: string, value: string, set: (v: string) => void, options: [string, string][]) =>
  h(
    'select',
    { id, value, onChange: (e: Event) => set((e.currentTarget as HTMLSelectElement).value) },
    ...options.map(([v, label]) => h('option', { value: v }, label)),
  );

export const PublicFindingsScreen = ({ api, config }: { api: Api; config: WebConfig }) => {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const query = queryOf(applied, page);
  const load = useLoad(() => api.get<FindingsPage>(`/public/findings?${query}`), [query]);
  const set = (k: keyof Filters) => (v: string) => setDraft({ ...draft, [k]: v });
  const any = (values: readonly string[], label = (v: string) => v): [string, string][] => [
    ['', 'Any'],
    ...values.map((v): [string, string] => [v, label(v)]),
  ];
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'Findings of published reviews'),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Search the findings',
        onSubmit: (e: Event) => {
          e.preventDefault();
          setApplied(draft);
          setPage(1);
        },
      },
      h(Field, {
        label: 'Words',
        hint: 'Every word must appear; accents and case do not matter.',
        children: (id, d) =>
          h('input', {
            id,
            type: 'search',
            value: draft.q,
            'aria-describedby': d,
            onInput: (e: Event) => set('q')((e.currentTarget as HTMLInputElement).value),
          }),
      }),
      h(Field, {
        label: 'Instrument',
        children: (id) => select(id, draft.instrument, set('instrument'), any(INSTRUMENTS)),
      }),
      h(Field, {
        label: 'Kind',
        children: (id) =>
          select(
            id,
            draft.kind,
            set('kind'),
            any(OBSERVATION_KINDS, (k) => KIND_LABEL[k as keyof typeof KIND_LABEL]),
          ),
      }),
      h(Field, {
        label: 'Four Ps theme',
        children: (id) => select(id, draft.fourP, set('fourP'), any(FOUR_PS)),
      }),
      h(Field, {
        label: 'Regional group',
        children: (id) => select(id, draft.group, set('group'), any(REGIONAL_GROUPS)),
      }),
      h(Field, {
        label: 'Year',
        children: (id) =>
          h('input', {
            id,
            inputMode: 'numeric',
            value: draft.year,
            maxLength: 4,
            onInput: (e: Event) => set('year')((e.currentTarget as HTMLInputElement).value),
          }),
      }),
      h(Field, {
        label: 'Follow-up status',
        children: (id) => select(id, draft.followUpStatus, set('followUpStatus'), FOLLOW_UP_CHOICES),
      }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search')),
    ),
    h(Show<FindingsPage>, {
      load,
      children: (res) =>
        h(
          'div',
          { 'data-testid': 'findings' },
          h(
            'p',
            { role: 'status' },
            `${res.total} finding${res.total === 1 ? '' : 's'}`,
            res.total > 0 ? ` — page ${res.page} of ${res.pages}. ` : '. ',
            res.total > 0
              ? h(
                  'a',
                  {
                    href: `${config.apiBase}/public/findings?${queryOf(applied, 1)}&format=csv`,
                    download: 'findings.csv',
                  },
                  'Download every match (CSV)',
                )
              : null,
          ),
          res.total === 0
            ? h('p', { class: 'empty' }, 'No published finding matches.')
            : h(Table, {
                caption: 'Findings',
                head: ['State', 'Year', 'Article', 'Kind', 'Finding', 'Follow-up', 'Summary'],
                rows: res.findings.map((f) => [
                  `${f.stateName} (${f.state})`,
                  String(f.year),
                  f.article,
                  f.kindLabel,
                  h('span', { dir: 'auto' }, f.text),
                  f.followUp
                    ? h('span', { 'data-follow-up-status': f.followUp.status }, f.followUp.label)
                    : '—',
                  h(
                    'a',
                    {
                      href: `${config.apiBase}${f.summary.path}?lang=en&format=html`,
                      target: '_blank',
                      rel: 'noopener',
                    },
                    'Read the summary',
                  ),
                ]),
              }),
          res.pages > 1
            ? h(
                'nav',
                { 'aria-label': 'Pages', class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    disabled: res.page <= 1,
                    onClick: () => setPage(res.page - 1),
                  },
                  'Previous page',
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    disabled: res.page >= res.pages,
                    onClick: () => setPage(res.page + 1),
                  },
                  'Next page',
                ),
              )
            : null,
        ),
    }),
  );
};
