/**
 * Where every review stands (no sign-in): counts like the ones UNODC publishes, then each State
 * party with its status per cycle (a cluster's phase) and the stage of a review in progress.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { type MessageKey, t } from '../i18n/index.ts';
import { REVIEW_STATE_LABEL } from '../labels.ts';
import type { PublicReviewStatus } from '../types.ts';
import { Field, Show, Table, useLoad } from '../ui.ts';

const PUBLIC_STATUS_KEY = {
  'not-started': 'pub.status.not-started',
  'in-progress': 'pub.status.in-progress',
  completed: 'pub.status.completed',
  'summary-published': 'pub.status.summary-published',
} as const satisfies Record<string, MessageKey>;
type Status = keyof typeof PUBLIC_STATUS_KEY;
const STATUSES = Object.keys(PUBLIC_STATUS_KEY) as Status[];
const statusLabel = (s: Status): string => t(PUBLIC_STATUS_KEY[s]);

const Counts = ({ counts, label }: { counts: PublicReviewStatus['counts']; label: string }) =>
  h(
    'dl',
    { class: 'counts', 'aria-label': label, 'data-testid': 'status-counts' },
    h('div', {}, h('dt', {}, t('pub.status.reviews')), h('dd', {}, String(counts.total))),
    ...STATUSES.map((s) =>
      h('div', { 'data-status': s }, h('dt', {}, statusLabel(s)), h('dd', {}, String(counts[s]))),
    ),
  );

export const PublicStatusScreen = ({ api }: { api: Api }) => {
  const [filter, setFilter] = useState('');
  const load = useLoad(() => api.get<PublicReviewStatus>('/public/review-status'), []);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, t('pub.status.title')),
    h('p', {}, t('pub.status.intro')),
    h(Show<PublicReviewStatus>, {
      load,
      children: (page) => {
        const words = filter.trim().toLowerCase();
        const states = page.states.filter(
          (s) => s.reviews.length > 0 && (!words || `${s.name} ${s.iso3}`.toLowerCase().includes(words)),
        );
        return h(
          'div',
          {},
          h(Counts, { counts: page.counts, label: t('pub.status.countsAll') }),
          h(Table, {
            caption: t('pub.status.perCycle'),
            head: [t('pub.cycle'), t('pub.year'), t('pub.status.reviews'), ...STATUSES.map(statusLabel)],
            rows: page.cycles.map((c) => [
              c.name,
              String(c.year),
              String(c.counts.total),
              ...STATUSES.map((s) => String(c.counts[s])),
            ]),
          }),
          h(
            'form',
            { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
            h(Field, {
              label: t('pub.state'),
              hint: t('pub.status.stateHint'),
              children: (id, d) =>
                h('input', {
                  id,
                  value: filter,
                  'aria-describedby': d,
                  onInput: (e: Event) => setFilter((e.currentTarget as HTMLInputElement).value),
                }),
            }),
          ),
          states.length === 0
            ? h('p', { class: 'empty' }, t('pub.status.noMatch'))
            : h(Table, {
                caption: t('pub.status.perState'),
                head: [
                  t('pub.state'),
                  t('pub.group'),
                  t('pub.cycle'),
                  t('pub.status.col.status'),
                  t('pub.status.col.stage'),
                  t('pub.status.col.institution'),
                ],
                rows: states.flatMap((s) =>
                  s.reviews.map((r) => [
                    `${s.name} (${s.iso3})`,
                    s.group ?? t('pub.status.noGroup'),
                    page.cycles.find((c) => c.cycleId === r.cycleId)?.name ?? r.cycleId,
                    h(
                      'span',
                      { class: `badge status-${r.status}`, 'data-status': r.status },
                      statusLabel(r.status),
                    ),
                    r.stage ? REVIEW_STATE_LABEL[r.stage] : '—',
                    r.focalPointInstitution ?? '—',
                  ]),
                ),
              }),
        );
      },
    }),
  );
};
