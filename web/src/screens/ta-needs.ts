/**
 * Secretariat › Technical assistance: every agreed technical-assistance need of a final list of
 * observations, with what the secretariat recorded (status, kind of help, provider, dated notes).
 * Filters by State, article, instrument, cycle and status; the CSV carries the same filter. The
 * list is the secretariat's alone (`ta-needs.manage`): the server refuses anyone else, and the
 * navigation offers it to the secretariat only.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { type TaNeed, TaStatusSchema } from '#shared/domain/ta-needs.ts';
import { INSTRUMENTS, type Instrument } from '#shared/domain/types.ts';
import { t } from '../i18n/index.ts';
import type { CycleView } from '../types.ts';
import {
  ActionButton,
  ErrorBox,
  Field,
  fmtDate,
  iso3Of,
  Show,
  StatePicker,
  saveBlob,
  Table,
  useApp,
  useLoad,
  useStateNames,
} from '../ui.ts';

type Status = TaNeed['status'];
const STATUSES = TaStatusSchema.options;

/** Literal keys, so the catalog check sees each one used. */
const STATUS_KEY = {
  open: 'ta.status.open',
  'being-discussed': 'ta.status.being-discussed',
  matched: 'ta.status.matched',
  delivered: 'ta.status.delivered',
  closed: 'ta.status.closed',
} as const satisfies Record<Status, string>;
const statusLabel = (s: Status): string => t(STATUS_KEY[s]);

interface Filter {
  state: string;
  article: string;
  instrument: Instrument | '';
  cycleId: string;
  status: Status | '';
}

/** The list's address with the filter (empty fields left out). */
export const taNeedsQuery = (f: Filter, format: 'json' | 'csv' = 'json'): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (format === 'csv') q.set('format', 'csv');
  const s = q.toString();
  return s ? `/ta-needs?${s}` : '/ta-needs';
};

interface List {
  needs: TaNeed[];
  byStatus: Record<Status, number>;
}

const Choice = <T extends string>(p: {
  label: string;
  value: T | '';
  options: readonly T[];
  all: string;
  name?: (v: T) => string;
  set: (v: T | '') => void;
}) =>
  h(Field, {
    label: p.label,
    children: (id) =>
      h(
        'select',
        {
          id,
          value: p.value,
          onChange: (e: Event) => p.set((e.currentTarget as HTMLSelectElement).value as T),
        },
        h('option', { value: '' }, p.all),
        ...p.options.map((o) => h('option', { value: o }, p.name ? p.name(o) : o)),
      ),
  });

/** What the secretariat records about one need: conditional on the version it read. */
const UpdateForm = ({ need, reload }: { need: TaNeed; reload: () => void }) => {
  const { api } = useApp();
  const [status, setStatus] = useState<Status>(need.status);
  const [help, setHelp] = useState(need.help ?? '');
  const [provider, setProvider] = useState(need.provider ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const changes = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (status !== need.status) out.status = status;
    if (help.trim() !== (need.help ?? '')) out.help = help.trim() || null;
    if (provider.trim() !== (need.provider ?? '')) out.provider = provider.trim() || null;
    if (note.trim()) out.note = note.trim();
    return out;
  };
  const field = (label: string, value: string, set: (v: string) => void, multiline = false) =>
    h(Field, {
      label,
      children: (id) =>
        h(multiline ? 'textarea' : 'input', {
          id,
          value,
          onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
        }),
    });
  return h(
    'details',
    { class: 'ta-update' },
    h('summary', {}, t('ta.edit.summary')),
    h(
      'form',
      {
        'aria-label': t('ta.edit.label', { article: need.article, state: need.stateName }),
        onSubmit: async (e: Event) => {
          e.preventDefault();
          const body = changes();
          if (Object.keys(body).length === 0) return;
          try {
            await api.patch(`/ta-needs/${need.reviewId}/${need.observationId}`, body, {
              headers: { 'if-match': String(need.version) },
            });
            setError(null);
            setNote('');
            setSaved(true);
            reload();
          } catch (err) {
            setSaved(false);
            setError(err);
          }
        },
      },
      h(Choice<Status>, {
        label: t('ta.col.status'),
        value: status,
        options: STATUSES,
        all: '',
        name: statusLabel,
        set: (v) => v && setStatus(v),
      }),
      field(t('ta.edit.help'), help, setHelp),
      field(t('ta.edit.provider'), provider, setProvider),
      field(t('ta.edit.note'), note, setNote, true),
      h('button', { type: 'submit' }, t('ta.edit.save')),
      saved ? h('p', { role: 'status' }, t('ta.edit.saved')) : null,
      h(ErrorBox, { error }),
    ),
  );
};

