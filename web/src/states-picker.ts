/**
 * Several States picked by name with search (the cycle form's States under review): the one-State
 * picker (a text field with suggestions) adds a State when a suggestion is chosen, or on Enter /
 * *Add* for a typed name or code; the chosen States are listed, each with its *Remove* button.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { t } from './i18n/index.ts';
import { iso3Of, type StateOption, StatePicker } from './ui.ts';

export const StatesPicker = ({
  id,
  name,
  chosen,
  states,
  onChange,
  describedBy,
  invalid = false,
  disabled = false,
}: {
  id: string;
  /** The text field's name (what an error summary's link puts the cursor in). */
  name: string;
  chosen: readonly string[];
  states: readonly StateOption[];
  onChange: (iso3s: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
}) => {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const byCode = new Map(states.map((s) => [s.iso3, s]));
  const add = (value: string, typed: boolean) => {
    const iso3 = iso3Of(value, states);
    if (!iso3) {
      if (typed) setProblem(t('states.unknown', { text: value.trim() }));
      return false;
    }
    if (!chosen.includes(iso3)) onChange([...chosen, iso3]);
    setText('');
    setProblem('');
    return true;
  };
  const problemId = `${id}-problem`;
  return h(
    'div',
    { class: 'states-picker' },
    h(
      'div',
      {
        class: 'states-picker-input',
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
          e.preventDefault();
          if (text.trim()) add(text, true);
        },
      },
      h(StatePicker, {
        id,
        name,
        disabled,
        value: text,
        states: states.filter((s) => !chosen.includes(s.iso3)),
        describedBy: [describedBy, problem ? problemId : ''].filter(Boolean).join(' ') || undefined,
        invalid: invalid || Boolean(problem),
        onChange: (value) => {
          setText(value);
          setProblem('');
          // A suggestion chosen from the list reads "Name (ISO3)": add it at once.
          if (/\([A-Z]{3}\)$/.test(value.trim())) add(value, false);
        },
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: disabled || !text.trim(),
          onClick: () => add(text, true),
        },
        t('states.add'),
      ),
    ),
    problem ? h('p', { class: 'field-error', id: problemId }, problem) : null,
    chosen.length
      ? h(
          'ul',
          { class: 'chosen-states', 'aria-label': t('states.chosen', { count: chosen.length }) },
          ...chosen.map((iso3) => {
            const s = byCode.get(iso3);
            const label = s ? `${s.name} (${s.iso3})` : iso3;
            return h(
              'li',
              { 'data-iso3': iso3 },
              h('span', {}, label),
              disabled
                ? null
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'link',
                      'aria-label': t('states.remove', { state: label }),
                      onClick: () => onChange(chosen.filter((c) => c !== iso3)),
                    },
                    t('states.removeShort'),
                  ),
            );
          }),
        )
      : null,
  );
};
