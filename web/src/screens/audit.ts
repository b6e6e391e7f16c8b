/**
 * Review › Audit log (secretariat): every entry of the review's log (all pages), filtered by
 * action, person and period, and downloaded as CSV with the same filter.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { AuditPage } from '../types.ts';
import { Field, fmtDateTime, Show, saveBlob, Table, useApp, useLoad } from '../ui.ts';

type Entry = AuditPage['entries'][number];

/** Reads every page of the log (100 entries a page, following the cursor). */
const loadAll = async (get: (path: string) => Promise<AuditPage>, base: string): Promise<Entry[]> => {
  const out: Entry[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(`${base}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

interface Filter {
  action: string;
  actor: string;
  from: string;
  to: string;
}

const matches = (e: Entry, f: Filter): boolean =>
  (!f.action || e.action === f.action) &&
  (!f.actor || e.actor === f.actor) &&
  // Days as chosen in the user's time zone, compared as instants.
  (!f.from || Date.parse(e.at) >= new Date(`${f.from}T00:00:00`).getTime()) &&
  (!f.to || Date.parse(e.at) <= new Date(`${f.to}T23:59:59.999`).getTime());

const csvCell = (v: unknown): string => {
  const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const toCsv = (entries: readonly Entry[]): string =>
  [
    'at,actor,role,action,object,version,details',
    ...entries.map((e) =>
      [e.at, e.actor, e.role, e.action, e.object, e.version, e.details].map(csvCell).join(','),
    ),
  ].join('\n');

const choice = (label: string, value: string, options: string[], all: string, set: (v: string) => void) =>
  h(Field, {
    label,
    children: (id) =>
      h(
        'select',
        { id, value, onChange: (e: Event) => set((e.currentTarget as HTMLSelectElement).value) },
        h('option', { value: '' }, all),
        ...options.map((o) => h('option', { value: o }, o)),
      ),
  });

const day = (label: string, value: string, set: (v: string) => void) =>
  h(Field, {
    label,
    children: (id) =>
      h('input', {
        id,
        type: 'date',
        value,
        onInput: (e: Event) => set((e.currentTarget as HTMLInputElement).value),
      }),
  });

export const AuditLog = ({ reviewId }: { reviewId: string }) => {
  const { api } = useApp();
  const load = useLoad(() => loadAll((p) => api.get<AuditPage>(p), `/reviews/${reviewId}/audit`), [reviewId]);
  const [f, setF] = useState<Filter>({ action: '', actor: '', from: '', to: '' });
  return h(Show<Entry[]>, {
    load,
    children: (all) => {
      const shown = all.filter((e) => matches(e, f));
      const distinct = (k: 'action' | 'actor') => [...new Set(all.map((e) => e[k]))].sort();
      return [
        h(
          'form',
          {
            class: 'filters row',
            'aria-label': t('audit.filter'),
            onSubmit: (e: Event) => e.preventDefault(),
          },
          choice(t('audit.action'), f.action, distinct('action'), t('audit.everyAction'), (action) =>
            setF({ ...f, action }),
          ),
          choice(t('audit.person'), f.actor, distinct('actor'), t('audit.everyone'), (actor) =>
            setF({ ...f, actor }),
          ),
          day(t('audit.from'), f.from, (from) => setF({ ...f, from })),
          day(t('audit.to'), f.to, (to) => setF({ ...f, to })),
        ),
        h(
          'p',
          { class: 'actions', role: 'status', 'data-testid': 'audit-count' },
          t('audit.count', { shown: shown.length, total: all.length }),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onClick: () =>
                saveBlob(new Blob([toCsv(shown)], { type: 'text/csv' }), `audit-${reviewId}.csv`),
            },
            t('audit.download'),
          ),
        ),
        h(Table, {
          caption: t('audit.caption'),
          head: [
            t('audit.col.when'),
            t('audit.col.who'),
            t('audit.col.role'),
            t('audit.col.action'),
            t('audit.col.object'),
            t('audit.col.version'),
          ],
          rows: shown.map((e) => [fmtDateTime(e.at), e.actor, e.role, e.action, e.object, e.version ?? '']),
        }),
      ];
    },
  });
};
