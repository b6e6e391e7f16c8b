/**
 * The start page. State users and observers: the reviews they take part in, cycle by cycle, with
 * the next deadline and what is overdue. The secretariat: the cycles and a way to create one.
 */
import { h } from 'preact';
import type { Role } from '#shared/domain/types.ts';
import { formatList, t } from '../i18n/index.ts';
import { DEADLINE_LABEL, RELATION_LABEL, REVIEW_STATE_LABEL } from '../labels.ts';
import type { CycleView, DashboardEntry } from '../types.ts';
import { fmtDate, link, Show, Table, useApp, useLoad } from '../ui.ts';
import { taskItem } from './tasks.ts';

/**
 * One row per review. "Acknowledge the assignment" only to whoever can do it: the reviewing
 * State's focal point (experts and the secretariat see that it is awaited).
 */
export const reviewRows = (reviews: DashboardEntry[], role: Role) =>
  reviews.map((r) => [
    link(`/reviews/${r.reviewId}`, r.reviewedState, { 'data-review': r.reviewId }),
    r.reviewerStates.join(', ') || '—',
    RELATION_LABEL[r.relation] ?? r.relation,
    h('span', { class: `badge state-${r.state}`, 'data-state': r.state }, REVIEW_STATE_LABEL[r.state]),
    r.nextDeadline ? `${DEADLINE_LABEL[r.nextDeadline.kind]}: ${fmtDate(r.nextDeadline.due)}` : '—',
    r.overdue.length
      ? h(
          'strong',
          { class: 'overdue' },
          t('home.late', { kinds: formatList(r.overdue.map((k) => DEADLINE_LABEL[k])) }),
        )
      : t('home.onTime'),
    r.acknowledgementNeeded
      ? role === 'focal-point'
        ? h('strong', {}, t('home.acknowledge'))
        : t('home.acknowledgementAwaited')
      : r.unreadNotifications
        ? t('home.unread', { count: r.unreadNotifications })
        : '',
  ]);

/** Every task of the user across their reviews, soonest due first, each naming its review. */
const AllTasks = ({ per }: { per: HomeData['per'] }) => {
  const all = per
    .flatMap((p) => p.reviews.flatMap((r) => r.tasks.map((task) => ({ r, task }))))
    .sort((a, b) => (a.task.due ?? '9999').localeCompare(b.task.due ?? '9999'));
  return h(
    'section',
    { class: 'card tasks', 'aria-labelledby': 'all-tasks-h', 'data-testid': 'tasks' },
    h('h2', { id: 'all-tasks-h' }, t('tasks.title')),
    all.length
      ? h(
          'ol',
          {},
          ...all.map(({ r, task }) =>
            taskItem(r.reviewId, task, r.overdue, t('tasks.reviewOf', { state: r.reviewedState })),
          ),
        )
      : h('p', { class: 'muted' }, t('tasks.none')),
  );
};

interface HomeData {
  cycles: CycleView[];
  per: { cycle: CycleView; reviews: DashboardEntry[] }[];
}

export const HomeScreen = () => {
  const { api, session } = useApp();
  const load = useLoad(async (): Promise<HomeData> => {
    const { cycles } = await api.get<{ cycles: CycleView[] }>('/cycles');
    const drawn = cycles.filter((c) => c.confirmedDrawId);
    const per = await Promise.all(
      drawn.map(async (c) => ({
        cycle: c,
        reviews: (
          await api.get<{ reviews: DashboardEntry[] }>(`/me/reviews?cycleId=${encodeURIComponent(c.cycleId)}`)
        ).reviews,
      })),
    );
    return { cycles, per };
  }, []);
  const u = session.user;
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, u.role === 'secretariat' ? t('nav.dashboard') : t('nav.myReviews')),
    u.state ? h('p', { class: 'muted' }, t('home.actFor', { state: u.state })) : null,
    h(Show<HomeData>, {
      load,
      children: (data) => {
        const withReviews = data.per.filter((p) => p.reviews.length > 0);
        return [
          u.role === 'secretariat'
            ? h('p', {}, link('/cycles', t('nav.cycles')), t('home.cyclesHint'))
            : null,
          h(AllTasks, { per: withReviews }),
          withReviews.length === 0
            ? h('p', { class: 'empty' }, t('home.empty'))
            : withReviews.map((p) =>
                h(
                  'section',
                  { class: 'card' },
                  h('h2', {}, link(`/cycles/${p.cycle.cycleId}`, p.cycle.name)),
                  h(Table, {
                    caption: t('home.reviewsIn', { cycle: p.cycle.name }),
                    head: [
                      t('home.col.reviewed'),
                      t('home.col.reviewers'),
                      t('home.col.part'),
                      t('home.col.stage'),
                      t('home.col.next'),
                      t('home.col.deadlines'),
                      '',
                    ],
                    rows: reviewRows(p.reviews, u.role),
                    rowClass: (i) => (p.reviews[i]?.overdue.length ? 'row-overdue' : undefined),
                  }),
                ),
              ),
        ];
      },
    }),
  );
};
