/**
 * Cycles and the drawing of lots (secretariat): create a cycle from a preset (publishing its seed
 * commitment), check supply against demand, draw, confirm, see the assignments as a table and by
 * regional group, verify the draw, redraw, and follow every review against its deadlines.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { DeadlineKind, ReviewState } from '#shared/domain/workflow.ts';
import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { DEADLINE_LABEL, REVIEW_STATE_LABEL } from '../labels.ts';
import type {
  Assignments,
  CycleView,
  DashboardEntry,
  DrawRecord,
  DryRun,
  OverdueResponse,
  Verification,
} from '../types.ts';
import {
  ActionButton,
  ErrorBox,
  errorsFor,
  Field,
  focusWhenShown,
  link,
  Show,
  StateName,
  Table,
  useApp,
  useLoad,
} from '../ui.ts';
import { CycleChanges, DrawHistoryView, setAsideText } from './cycle-changes.ts';
import { CreateCycleForm } from './cycle-form.ts';
import { reviewRows } from './home.ts';

const cycleStatus = (c: CycleView) =>
  c.withdrawn
    ? t('cycleChanges.status.withdrawn')
    : c.confirmedDrawId
      ? 'drawn (confirmed)'
      : c.proposedDrawId
        ? 'draw proposed'
        : 'seed committed';

export const CyclesScreen = () => {
  const { api, session, navigate } = useApp();
  const load = useLoad(() => api.get<{ cycles: CycleView[] }>('/cycles'), []);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'Review cycles'),
    h(Show<{ cycles: CycleView[] }>, {
      load,
      children: ({ cycles }) =>
        cycles.length === 0
          ? h('p', { class: 'empty' }, 'No cycle yet.')
          : h(Table, {
              caption: 'Cycles, newest first',
              head: ['Name', 'Mechanism', 'Year', 'States under review', 'Status'],
              rows: cycles.map((c) => [
                link(`/cycles/${c.cycleId}`, c.name),
                c.mechanism,
                c.year,
                c.underReview.length,
                cycleStatus(c),
              ]),
            }),
    }),
    session.user.role === 'secretariat'
      ? h(CreateCycleForm, { onCreated: (c) => navigate(`/cycles/${c.cycleId}`) })
      : null,
  );
};

const DryRunView = ({ report }: { report: DryRun }) =>
  h(
    'div',
    { class: 'card', 'data-testid': 'dry-run' },
    h('h3', {}, 'Check before drawing'),
    h(
      'p',
      { role: 'status' },
      `${report.statesUnderReview} States under review, ${report.seatsToFill} seats to fill: `,
      h(
        'strong',
        {},
        report.feasibleByCounts ? 'enough eligible reviewers.' : 'not enough eligible reviewers.',
      ),
    ),
    report.problems.length ? h('ul', {}, ...report.problems.map((p) => h('li', {}, p))) : null,
    report.excluded.length
      ? h('p', {}, `Excluded: ${report.excluded.map((e) => `${e.iso3} (${e.reason})`).join(', ')}`)
      : null,
  );

const AssignmentsView = ({ a }: { a: Assignments }) => {
  const groups = Object.entries(a.byGroup);
  const max = Math.max(1, ...groups.map(([, n]) => n));
  return h(
    'div',
    {},
    h(Table, {
      caption: 'Assignments by reviewed State',
      head: ['Reviewed State', 'Regional group', 'Instrument', 'Reviewing States'],
      rows: a.assignments.map((r) => [
        `${r.reviewedName} (${r.reviewed})`,
        r.group ?? '—',
        r.instrument,
        h(
          'ul',
          { class: 'plain' },
          ...r.reviewers.map((x) =>
            h('li', {}, `${x.name} (${x.iso3})`, h('span', { class: 'muted' }, ` · ${x.reason}`)),
          ),
        ),
      ]),
    }),
    h('h3', {}, 'By regional group of the reviewed State'),
    h(
      'ul',
      { class: 'bars', 'aria-label': 'Reviews by regional group' },
      ...groups.map(([g, n]) =>
        h(
          'li',
          {},
          h('span', { class: 'bar-label' }, g),
          h('span', { class: 'bar', style: { width: `${(n / max) * 100}%` }, 'aria-hidden': 'true' }),
          h('span', { class: 'bar-value' }, String(n)),
        ),
      ),
    ),
    h(Table, {
      caption: 'Load of each reviewing State',
      head: ['Reviewing State', 'Reviews'],
      rows: Object.entries(a.byReviewer).map(([iso3, list]) => [
        iso3,
        list.map((x) => `${x.reviewed} (${x.instruments.join(', ')})`).join('; '),
      ]),
    }),
  );
};

/**
 * The secretariat proposes a redraw of one reviewer: both States picked by name from the
 * assignments (the reviewed State, then one of its reviewing States), never typed as codes.
 */
