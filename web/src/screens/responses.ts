/**
 * Response report: how the States of a country set answered a questionnaire — completion, gaps
 * (ranked, by the four Ps and SDG targets), answers per question and the change against an
 * earlier version or cycle. Filters by instrument, set, cycle, comparison and deadline. What is
 * named or suppressed is decided by the API; the page says which view the reader has.
 * Downloads: CSV, XLSX and the printable HTML report.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { CountrySet } from '#shared/domain/response-report/country-sets.ts';
import type { FollowUpSection } from '#shared/domain/response-report/follow-ups.ts';
import { type Cell, cellText } from '#shared/domain/response-report/protect.ts';
import type { ResponseReport } from '#shared/domain/response-report/report.ts';
import { INSTRUMENTS, type Instrument } from '#shared/domain/types.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { CycleView } from '../types.ts';
import { ActionButton, ErrorBox, Field, fmtDate, Show, saveBlob, Table, useApp, useLoad } from '../ui.ts';
import { FollowUpStatuses } from './responses-follow-ups.ts';

type Report = ResponseReport & {
  set: { id: string | null; name: string };
  asOf: string | null;
  cycleId: string | null;
  followUps?: FollowUpSection;
};

interface Filter {
  instrument: Instrument;
  set: string;
  cycleId: string;
  compareTo: string;
  deadline: string;
}

const pathOf = (f: Filter, format: string): string => {
  const q = new URLSearchParams({ instrument: f.instrument, set: f.set, format });
  if (f.cycleId) q.set('cycleId', f.cycleId);
  if (f.compareTo) q.set('compareTo', f.compareTo);
  if (f.deadline) q.set('deadline', `${f.deadline}T00:00:00.000Z`);
  // The printable page and the PDF in the interface language (their own words; data unchanged).
  if ((format === 'html' || format === 'pdf') && currentLanguage() !== 'en') q.set('lang', currentLanguage());
  return `/reports/responses?${q}`;
};

const pct = (share: number | null): string => (share === null ? 'withheld' : `${Math.round(share * 100)}%`);
const cell = (c: Cell | undefined): string => (c === undefined ? '' : cellText(c));

/** yes / partly / no as a bar; grey with the published figures when any is withheld. */
const Bar = ({
  counts,
  answered,
}: {
  counts: ResponseReport['questions'][number]['counts'];
  answered: number;
}) => {
  const parts = (['yes', 'partly', 'no'] as const).map((o) => [o, counts[o]] as const);
  const exact = parts.every(([, c]) => typeof c === 'number');
  const label = parts.map(([o, c]) => `${o} ${cell(c)}`).join(' · ');
  return h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': label, title: label },
    exact && answered > 0
      ? parts.map(([o, c]) =>
          h('span', { class: `bar-${o}`, style: { width: `${((c as number) / answered) * 100}%` } }),
        )
      : h('span', { class: 'bar-withheld', style: { width: '100%' } }),
  );
};

const select = (
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
  set: (v: string) => void,
) =>
  h(Field, {
    label,
    children: (id) =>
      h(
        'select',
        { id, value, onChange: (e: Event) => set((e.currentTarget as HTMLSelectElement).value) },
        ...options.map(([v, text]) => h('option', { value: v }, text)),
      ),
  });

/**
 * A focal point of a member State shares (or stops sharing) its named answers with the set's
 * other States: PUT /country-sets/{id}/consents/{iso3}; the report reloads with the new view.
 */
