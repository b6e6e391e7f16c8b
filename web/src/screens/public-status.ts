/**
 * Where every review stands (no sign-in): counts like the ones UNODC publishes, then each State
 * party with its status per cycle (a cluster's phase) and the stage of a review in progress.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { REVIEW_STATE_LABEL } from '../labels.ts';
import type { PublicReviewStatus } from '../types.ts';
import { Field, Show, Table, useLoad } from '../ui.ts';

const PUBLIC_STATUS_LABEL = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
  'summary-published': 'Summary published',
} as const;
type Status = keyof typeof PUBLIC_STATUS_LABEL;
const STATUSES = Object.keys(PUBLIC_STATUS_LABEL) as Status[];

const Counts = ({ counts, label }: { counts: PublicReviewStatus['counts']; label: string }) =>
  h(
    'dl',
    { class: 'counts', 'aria-label': label, 'data-testid': 'status-counts' },
    h('div', {}, h('dt', {}, 'Reviews'), h('dd', {}, String(counts.total))),
    ...STATUSES.map((s) =>
      h('div', { 'data-status': s }, h('dt', {}, PUBLIC_STATUS_LABEL[s]), h('dd', {}, String(counts[s]))),
    ),
  );

export const PublicStatusScreen = ({ api }: { api: Api }) => {
  const [filter, setFilter] = useState('');
  const load = useLoad(() => api.get<PublicReviewStatus>('/public/review-status'), []);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'Where every review stands'),
    h(
      'p',
      {},
      'Each State party with the status of its review in every cycle it is under review in, updated live from the review workflow. Institutions are shown where the State chose to show them.',
    ),
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
          h(Counts, { counts: page.counts, label: 'Reviews in every cycle' }),
          h(Table, {
            caption: 'Reviews per cycle',
            head: ['Cycle', 'Year', 'Reviews', ...STATUSES.map((s) => PUBLIC_STATUS_LABEL[s])],
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
              label: 'State',
              hint: 'Part of a name or an ISO3 code.',
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
            ? h('p', { class: 'empty' }, 'No State under review matches.')
            : h(Table, {
                caption: 'Status per State and cycle',
                head: ['State', 'Regional group', 'Cycle', 'Status', 'Stage', 'Focal point institution'],
                rows: states.flatMap((s) =>
                  s.reviews.map((r) => [
                    `${s.name} (${s.iso3})`,
                    s.group ?? 'none',
                    page.cycles.find((c) => c.cycleId === r.cycleId)?.name ?? r.cycleId,
                    h(
                      'span',
                      { class: `badge status-${r.status}`, 'data-status': r.status },
                      PUBLIC_STATUS_LABEL[r.status],
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
