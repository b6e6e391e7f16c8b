/**
 * Choosing people of a State from the directory instead of typing user ids: the people the
 * server would accept as contacts of that State (`GET /states/{iso3}/contact-candidates`), a
 * search over their names, institutions and ids, and a checkbox each. People hidden by the
 * search stay chosen. The checkboxes carry `name` (the error summary focuses the first).
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from './i18n/index.ts';
import { Busy, ErrorBox, useApp, useLoad } from './ui.ts';

export interface Candidate {
  personId: string;
  name: string;
  role: 'focal-point' | 'expert';
  institution: string;
}

const ROLE = {
  'focal-point': () => t('picker.role.focal-point'),
  expert: () => t('picker.role.expert'),
} as const;

/** The candidates a search keeps: every word found in the name, institution or id. */
export const matching = (list: readonly Candidate[], query: string): Candidate[] => {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((c) => {
    const text = `${c.name} ${c.institution} ${c.personId}`.toLocaleLowerCase();
    return words.every((w) => text.includes(w));
  });
};

let seq = 0;

export const PersonPicker = ({
  state,
  label,
  name,
  chosen,
  onChange,
  errors = [],
}: {
  state: string;
  label: string;
  name: string;
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
}) => {
  const { api } = useApp();
  const [id] = useState(() => `picker-${++seq}`);
  const [query, setQuery] = useState('');
  const load = useLoad(
    () => api.get<{ candidates: Candidate[] }>(`/states/${encodeURIComponent(state)}/contact-candidates`),
    [state],
  );
  const all = load.data?.candidates ?? [];
  const shown = matching(all, query);
  const toggle = (personId: string, on: boolean) =>
    onChange(on ? [...new Set([...chosen, personId])] : chosen.filter((x) => x !== personId));
  const invalid = errors.length > 0;
  return h(
    'fieldset',
    {
      class: invalid ? 'field invalid person-picker' : 'field person-picker',
      'data-testid': 'person-picker',
      'aria-describedby': invalid ? `${id}-err` : undefined,
    },
    h('legend', {}, label),
    h('input', {
      type: 'search',
      'aria-label': t('picker.search'),
      placeholder: t('picker.search'),
      value: query,
      onInput: (e: Event) => setQuery((e.currentTarget as HTMLInputElement).value),
    }),
    h(
      'p',
      { class: 'muted', role: 'status', 'aria-live': 'polite' },
      t('picker.chosen', { count: chosen.length }),
    ),
    load.error
      ? h(ErrorBox, { error: load.error })
      : load.data === undefined
        ? h(Busy, { label: t('picker.loading') })
        : all.length === 0
          ? h('p', { class: 'muted' }, t('picker.none'))
          : shown.length === 0
            ? h('p', { class: 'muted' }, t('picker.noMatch', { query }))
            : h(
                'ul',
                { class: 'plain' },
                ...shown.map((c) =>
                  h(
                    'li',
                    { key: c.personId },
                    h(
                      'label',
                      {},
                      h('input', {
                        type: 'checkbox',
                        name,
                        value: c.personId,
                        checked: chosen.includes(c.personId),
                        'aria-invalid': invalid,
                        onChange: (e: Event) =>
                          toggle(c.personId, (e.currentTarget as HTMLInputElement).checked),
                      }),
                      ` ${c.name}`,
                      h(
                        'span',
                        { class: 'muted' },
                        ` — ${ROLE[c.role]()}${c.institution ? `, ${c.institution}` : ''}`,
                      ),
                    ),
                  ),
                ),
              ),
    invalid ? h('p', { class: 'field-error', id: `${id}-err` }, errors.join('; ')) : null,
  );
};