const RedrawForm = ({
  cycle,
  assignments,
  onDone,
}: {
  cycle: CycleView;
  assignments: Assignments;
  onDone: (d: DrawRecord) => void;
}) => {
  const { api } = useApp();
  const reviewedStates = [
    ...new Map(assignments.assignments.map((r) => [r.reviewed, r.reviewedName])).entries(),
  ];
  const [reviewed, setReviewed] = useState(reviewedStates[0]?.[0] ?? '');
  const reviewers = [
    ...new Map(
      assignments.assignments
        .filter((r) => r.reviewed === reviewed)
        .flatMap((r) => r.reviewers.map((x) => [x.iso3, x.name] as const)),
    ).entries(),
  ];
  const [replace, setReplace] = useState('');
  const chosenReplace = reviewers.some(([iso3]) => iso3 === replace) ? replace : (reviewers[0]?.[0] ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      onDone(
        await api.post<DrawRecord>(`/cycles/${cycle.cycleId}/redraws`, {
          reviewed,
          reviewerToReplace: chosenReplace,
        }),
      );
    } catch (err) {
      setError(err);
    }
  };
  const picker = (
    label: string,
    field: string,
    value: string,
    options: [string, string][],
    set: (v: string) => void,
  ) =>
    h(Field, {
      label,
      errors: errorsFor(error, field),
      children: (id, d, invalid) =>
        h(
          'select',
          {
            id,
            value,
            'aria-describedby': d,
            'aria-invalid': invalid,
            onChange: (ev: Event) => set((ev.currentTarget as HTMLSelectElement).value),
          },
          ...options.map(([iso3, name]) => h('option', { value: iso3 }, `${name} (${iso3})`)),
        ),
    });
  return h(
    'form',
    { class: 'card', onSubmit: submit, 'aria-labelledby': 'redraw' },
    h('h3', { id: 'redraw' }, 'Redraw one reviewer'),
    picker('Reviewed State', 'reviewed', reviewed, reviewedStates, setReviewed),
    picker('Reviewer to replace', 'reviewerToReplace', chosenReplace, reviewers, setReplace),
    error && !(error instanceof ApiError && error.issues.length) ? h(ErrorBox, { error }) : null,
    h('button', { type: 'submit', class: 'secondary' }, 'Propose the redraw'),
  );
};

const ProposedDraw = ({ cycle, onConfirmed }: { cycle: CycleView; onConfirmed: () => void }) => {
  const { api } = useApp();
  const drawId = cycle.proposedDrawId ?? '';
  const load = useLoad(() => api.get<DrawRecord>(`/cycles/${cycle.cycleId}/draws/${drawId}`), [drawId]);
  return h(Show<DrawRecord>, {
    load,
    children: (d) =>
      h(
        'div',
        { class: 'card', 'data-testid': 'proposed-draw' },
        h('h3', {}, `Proposed draw ${d.drawId}`),
        h(
          'p',
          {},
          'Seed revealed: ',
          h('code', {}, d.reveal?.secret ?? d.seed),
          '. ',
          link(`/cycles/${cycle.cycleId}/draws/${d.drawId}`, 'Verify this draw'),
        ),
        h(Table, {
          caption: 'Proposed assignments',
          head: ['Reviewed State', 'Instrument', 'Reviewing States'],
          rows: d.assignments.map((a) => [
            a.reviewed,
            a.instrument,
            a.reviewers.map((r) => `${r.iso3} (${r.reason})`).join(', '),
          ]),
        }),
        h(ActionButton, {
          label: 'Confirm the draw and start the reviews',
          confirm:
            'Confirm this draw and start the reviews? This cannot be undone: afterwards a reviewer changes only through a redraw.',
          done: 'The draw is confirmed and the reviews have started.',
          run: async () => {
            await api.post(`/cycles/${cycle.cycleId}/draws/${d.drawId}/confirmation`);
            onConfirmed();
            focusWhenShown('#assignments');
          },
        }),
      ),
  });
};