export const TaNeedsScreen = () => {
  const { api } = useApp();
  const { states } = useStateNames();
  const [f, setF] = useState<Filter>({ state: '', article: '', instrument: '', cycleId: '', status: '' });
  const [stateText, setStateText] = useState('');
  const [articleText, setArticleText] = useState('');
  const set = (patch: Partial<Filter>) => setF((old) => ({ ...old, ...patch }));
  const cycles = useLoad(() => api.get<{ cycles: CycleView[] }>('/cycles'), []);
  const path = taNeedsQuery(f);
  const list = useLoad(() => api.get<List>(path), [path]);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, t('ta.title')),
    h('p', { class: 'muted' }, t('ta.intro')),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        onSubmit: (e: Event) => {
          e.preventDefault();
          set({ state: iso3Of(stateText, states), article: articleText.trim() });
        },
      },
      h(Field, {
        label: t('ta.filter.state'),
        children: (id, d) =>
          StatePicker({ id, value: stateText, states, onChange: setStateText, describedBy: d }),
      }),
      h(Field, {
        label: t('ta.filter.article'),
        hint: t('ta.filter.articleHint'),
        children: (id, d) =>
          h('input', {
            id,
            value: articleText,
            'aria-describedby': d,
            onInput: (e: Event) => setArticleText((e.currentTarget as HTMLInputElement).value),
          }),
      }),
      h(Choice<Instrument>, {
        label: t('ta.filter.instrument'),
        value: f.instrument,
        options: INSTRUMENTS,
        all: t('ta.filter.allInstruments'),
        set: (instrument) => set({ instrument }),
      }),
      h(Choice<string>, {
        label: t('ta.filter.cycle'),
        value: f.cycleId,
        options: (cycles.data?.cycles ?? []).map((c) => c.cycleId),
        all: t('ta.filter.allCycles'),
        set: (cycleId) => set({ cycleId }),
      }),
      h(Choice<Status>, {
        label: t('ta.col.status'),
        value: f.status,
        options: STATUSES,
        all: t('ta.filter.allStatuses'),
        name: statusLabel,
        set: (status) => set({ status }),
      }),
      h('button', { type: 'submit' }, t('ta.filter.apply')),
    ),
    h(
      'div',
      { class: 'actions' },
      h(ActionButton, {
        label: t('ta.download'),
        kind: 'secondary',
        run: async () =>
          saveBlob(new Blob([await api.text(taNeedsQuery(f, 'csv'))], { type: 'text/csv' }), 'ta-needs.csv'),
      }),
    ),
    h(Show<List>, {
      load: list,
      children: (l) => [
        h(
          'dl',
          { class: 'counts', 'aria-label': t('ta.counts'), 'data-testid': 'ta-counts' },
          h('div', {}, h('dt', {}, t('ta.total')), h('dd', {}, String(l.needs.length))),
          ...STATUSES.map((s) =>
            h('div', { 'data-status': s }, h('dt', {}, statusLabel(s)), h('dd', {}, String(l.byStatus[s]))),
          ),
        ),
        l.needs.length === 0
          ? h('p', { class: 'empty' }, t('ta.empty'))
          : h(Table, {
              caption: t('ta.table'),
              head: [
                t('ta.filter.state'),
                t('ta.filter.cycle'),
                t('ta.filter.article'),
                t('ta.col.need'),
                t('ta.col.status'),
                t('ta.edit.help'),
                t('ta.edit.provider'),
                t('ta.col.notes'),
                t('ta.col.update'),
              ],
              rows: l.needs.map((n) => [
                `${n.stateName} (${n.state})`,
                n.cycleId,
                n.article,
                h('span', { dir: 'auto' }, n.text),
                h('span', { class: 'badge', 'data-ta-status': n.status }, statusLabel(n.status)),
                n.help ?? '—',
                n.provider ?? '—',
                n.notes.length === 0
                  ? '—'
                  : h(
                      'ul',
                      {},
                      ...n.notes.map((x) => h('li', { dir: 'auto' }, `${fmtDate(x.at)}: ${x.text}`)),
                    ),
                h(UpdateForm, {
                  key: `${n.reviewId}/${n.observationId}@${n.version}`,
                  need: n,
                  reload: list.reload,
                }),
              ]),
            }),
      ],
    }),
  );
};
