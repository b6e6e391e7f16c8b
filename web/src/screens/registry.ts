/**
 * The registry of States parties: every fact with its source and date, filtered by regional group
 * and instrument; for the secretariat, the import of a UN Treaty Collection table (preview the
 * diff, then apply) and the registry's history.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { AuditEntry } from '#shared/domain/audit.ts';
import type { RegistryChange } from '#shared/domain/registry/diff.ts';
import type { UntcImportRecord } from '#shared/domain/registry/records.ts';
import { type FactSource, INSTRUMENTS, type Instrument, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { registryRoutes } from '#shared/http/routes/registry.ts';
import type { RegisteredState } from '../types.ts';
import { ActionButton, ErrorBox, Field, fmtDateTime, Show, Table, useApp, useLoad } from '../ui.ts';

type StatusRoute = Extract<(typeof registryRoutes)[number], { operationId: 'getRegistryStatus' }>;
type RegistryStatus = z.infer<StatusRoute['response']>;
type Participation = RegisteredState['participation'][Instrument];

const sourceText = (f: FactSource) =>
  f.source === null
    ? `unverified${f.note ? `: ${f.note}` : ''}`
    : `${f.source}${f.asOf ? `, as of ${f.asOf}` : ''}`;

const factText = (instrument: Instrument, p: Participation) =>
  p ? `${instrument}: ${p.action ?? 'party'}${p.date ? ` ${p.date}` : ''} (${sourceText(p)})` : '';

/** One line per instrument, unverified ones marked so they stand out. */
const ParticipationList = ({ participation }: { participation: RegisteredState['participation'] }) =>
  h(
    'ul',
    { class: 'participation' },
    ...INSTRUMENTS.filter((i) => participation[i]).map((i) =>
      h(
        'li',
        { class: participation[i]?.source === null ? 'unverified' : undefined },
        factText(i, participation[i]),
      ),
    ),
  );

const groupText = (s: RegisteredState) =>
  `${s.group ?? `none${s.drawGroup ? ` (draws with ${s.drawGroup})` : ''}`} (${sourceText(s.groupSource)})`;

const factShort = (f: RegistryChange['before']) =>
  f ? `${f.action ?? 'party'}${f.date ? ` ${f.date}` : ''} (${f.source ?? 'unverified'})` : 'not party';

/** Upload a table, see what it would change, apply it. */
const ImportPanel = ({ onApplied }: { onApplied: () => void }) => {
  const { api } = useApp();
  const [instrument, setInstrument] = useState<Instrument>('UNTOC');
  const [asOf, setAsOf] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<UntcImportRecord | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const format = file && /\.html?$/i.test(file.name) ? 'html' : 'csv';
  return h(
    'section',
    { 'aria-labelledby': 'untc-import' },
    h('h2', { id: 'untc-import' }, 'Import from the UN Treaty Collection'),
    h(
      'p',
      { class: 'hint' },
      'The participant table of MTDSG XVIII-12 (-a, -b, -c), saved as CSV or as the status page (HTML). The preview changes nothing.',
    ),
    h(
      'form',
      { class: 'filters', onSubmit: (e: Event) => e.preventDefault() },
      h(Field, {
        label: 'Instrument',
        children: (id) =>
          h(
            'select',
            {
              id,
              value: instrument,
              onChange: (e: Event) =>
                setInstrument((e.currentTarget as HTMLSelectElement).value as Instrument),
            },
            ...INSTRUMENTS.map((i) => h('option', { value: i }, i)),
          ),
      }),
      h(Field, {
        label: 'Table file',
        hint: 'CSV or HTML',
        children: (id, d) =>
          h('input', {
            id,
            type: 'file',
            accept: '.csv,.html,.htm',
            'aria-describedby': d,
            onChange: (e: Event) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setPreview(null);
              setResult(null);
            },
          }),
      }),
      h(Field, {
        label: 'As of (optional)',
        hint: 'default: the page’s status date, else the newest action in the table',
        children: (id, d) =>
          h('input', {
            id,
            type: 'date',
            value: asOf,
            'aria-describedby': d,
            onInput: (e: Event) => setAsOf((e.currentTarget as HTMLInputElement).value),
          }),
      }),
      h(ActionButton, {
        label: 'Preview the changes',
        disabled: file === null,
        run: async () => {
          if (!file) return;
          setResult(null);
          setPreview(
            await api.post<UntcImportRecord>('/registry/untc-imports', {
              instrument,
              format,
              content: await file.text(),
              fileName: file.name,
              ...(asOf ? { asOf } : {}),
            }),
          );
        },
      }),
    ),
    preview
      ? h(
          'div',
          { 'data-testid': 'import-preview' },
          h(
            'p',
            { role: 'status' },
            `${preview.source}, as of ${preview.asOf}: ${preview.diff.changes.length} changes, ${preview.diff.confirmed} parties confirmed, ${preview.diff.unknown.length} unknown names.`,
          ),
          preview.diff.unknown.length
            ? h(
                'p',
                { class: 'warning' },
                `Names that match no State (not imported): ${preview.diff.unknown.join('; ')}`,
              )
            : null,
          h(Table, {
            caption: 'Changes the import would make',
            head: ['Change', 'ISO3', 'Name', 'Before', 'After'],
            rows: preview.diff.changes.map((c) => [
              c.change,
              c.iso3,
              c.name,
              factShort(c.before),
              factShort(c.after),
            ]),
          }),
          preview.status === 'previewed'
            ? h(ActionButton, {
                label: `Apply ${preview.diff.changes.length} changes`,
                run: async () => {
                  const r = await api.post<{ written: number; registry: { asOf: string | null } }>(
                    `/registry/untc-imports/${preview.importId}/apply`,
                  );
                  setPreview({ ...preview, status: 'applied' });
                  setResult(
                    `Applied: ${r.written} entries written; registry as of ${r.registry.asOf ?? '—'}.`,
                  );
                  onApplied();
                },
              })
            : null,
          result ? h('p', { role: 'status' }, result) : null,
        )
      : null,
  );
};