const Progress = ({ cycle }: { cycle: CycleView }) => {
  const { api, session } = useApp();
  const load = useLoad(async () => {
    const { reviews } = await api.get<{ reviews: DashboardEntry[] }>(`/me/reviews?cycleId=${cycle.cycleId}`);
    const overdue =
      session.user.role === 'secretariat' || session.user.role === 'observer'
        ? await api.get<OverdueResponse>(`/cycles/${cycle.cycleId}/overdue`)
        : null;
    return { reviews, overdue };
  }, [cycle.cycleId]);
  return h(Show<{ reviews: DashboardEntry[]; overdue: OverdueResponse | null }>, {
    load,
    children: ({ reviews, overdue }) => [
      h(Table, {
        caption: 'Progress of every review against its deadlines',
        head: ['Reviewed State', 'Reviewing States', 'Your part', 'Stage', 'Next deadline', 'Deadlines', ''],
        rows: reviewRows(reviews, session.user.role),
        rowClass: (i) => (reviews[i]?.overdue.length ? 'row-overdue' : undefined),
      }),
      overdue?.reviews.length
        ? h(Table, {
            caption: `Late or incomplete as of ${overdue.asOf.slice(0, 10)}`,
            head: ['Review', 'Stage', 'Late steps', 'Unacknowledged', 'Contacts missing'],
            rows: overdue.reviews.map((r) => [
              link(`/reviews/${r.reviewId}`, r.reviewedState),
              REVIEW_STATE_LABEL[r.state as ReviewState] ?? r.state,
              r.overdue.length
                ? h(
                    'strong',
                    { class: 'overdue' },
                    r.overdue
                      .map(
                        (o) =>
                          `${DEADLINE_LABEL[o.kind as DeadlineKind] ?? o.kind} (${o.daysLate} days late)`,
                      )
                      .join(', '),
                  )
                : 'None',
              r.missingAcknowledgements.join(', ') || '—',
              r.missingContacts.join(', ') || '—',
            ]),
            // Red only where a step is late, not for a missing acknowledgement alone.
            rowClass: (i) => (overdue.reviews[i]?.overdue.length ? 'row-overdue' : undefined),
          })
        : h('p', { class: 'muted' }, 'Nothing is overdue.'),
    ],
  });
};

