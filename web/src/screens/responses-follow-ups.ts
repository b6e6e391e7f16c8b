/**
 * The response report's follow-up section: the agreed statuses of earlier observations in the
 * counted States' reviews, overall and per article (protected counts read "fewer than N" or
 * "suppressed"), and each observation with its status for the States the reader sees by name.
 */
import { h } from 'preact';
import type { FollowUpSection } from '#shared/domain/response-report/follow-ups.ts';
import { type Cell, cellText } from '#shared/domain/response-report/protect.ts';
import { t } from '../i18n/index.ts';
import { Table } from '../ui.ts';

const cell = (c: Cell | undefined): string => (c === undefined ? '0' : cellText(c));

export const FollowUpStatuses = ({ section }: { section: FollowUpSection }) => {
  const label = (id: string) => section.statuses.find((s) => s.id === id)?.label ?? id;
  const head = section.statuses.map((s) => s.label);
  return h(
    'section',
    { 'aria-labelledby': 'rr-fu', 'data-testid': 'responses-follow-ups' },
    h('h2', { id: 'rr-fu' }, t('responses.followUps.title')),
    section.total === 0
      ? h('p', { class: 'empty' }, t('responses.followUps.none'))
      : [
          h(Table, {
            caption: t('responses.followUps.byArticle'),
            head: [t('responses.followUps.article'), t('responses.followUps.total'), ...head],
            rows: [
              ...section.byArticle.map((a) => [
                a.article,
                a.total,
                ...section.statuses.map((s) => cell(a.counts[s.id])),
              ]),
              [
                t('responses.followUps.all'),
                section.total,
                ...section.statuses.map((s) => cell(section.counts[s.id])),
              ],
            ],
          }),
          section.items.length === 0
            ? h('p', { class: 'muted' }, t('responses.followUps.noneNamed'))
            : h(Table, {
                caption: t('responses.followUps.items'),
                head: [
                  t('responses.followUps.state'),
                  t('responses.followUps.article'),
                  t('responses.followUps.observation'),
                  t('responses.followUps.status'),
                ],
                rows: section.items.map((i) => [
                  i.iso3,
                  i.article,
                  h('span', { dir: 'auto' }, i.text),
                  h('span', { 'data-follow-up-status': i.status }, label(i.status)),
                ]),
              }),
        ],
  );
};
