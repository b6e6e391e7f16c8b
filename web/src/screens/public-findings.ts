/**
 * The findings database (no sign-in): observations of published summaries, searched by words and
 * filters, a page at a time, each linked to its published summary; CSV of every match.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { FOUR_PS, INSTRUMENTS, OBSERVATION_KINDS, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { Api } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { currentLanguage, t } from '../i18n/index.ts';
import { KIND_LABEL } from '../labels.ts';
import type { FindingsPage } from '../types.ts';
import { dirIcon, Field, Show, Table, useLoad } from '../ui.ts';

const followUpChoices = (): [string, string][] => [
  ['', t('pub.any')],
  ['none', t('pub.findings.fu.none')],
  ['implemented', t('pub.findings.fu.implemented')],
  ['partly-implemented', t('pub.findings.fu.partly-implemented')],
  ['not-implemented', t('pub.findings.fu.not-implemented')],
  ['no-longer-applicable', t('pub.findings.fu.no-longer-applicable')],
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
    ['', t('pub.any')],
    ...values.map((v): [string, string] => [v, label(v)]),
  ];
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, t('pub.findings.title')),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': t('pub.findings.search'),
        onSubmit: (e: Event) => {
          e.preventDefault();
          setApplied(draft);
          setPage(1);
        },
      },
      h(Field, {
        label: t('pub.findings.words'),
        hint: t('pub.findings.wordsHint'),
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
        label: t('pub.findings.instrument'),
        children: (id) => select(id, draft.instrument, set('instrument'), any(INSTRUMENTS)),
      }),
      h(Field, {
        label: t('pub.findings.kind'),
        children: (id) =>
          select(
            id,
            draft.kind,
            set('kind'),
            any(OBSERVATION_KINDS, (k) => KIND_LABEL[k as keyof typeof KIND_LABEL]),
          ),
      }),
      h(Field, {
        label: t('pub.findings.fourP'),
        children: (id) => select(id, draft.fourP, set('fourP'), any(FOUR_PS)),
      }),
      h(Field, {
        label: t('pub.group'),
        children: (id) => select(id, draft.group, set('group'), any(REGIONAL_GROUPS)),
      }),
      h(Field, {
        label: t('pub.year'),
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
        label: t('pub.findings.followUp'),
        children: (id) => select(id, draft.followUpStatus, set('followUpStatus'), followUpChoices()),
      }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('pub.findings.submit'))),
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
            t('pub.findings.count', { total: res.total }),
            res.total > 0 ? t('pub.findings.page', { page: res.page, pages: res.pages }) : '. ',
            res.total > 0
              ? h(
                  'a',
                  {
                    href: `${config.apiBase}/public/findings?${queryOf(applied, 1)}&format=csv`,
                    download: 'findings.csv',
                  },
                  t('pub.findings.csv'),
                )
              : null,
          ),
          res.total === 0
            ? h('p', { class: 'empty' }, t('pub.findings.none'))
            : h(Table, {
                caption: t('pub.findings.caption'),
                head: [
                  t('pub.state'),
                  t('pub.year'),
                  t('pub.findings.col.article'),
                  t('pub.findings.kind'),
                  t('pub.findings.col.finding'),
                  t('pub.findings.col.followUp'),
                  t('pub.summaries.col.summary'),
                ],
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
                      href: `${config.apiBase}${f.summary.path}?lang=${currentLanguage()}&format=html`,
                      target: '_blank',
                      rel: 'noopener',
                    },
                    t('pub.findings.read'),
                  ),
                ]),
              }),
          res.pages > 1
            ? h(
                'nav',
                { 'aria-label': t('pub.findings.pages'), class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    disabled: res.page <= 1,
                    onClick: () => setPage(res.page - 1),
                  },
                  dirIcon('back'),
                  ' ',
                  t('pub.findings.previous'),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    disabled: res.page >= res.pages,
                    onClick: () => setPage(res.page + 1),
                  },
                  t('pub.findings.next'),
                  ' ',
                  dirIcon('forward'),
                ),
              )
            : null,
        ),
    }),
  );
};
