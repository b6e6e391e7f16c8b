/** The registry of States parties, filtered by regional group and instrument. */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { INSTRUMENTS, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { RegisteredState } from '../types.ts';
import { Field, Show, Table, useApp, useLoad } from '../ui.ts';

export const RegistryScreen = () => {
  const { api } = useApp();
  const [group, setGroup] = useState('');
  const [instrument, setInstrument] = useState('');
  const load = useLoad(() => {
    const q = new URLSearchParams();
    if (group) q.set('group', group);
    if (instrument) q.set('instrument', instrument);
    return api.get<{ states: RegisteredState[] }>(`/states${q.size ? `?${q}` : ''}`);
  }, [group, instrument]);
  return h(
    'section',
    {},
    h('h1', { tabIndex: -1 }, 'States parties'),
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
    ),
    h(Show<{ states: RegisteredState[] }>, {
      load,
      children: ({ states }) => [
        h('p', { role: 'status', 'data-testid': 'registry-count' }, `${states.length} States parties`),
        h(Table, {
          caption: 'States parties',
          head: ['ISO3', 'Name', 'Regional group', 'Legal system', 'Instruments', 'Notes'],
          rows: states.map((s) => [
            s.iso3,
            s.name,
            s.group ?? `none${s.drawGroup ? ` (draws with ${s.drawGroup})` : ''}`,
            s.legalSystem,
            s.instruments.join(', '),
            s.notes ?? '',
          ]),
        }),
      ],
    }),
  );
};