const Consent = ({ setId, iso3, onChange }: { setId: string; iso3: string; onChange: () => void }) => {
  const { api } = useApp();
  const [rev, setRev] = useState(0);
  const current = useLoad(
    () =>
      api.get<{ members: string[]; consents: { iso3: string; share: boolean }[] }>(`/country-sets/${setId}`),
    [setId, rev],
  );
  if (!current.data?.members.includes(iso3)) return null;
  const shares = current.data.consents.some((c) => c.iso3 === iso3 && c.share);
  return h(
    'div',
    { class: 'consent', 'data-testid': 'consent' },
    h(
      'span',
      {},
      shares
        ? `${iso3} shares its answers by name with the States of this set. `
        : `${iso3} does not share its answers by name with this set. `,
    ),
    h(ActionButton, {
      label: shares ? 'Withdraw consent' : 'Share our answers with this set',
      kind: 'secondary',
      run: async () => {
        await api.put(`/country-sets/${setId}/consents/${iso3}`, { share: !shares });
        setRev((n) => n + 1);
        onChange();
      },
    }),
  );
};

export const ResponsesScreen = () => {
  const { api, session } = useApp();
  const [reload, setReload] = useState(0);
  const [f, setF] = useState<Filter>({
    instrument: 'TIP',
    set: 'rcm',
    cycleId: '',
    compareTo: '',
    deadline: '',
  });
  const set = (patch: Partial<Filter>) => setF((old) => ({ ...old, ...patch }));
  const sets = useLoad(() => api.get<{ sets: CountrySet[] }>('/country-sets'), []);
  const cycles = useLoad(() => api.get<{ cycles: CycleView[] }>('/cycles'), []);
  const path = pathOf(f, 'json');
  const report = useLoad(() => api.get<Report>(path), [path, reload]);
  const me = session.user;
  const cycleOptions = (cycles.data?.cycles ?? []).map((c) => [c.cycleId, c.name] as const);
  const download = (format: 'csv' | 'xlsx' | 'html' | 'pdf', label: string) =>
    h(ActionButton, {
      label,
      kind: 'secondary',
      run: async () =>
        saveBlob(await api.blob(pathOf(f, format)), `responses-${f.instrument}-${f.set}.${format}`),
    });
  return h(
    'section',
    { class: 'responses' },
    h('h1', { tabIndex: -1 }, 'Response report'),
    h(
      'p',
      { class: 'muted' },
      'How the States of a set answered the self-assessment, and where the gaps are.',
    ),
    h(ErrorBox, { error: sets.error ?? cycles.error }),
    h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
      select(
        'Instrument',
        f.instrument,
        INSTRUMENTS.map((i) => [i, i] as const),
        (v) => set({ instrument: v as Instrument }),
      ),
      select(
        'Country set',
        f.set,
        (sets.data?.sets ?? []).map((s) => [s.id, s.names.en ?? s.id] as const),
        (v) => set({ set: v }),
      ),
      select('Cycle', f.cycleId, [['', 'Latest version of each State'], ...cycleOptions], (v) =>
        set({ cycleId: v }),
      ),
      select(
        'Compare with',
        f.compareTo,
        [['', 'No comparison'], ['previous-version', 'Previous version'], ...cycleOptions],
        (v) => set({ compareTo: v }),
      ),
      h(Field, {
        label: 'Complete by',
        children: (id) =>
          h('input', {
            id,
            type: 'date',
            value: f.deadline,
            onChange: (e: Event) => set({ deadline: (e.currentTarget as HTMLInputElement).value }),
          }),
      }),
    ),
    me.role === 'focal-point' && me.state
      ? h(Consent, { setId: f.set, iso3: me.state, onChange: () => setReload((n) => n + 1) })
      : null,
    h(
      'div',
      { class: 'actions' },
      download('csv', 'Download CSV'),
      download('xlsx', 'Download XLSX'),
      download('pdf', 'Download PDF'),
      download('html', 'Printable report'),
    ),
    h(Show<Report>, {
      load: report,
      children: (r) => {
        const moves = r.questions.flatMap((q) =>
          (q.change?.moves ?? []).map((m) => ({ ...m, questionId: q.questionId })),
        );
        return [
          h(
            'p',
            { role: 'status', 'data-testid': 'responses-summary' },
            `${r.set.name}: ${r.submitted} of ${r.members} States submitted`,
            r.asOf ? ` (counted as of ${fmtDate(r.asOf)})` : '',
            r.compareTo
              ? ` · compared with ${r.compareTo === 'previous-version' ? 'the previous version' : r.compareTo}`
              : '',
          ),
          h(
            'p',
            { class: r.named === 'all' ? 'notice' : 'notice warn', 'data-testid': 'responses-scope' },
            r.named === 'all'
              ? 'You see every State’s answers by name.'
              : r.named === 'some'
                ? `You see some States by name (your own, or States that consented to share with this set). Counts that could reveal the others are withheld; below ${r.threshold} they read “fewer than ${r.threshold}”.`
                : `Aggregates only: no State is named. Counts below ${r.threshold} read “fewer than ${r.threshold}”, and other counts are withheld where they would reveal them.`,
          ),
          h(Table, {
            caption: 'Completion',
            head: ['State', 'Submitted', 'Version', 'Due', 'On time'],
            rows: r.states.map((s) => [
              s.name,
              s.submitted ? fmtDate(s.submittedAt) : 'not submitted',
              s.version ?? '—',
              fmtDate(s.due),
              s.onTime === null ? '—' : s.onTime ? 'yes' : 'late',
            ]),
            rowClass: (i) => (r.states[i]?.submitted ? undefined : 'missing'),
          }),
          h(Table, {
            caption: 'Gaps: questions with the most “no” and “partly” answers',
            head: [
              'Question',
              'Article',
              'Answers',
              'No',
              'Partly',
              'Share',
              ...(r.named === 'none' ? [] : ['States']),
            ],
            rows: r.gaps.questions
              .slice(0, 10)
              .map((g) => [
                g.questionId,
                g.article,
                g.answered,
                cellText(g.no),
                cellText(g.partly),
                pct(g.gapShare),
                ...(r.named === 'none' ? [] : [g.states.map((s) => `${s.iso3} (${s.answer})`).join(', ')]),
              ]),
          }),
          h(
            'div',
            { class: 'columns' },
            h(Table, {
              caption: 'Gaps by the four Ps',
              head: ['Lens', 'Answers', 'No/partly'],
              rows: r.gaps.byFourP.map((g) => [g.fourP, g.answered, pct(g.gapShare)]),
            }),
            h(Table, {
              caption: 'Gaps by SDG target',
              head: ['Target', 'Answers', 'No/partly'],
              rows: r.gaps.bySdg.map((g) => [g.target, g.answered, pct(g.gapShare)]),
            }),
          ),
          r.compareTo
            ? moves.length === 0
              ? h('p', { class: 'empty' }, 'No answer of a State you see by name moved.')
              : h(Table, {
                  caption: 'Change: answers that moved',
                  head: ['Question', 'State', 'From', 'To'],
                  rows: moves.map((m) => [m.questionId, m.iso3, m.from, m.to]),
                })
            : null,
          r.followUps ? h(FollowUpStatuses, { section: r.followUps }) : null,
          h(Table, {
            caption: 'Answers per question',
            head: [
              'Question',
              'Article',
              'Answers',
              'Yes',
              'Partly',
              'No',
              '',
              ...(r.compareTo ? ['Before (yes/partly/no)'] : []),
            ],
            rows: r.questions
              .filter((q) => q.type === 'yes-no-partly')
              .map((q) => [
                q.questionId,
                q.article,
                q.answered,
                cell(q.counts.yes),
                cell(q.counts.partly),
                cell(q.counts.no),
                h(Bar, { counts: q.counts, answered: q.answered }),
                ...(r.compareTo
                  ? [
                      q.change
                        ? `${cell(q.change.before.yes)} / ${cell(q.change.before.partly)} / ${cell(q.change.before.no)}`
                        : '',
                    ]
                  : []),
              ]),
          }),
        ];
      },
    }),
  );
};