export const CycleScreen = ({ cycleId }: { cycleId: string; tab: string }) => {
  const { api, session } = useApp();
  const secretariat = session.user.role === 'secretariat';
  const load = useLoad(() => api.get<CycleView>(`/cycles/${cycleId}`), [cycleId]);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const assignments = useLoad(
    async () => (load.data?.confirmedDrawId ? api.get<Assignments>(`/cycles/${cycleId}/assignments`) : null),
    [cycleId, load.data?.confirmedDrawId],
  );
  return h(Show<CycleView>, {
    load,
    children: (c) => [
      h('h1', { tabIndex: -1 }, c.name),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Mechanism'),
        h('dd', {}, `${c.mechanism} · ${c.year} · ${c.instruments.join(', ')}`),
        h('dt', {}, 'States under review'),
        h('dd', {}, ...c.underReview.flatMap((iso3, i) => [i ? ', ' : '', h(StateName, { iso3 })])),
        h('dt', {}, 'Seed commitment (SHA-256)'),
        h('dd', {}, h('code', { 'data-testid': 'commitment' }, c.commitment)),
        c.secret ? h('dt', {}, 'Revealed secret') : null,
        c.secret ? h('dd', {}, h('code', {}, c.secret)) : null,
        h('dt', {}, 'Status'),
        h('dd', { 'data-testid': 'cycle-status' }, cycleStatus(c)),
        c.withdrawn ? h('dt', {}, t('cycleChanges.withdrawnLabel')) : null,
        c.withdrawn ? h('dd', { 'data-testid': 'cycle-withdrawn' }, setAsideText(c.withdrawn)) : null,
      ),
      secretariat ? h(CycleChanges, { cycle: c, onChanged: load.reload }) : null,
      secretariat && !c.confirmedDrawId && !c.withdrawn
        ? h(
            'div',
            { class: 'actions' },
            h(ActionButton, {
              label: 'Check supply and demand',
              kind: 'secondary',
              run: async () => setDryRun(await api.post<DryRun>(`/cycles/${cycleId}/dry-run`)),
            }),
            c.proposedDrawId
              ? null
              : h(ActionButton, {
                  label: 'Run the draw',
                  done: 'The draw is proposed: check it below, then confirm it.',
                  run: async () => {
                    await api.post(`/cycles/${cycleId}/draws`);
                    load.reload();
                    focusWhenShown('[data-testid="proposed-draw"] h3');
                  },
                }),
          )
        : null,
      dryRun ? h(DryRunView, { report: dryRun }) : null,
      c.proposedDrawId && c.proposedDrawId !== c.confirmedDrawId && secretariat
        ? h(ProposedDraw, { cycle: c, onConfirmed: load.reload })
        : null,
      c.revealed ? h(DrawHistoryView, { cycle: c }) : null,
      c.confirmedDrawId
        ? h(
            'section',
            { 'aria-labelledby': 'assignments' },
            h('h2', { id: 'assignments' }, 'Assignments'),
            h(
              'p',
              {},
              link(`/cycles/${cycleId}/draws/${c.confirmedDrawId}`, 'Verify the draw', {
                'data-testid': 'verify-link',
              }),
            ),
            h(Show<Assignments | null>, {
              load: assignments,
              children: (a) =>
                a
                  ? [
                      h(AssignmentsView, { a }),
                      secretariat
                        ? h(RedrawForm, { cycle: c, assignments: a, onDone: () => load.reload() })
                        : null,
                    ]
                  : null,
            }),
            h('h2', {}, 'Progress'),
            h(Progress, { cycle: c }),
          )
        : null,
    ],
  });
};

export const DrawScreen = ({ cycleId, drawId }: { cycleId: string; drawId: string }) => {
  const { api } = useApp();
  const load = useLoad(
    async () => ({
      record: await api.get<DrawRecord>(`/cycles/${cycleId}/draws/${drawId}`),
      verification: await api.get<Verification>(`/cycles/${cycleId}/draws/${drawId}/verification`),
    }),
    [cycleId, drawId],
  );
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, `Verification of draw ${drawId}`),
    h('p', {}, link(`/cycles/${cycleId}`, '← Back to the cycle')),
    h(Show<{ record: DrawRecord; verification: Verification }>, {
      load,
      children: ({ record, verification }) => [
        h(
          'p',
          { class: verification.ok ? 'ok' : 'error', role: 'status', 'data-testid': 'verification' },
          verification.ok
            ? 'Verified: recomputing the draw from its record alone gives the same result.'
            : `Not verified: ${verification.firstDifference ?? 'the recomputed draw differs'}`,
        ),
        verification.discarded
          ? h(
              'p',
              { class: 'notice-discarded', 'data-testid': 'draw-discarded' },
              t('drawHistory.discardedNotice', { what: setAsideText(verification.discarded) }),
            )
          : null,
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Algorithm'),
          h('dd', {}, record.algorithmVersion),
          h('dt', {}, 'Status'),
          h('dd', {}, record.status),
          h('dt', {}, 'Input digest'),
          h('dd', {}, h('code', {}, record.inputDigest)),
          h('dt', {}, 'Seed'),
          h('dd', {}, h('code', {}, record.seed)),
          h('dt', {}, 'Commitment'),
          h('dd', {}, h('code', {}, record.reveal?.commitment ?? '—')),
          h('dt', {}, 'Revealed secret'),
          h('dd', {}, h('code', {}, record.reveal?.secret ?? '—')),
          h('dt', {}, 'Record digest'),
          h('dd', {}, h('code', {}, record.recordDigest)),
          h('dt', {}, 'Largest load'),
          h('dd', {}, String(record.maxLoad)),
        ),
        h(
          'p',
          {},
          h(
            'a',
            {
              href: URL.createObjectURL(
                new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }),
              ),
              download: `draw-${drawId}.json`,
            },
            'Download the draw record (JSON) to verify offline with npm run draw:verify',
          ),
        ),
      ],
    }),
  );
};
