/**
 * Secretariat › Gap report: agreed observations across reviews, per article and per "four Ps"
 * theme (the API's two SVG charts, shown inline), and the most frequent challenges. Filters by
 * cycle, instrument, regional group and cluster; countries stay unnamed unless asked for. CSV and
 * JSON downloads carry the same filter.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import {
  INSTRUMENTS,
  type Instrument,
  OBSERVATION_KINDS,
  REGIONAL_GROUPS,
  type RegionalGroup,
} from '#shared/domain/types.ts';
import type { CycleView, GapReport } from '../types.ts';
import { ActionButton, ErrorBox, Field, Show, saveBlob, Table, useApp, useLoad } from '../ui.ts';

interface Filter {
  cycleId: string;
  instrument: Instrument | '';
  group: RegionalGroup | '';
  cluster: string;
  nameCountries: boolean;
}

const queryOf = (f: Filter, extra: Record<string, string>): string => {
  const q = new URLSearchParams();
  if (f.cycleId) q.set('cycleId', f.cycleId);
  if (f.instrument) q.set('instrument', f.instrument);
  if (f.group) q.set('group', f.group);
  if (f.cluster) q.set('cluster', f.cluster);
  q.set('nameCountries', String(f.nameCountries));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/gap-report?${q}`;
};

/**
 * The route declares `produces: application/json` with a string body, so the API currently
 * JSON-encodes the CSV, SVG and JSON texts once more (`"<svg …"`). Unwrap one level when the
 * body is a JSON string; a body sent as-is (`{`, `<svg`, `table,…`) passes through unchanged.
 */
const unwrap = (text: string): string => {
  if (!text.startsWith('"')) return text;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : text;
  } catch {
    return text;
  }
};

const MEDIA = { csv: 'text/csv', json: 'application/json' } as const;

/**
 * The chart SVG comes from our API with its text escaped; it is still parsed and stripped of
 * anything active (scripts, event handlers, foreign content) before it joins the page, and its
 * ids get a per-chart suffix so two charts on one page keep distinct title/desc references.
 */
const cleanSvg = (svg: string, suffix: string): string => {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') return '';
  for (const el of [...root.querySelectorAll('script, foreignObject')]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const a of [...el.attributes]) {
      if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) el.removeAttribute(a.name);
    }
    if (el.id) el.id = `${el.id}-${suffix}`;
  }
  const labelled = root.getAttribute('aria-labelledby');
  if (labelled) {
    root.setAttribute(
      'aria-labelledby',
      labelled
        .split(/\s+/)
        .map((id) => `${id}-${suffix}`)
        .join(' '),
    );
  }
  return new XMLSerializer().serializeToString(root);
};

const Chart = ({ path, chart }: { path: string; chart: 'by-article' | 'by-four-p' }) => {
  const { api } = useApp();
  const load = useLoad(async () => unwrap(await api.text(path)), [path]);
  return h(Show<string>, {
    load,
    children: (svg) =>
      h('figure', {
        class: 'chart',
        'data-chart': chart,
        // Sanitised by cleanSvg (no script, handler or foreign content), and from our own API.
        dangerouslySetInnerHTML: { __html: cleanSvg(svg, chart) },
      }),
  });
};

const select = <T extends string>(
  label: string,
  value: T | '',
  options: readonly T[],
  all: string,
  set: (v: T | '') => void,
) =>
  h(Field, {
    label,
    children: (id) =>
      h(
        'select',
        { id, value, onChange: (e: Event) => set((e.currentTarget as HTMLSelectElement).value as T | '') },
        h('option', { value: '' }, all),
        ...options.map((o) => h('option', { value: o }, o)),
      ),
  });

export const GapReportScreen = () => {
  const { api } = useApp();
  const [f, setF] = useState<Filter>({
    cycleId: '',
    instrument: '',
    group: '',
    cluster: '',
    nameCountries: false,
  });
  const cycles = useLoad(() => api.get<{ cycles: CycleView[] }>('/cycles'), []);
  const jsonPath = queryOf(f, { format: 'json' });
  const report = useLoad(async () => JSON.parse(unwrap(await api.text(jsonPath))) as GapReport, [jsonPath]);
  const set = (patch: Partial<Filter>) => setF((old) => ({ ...old, ...patch }));
  const download = (format: 'csv' | 'json') =>
    h(ActionButton, {
      label: `Download ${format.toUpperCase()}`,
      kind: 'secondary',
      run: async () => {
        const text = unwrap(await api.text(queryOf(f, { format })));
        saveBlob(new Blob([text], { type: MEDIA[format] }), `gap-report.${format}`);
      },
    });
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'Gap report'),
    h(
      'p',
      { class: 'muted' },
      'Agreed observations across reviews. Countries are not named unless you ask for it.',
    ),
    h(ErrorBox, { error: cycles.error }),
    h(
      'form',
      { class: 'filters', role: 'search', onSubmit: (e: Event) => e.preventDefault() },
      select(
        'Cycle',
        f.cycleId,
        (cycles.data?.cycles ?? []).map((c) => c.cycleId),
        'All cycles',
        (cycleId) => set({ cycleId }),
      ),
      select('Instrument', f.instrument, INSTRUMENTS, 'All instruments', (instrument) => set({ instrument })),
      select('Regional group', f.group, REGIONAL_GROUPS, 'All groups', (group) => set({ group })),
      select('Cluster', f.cluster, ['1', '2', '3', '4'], 'All clusters', (cluster) => set({ cluster })),
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            checked: f.nameCountries,
            onChange: (e: Event) => set({ nameCountries: (e.currentTarget as HTMLInputElement).checked }),
          }),
          ' Name the countries',
        ),
      ),
    ),
    h('div', { class: 'actions' }, download('csv'), download('json')),
    h(Show<GapReport>, {
      load: report,
      children: (r) => [
        h(
          'p',
          { role: 'status', 'data-testid': 'gap-totals' },
          `${r.reviewsCounted} review(s), ${r.observationsCounted} agreed observation(s): `,
          OBSERVATION_KINDS.map((k) => `${r.totals[k]} ${k}`).join(', '),
          r.states ? ` · States: ${r.states.join(', ')}` : '',
        ),
        h(
          'div',
          { class: 'charts' },
          h(Chart, { path: queryOf(f, { format: 'svg', chart: 'by-article' }), chart: 'by-article' }),
          h(Chart, { path: queryOf(f, { format: 'svg', chart: 'by-four-p' }), chart: 'by-four-p' }),
        ),
        r.topChallenges.length === 0
          ? h('p', { class: 'empty' }, 'No challenge matches the filter.')
          : h(Table, {
              caption: 'Most frequent challenges',
              head: ['Challenge', 'Articles', 'Reviews', 'Observations', ...(r.states ? ['States'] : [])],
              rows: r.topChallenges.map((t) => [
                t.theme ? `${t.text} (theme: ${t.theme})` : t.text,
                t.articles.join(', '),
                t.reviews,
                t.observations,
                ...(r.states ? [t.states?.join(', ') ?? ''] : []),
              ]),
            }),
      ],
    }),
  );
};
