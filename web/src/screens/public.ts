/**
 * Published country summaries, open to everyone (no sign-in): listed by State, each opened in
 * the chosen language (HTML in a sandboxed frame) or downloaded (PDF, Markdown). The public
 * routes need no token, so downloads are plain links to the API.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import type { Api } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { t } from '../i18n/index.ts';
import type { PublishedSummary } from '../types.ts';
import {
  DocFrame,
  Field,
  fmtDate,
  iso3Of,
  LANGUAGE_NAMES,
  PrintButton,
  Show,
  StatePicker,
  Table,
  useLoad,
} from '../ui.ts';

const docPath = (s: PublishedSummary, lang: Language, format: string) =>
  `/public/summaries/${encodeURIComponent(s.reviewId)}/${s.scope}?lang=${lang}&format=${format}`;

const has = (s: PublishedSummary, lang: Language, format: string) =>
  s.available.some((a) => a.lang === lang && a.format === format);

const Opened = ({ api, summary, lang }: { api: Api; summary: PublishedSummary; lang: Language }) => {
  const load = useLoad(
    () => api.text(docPath(summary, lang, 'html')),
    [summary.reviewId, summary.scope, summary.documentVersion, lang],
  );
  return h(
    'section',
    { 'aria-labelledby': 'opened-h' },
    h('h2', { id: 'opened-h' }, `${summary.stateName} — ${summary.scope} — ${LANGUAGE_NAMES[lang]}`),
    h('div', { class: 'actions' }, h(PrintButton, {})),
    h(Show<string>, {
      load,
      children: (html) =>
        h(DocFrame, {
          html,
          title: t('pub.summaries.frameTitle', { state: summary.stateName, language: LANGUAGE_NAMES[lang] }),
        }),
    }),
  );
};

export const PublicScreen = ({ api, config }: { api: Api; config: WebConfig }) => {
  const [state, setState] = useState('');
  const [lang, setLang] = useState<Language>('en');
  const [opened, setOpened] = useState<PublishedSummary | null>(null);
  // The States that have a published summary, by name, for the picker.
  const every = useLoad(
    async () => (await api.get<{ summaries: PublishedSummary[] }>('/public/summaries')).summaries,
    [],
  );
  const states = [
    ...new Map((every.data ?? []).map((s) => [s.state, { iso3: s.state, name: s.stateName }])).values(),
  ];
  const iso3 = iso3Of(state, states);
  const load = useLoad(
    async () =>
      (await api.get<{ summaries: PublishedSummary[] }>(`/public/summaries${iso3 ? `?state=${iso3}` : ''}`))
        .summaries,
    [iso3],
  );
  const file = (s: PublishedSummary, format: 'pdf' | 'md', label: string) =>
    has(s, lang, format)
      ? h(
          'a',
          {
            href: `${config.apiBase}${docPath(s, lang, format)}`,
            download: `${s.state}-${s.scope}-v${s.documentVersion}-${lang}.${format}`,
          },
          t('pub.summaries.file', { format: label, lang }),
        )
      : h('span', { class: 'muted' }, t('pub.summaries.noFile', { format: label }));
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, t('pub.summaries.title')),
    h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
      h(Field, {
        label: t('pub.state'),
        hint: t('pub.summaries.stateHint'),
        children: (id, d) => h(StatePicker, { id, value: state, states, onChange: setState, describedBy: d }),
      }),
      h(Field, {
        label: t('pub.language'),
        children: (id) =>
          h(
            'select',
            {
              id,
              value: lang,
              onChange: (e: Event) => setLang((e.currentTarget as HTMLSelectElement).value as Language),
            },
            ...LANGUAGES.map((l) => h('option', { value: l }, LANGUAGE_NAMES[l])),
          ),
      }),
    ),
    h(Show<PublishedSummary[]>, {
      load,
      children: (list) =>
        list.length === 0
          ? h('p', { class: 'empty' }, iso3 ? t('pub.summaries.noMatch') : t('pub.summaries.none'))
          : h(Table, {
              caption: t('pub.summaries.caption'),
              head: [
                t('pub.state'),
                t('pub.summaries.col.summary'),
                t('pub.cycle'),
                t('pub.summaries.col.published'),
                t('pub.summaries.col.read'),
                t('pub.summaries.col.download'),
              ],
              rows: list.map((s) => [
                `${s.stateName} (${s.state})`,
                s.scope === 'combined' ? t('pub.summaries.combined') : s.scope,
                s.cycleId,
                fmtDate(s.publishedAt),
                has(s, lang, 'html')
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        'data-open': `${s.reviewId}/${s.scope}`,
                        onClick: () => setOpened(s),
                      },
                      t('pub.summaries.open', { language: LANGUAGE_NAMES[lang] }),
                    )
                  : h('span', { class: 'muted' }, t('pub.summaries.notInLanguage')),
                h('span', { class: 'downloads' }, file(s, 'pdf', 'PDF'), ' ', file(s, 'md', 'Markdown')),
              ]),
            }),
    }),
    opened ? h(Opened, { api, summary: opened, lang }) : null,
  );
};