const HistoryPanel = ({ tick }: { tick: number }) => {
  const { api } = useApp();
  const load = useLoad(() => api.get<{ entries: AuditEntry[] }>('/registry/history?limit=50'), [tick]);
  return h(
    'section',
    { 'aria-labelledby': 'registry-history' },
    h('h2', { id: 'registry-history' }, 'Registry history'),
    h(Show<{ entries: AuditEntry[] }>, {
      load,
      children: ({ entries }) =>
        h(Table, {
          caption: 'Latest changes to the registry',
          head: ['When', 'Who', 'What', 'Object', 'Import', 'Change'],
          rows: entries.map((e) => [
            fmtDateTime(e.at),
            `${e.actor} (${e.role})`,
            e.action,
            e.object,
            String(e.details?.importId ?? ''),
            String(e.details?.change ?? ''),
          ]),
        }),
    }),
  );
};

export const RegistryScreen = () => {
  const { api, session } = useApp();
  const [group, setGroup] = useState('');
  const [instrument, setInstrument] = useState('');
  const [onlyUnverified, setOnlyUnverified] = useState(false);
  const [tick, setTick] = useState(0);
  const isSecretariat = session.user.role === 'secretariat';
  const status = useLoad(() => api.get<RegistryStatus>('/registry'), [tick]);
  const load = useLoad(() => {
    const q = new URLSearchParams();
    if (group) q.set('group', group);
    if (instrument) q.set('instrument', instrument);
    return api.get<{ states: RegisteredState[] }>(`/states${q.size ? `?${q}` : ''}`);
  }, [group, instrument, tick]);
  const unverified = new Set(status.data?.unverified.map((f) => f.iso3) ?? []);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'States parties'),
    h(ErrorBox, { error: status.error }),
    status.data
      ? h(
          'p',
          { 'data-testid': 'registry-status' },
          `Registry as of ${status.data.asOf ?? '—'} (newest source) · digest ${status.data.digest.slice(0, 12)} · ${status.data.unverified.length} facts without a source ${status.data.organizations.length ? ` · organizations (never drawn): ${status.data.organizations.map((o) => `${o.name}: ${o.instruments.join(', ')}`).join('; ')}` : ''}`,
        )
      : null,
    h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
      h(Field, {
        label: 'Regional group',
        children: (id) =>
          h(
            'select',
            {
              id,
              value: group,
              onChange: (e: Event) => setGroup((e.currentTarget as HTMLSelectElement).value),
            },
            h('option', { value: '' }, 'All groups'),
            ...REGIONAL_GROUPS.map((g) => h('option', { value: g }, g)),
          ),
      }),
      h(Field, {
        label: 'Instrument',
        children: (id) =>
          h(
            'select',
            {
              id,
              value: instrument,
              onChange: (e: Event) => setInstrument((e.currentTarget as HTMLSelectElement).value),
            },
            h('option', { value: '' }, 'All instruments'),
            ...INSTRUMENTS.map((i) => h('option', { value: i }, i)),
          ),
      }),
      h(Field, {
        label: 'Only States with an unverified fact',
        children: (id) =>
          h('input', {
            id,
            type: 'checkbox',
            checked: onlyUnverified,
            onChange: (e: Event) => setOnlyUnverified((e.currentTarget as HTMLInputElement).checked),
          }),
      }),
    ),
    h(Show<{ states: RegisteredState[] }>, {
      load,
      children: ({ states }) => {
        const shown = onlyUnverified ? states.filter((s) => unverified.has(s.iso3)) : states;
        return [
          h('p', { role: 'status', 'data-testid': 'registry-count' }, `${shown.length} States parties`),
          h(Table, {
            caption: 'States parties, with the source and date of each fact',
            head: [
              'ISO3',
              'Name',
              'Regional group (source)',
              'Legal system',
              'Participation (action, date, source)',
              'Notes',
            ],
            rows: shown.map((s) => [
              s.iso3,
              s.name,
              groupText(s),
              s.legalSystem,
              h(ParticipationList, { participation: s.participation }),
              s.notes ?? '',
            ]),
          }),
        ];
      },
    }),
    isSecretariat ? h(ImportPanel, { onApplied: () => setTick((t) => t + 1) }) : null,
    isSecretariat ? h(HistoryPanel, { tick }) : null,
  );
};
