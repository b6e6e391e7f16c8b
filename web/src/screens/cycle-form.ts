/**
 * The cycle form (secretariat): create a cycle from a preset, or edit one before its draw is
 * confirmed. The States under review are picked by name with search; the server's refusals are
 * listed at the top (GOV.UK error summary, each a link to its field) and beside their fields.
 * While a draw is proposed the server offers no `edit-draw-inputs`: those fields are locked.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { INSTRUMENTS, type Instrument, MECHANISMS, type Mechanism } from '#shared/domain/types.ts';
import { t } from '../i18n/index.ts';
import { StatesPicker } from '../states-picker.ts';
import type { CycleView } from '../types.ts';
import {
  ErrorBox,
  errorsFor,
  Field,
  FormErrorSummary,
  generalError,
  type SummaryFields,
  TextAreaField,
  useApp,
  useStateNames,
} from '../ui.ts';

const mechanismLabel = (m: Mechanism): string =>
  ({
    untoc: t('cycleForm.mechanism.untoc'),
    uncac: t('cycleForm.mechanism.uncac'),
    'upr-troika': t('cycleForm.mechanism.upr'),
  })[m];

/** `BRA CIV reason…` per line: BRA must not review CIV. */
const parseConflicts = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [reviewer = '', reviewed = '', ...reason] = l.split(/\s+/);
      return {
        reviewer: reviewer.toUpperCase(),
        reviewed: reviewed.toUpperCase(),
        ...(reason.length ? { reason: reason.join(' ') } : {}),
      };
    });

const conflictsText = (c: CycleView) =>
  c.exclusions.map((e) => [e.reviewer, e.reviewed, e.reason ?? ''].join(' ').trim()).join('\n');

interface Draft {
  name: string;
  year: string;
  instruments: Instrument[];
  underReview: string[];
  conflicts: string;
}

const summaryFields = (): SummaryFields => ({
  name: { label: t('cycleForm.name'), name: 'name' },
  mechanism: { label: t('cycleForm.preset'), name: 'mechanism' },
  year: { label: t('cycleForm.year'), name: 'year' },
  instruments: { label: t('cycleForm.instruments'), name: 'instrument' },
  underReview: { label: t('cycleForm.states'), name: 'underReview' },
  exclusions: { label: t('cycleForm.conflicts'), name: 'exclusions' },
});

/** The fields both forms share; `locked`: the draw inputs cannot change now (a draw is proposed). */
const CycleFields = ({
  draft,
  set,
  error,
  locked,
}: {
  draft: Draft;
  set: (d: Partial<Draft>) => void;
  error: unknown;
  locked: boolean;
}) => {
  const { states } = useStateNames();
  const instrumentErrors = errorsFor(error, 'instruments');
  return [
    h(Field, {
      label: t('cycleForm.name'),
      errors: errorsFor(error, 'name'),
      children: (id, d, invalid) =>
        h('input', {
          id,
          name: 'name',
          required: true,
          value: draft.name,
          'aria-describedby': d,
          'aria-invalid': invalid,
          onInput: (e: Event) => set({ name: (e.currentTarget as HTMLInputElement).value }),
        }),
    }),
    h(Field, {
      label: t('cycleForm.year'),
      errors: errorsFor(error, 'year'),
      children: (id, d, invalid) =>
        h('input', {
          id,
          name: 'year',
          type: 'number',
          inputMode: 'numeric',
          value: draft.year,
          'aria-describedby': d,
          'aria-invalid': invalid,
          onInput: (e: Event) => set({ year: (e.currentTarget as HTMLInputElement).value }),
        }),
    }),
    locked
      ? h('p', { class: 'hint', 'data-testid': 'draw-inputs-locked' }, t('cycleForm.edit.locked'))
      : null,
    h(
      'fieldset',
      { class: instrumentErrors.length ? 'invalid' : undefined, disabled: locked },
      h('legend', {}, t('cycleForm.instruments')),
      ...INSTRUMENTS.map((i) =>
        h(
          'label',
          { class: 'inline' },
          h('input', {
            type: 'checkbox',
            name: 'instrument',
            value: i,
            checked: draft.instruments.includes(i),
            onChange: (e: Event) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              set({
                instruments: on
                  ? INSTRUMENTS.filter((x) => x === i || draft.instruments.includes(x))
                  : draft.instruments.filter((x) => x !== i),
              });
            },
          }),
          ` ${i}`,
        ),
      ),
      instrumentErrors.length ? h('p', { class: 'field-error' }, instrumentErrors.join('; ')) : null,
    ),
    h(Field, {
      label: t('cycleForm.states'),
      hint: t('cycleForm.states.hint'),
      errors: errorsFor(error, 'underReview'),
      children: (id, d, invalid) =>
        h(StatesPicker, {
          id,
          name: 'underReview',
          chosen: draft.underReview,
          states,
          describedBy: d,
          invalid,
          disabled: locked,
          onChange: (underReview) => set({ underReview }),
        }),
    }),
    h(TextAreaField, {
      label: t('cycleForm.conflicts'),
      hint: t('cycleForm.conflicts.hint'),
      errors: errorsFor(error, 'exclusions'),
      name: 'exclusions',
      rows: 2,
      readOnly: locked,
      value: draft.conflicts,
      onText: (conflicts) => set({ conflicts }),
    }),
  ];
};

const useDraft = (initial: Draft) => {
  const [draft, setDraft] = useState(initial);
  return [draft, (d: Partial<Draft>) => setDraft((cur) => ({ ...cur, ...d }))] as const;
};

/** Runs a form's request: busy while it runs, the refusal kept for the summary and the fields. */
const useSubmit = () => {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (e: Event, request: () => Promise<void>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(err);
      // The summary takes the focus, so the problem is the first thing read.
      const form = e.target as HTMLElement | null;
      setTimeout(() => form?.querySelector<HTMLElement>('[data-testid="form-error-summary"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
};

export const CreateCycleForm = ({ onCreated }: { onCreated: (c: CycleView) => void }) => {
  const { api } = useApp();
  const [mechanism, setMechanism] = useState<Mechanism>('untoc');
  const [draft, set] = useDraft({
    name: '',
    year: String(new Date().getFullYear()),
    instruments: [...INSTRUMENTS],
    underReview: [],
    conflicts: '',
  });
  const { error, busy, run } = useSubmit();
  const submit = (e: Event) =>
    run(e, async () => {
      const cycle = await api.post<CycleView>('/cycles', {
        name: draft.name.trim(),
        mechanism,
        year: Number(draft.year),
        instruments: draft.instruments,
        underReview: draft.underReview.length ? draft.underReview : 'all',
        exclusions: parseConflicts(draft.conflicts),
      });
      onCreated(cycle);
    });
  return h(
    'form',
    { class: 'card', onSubmit: submit, 'aria-labelledby': 'create-cycle', noValidate: true },
    h('h2', { id: 'create-cycle' }, t('cycleForm.create.title')),
    h(FormErrorSummary, { error, fields: summaryFields() }),
    h(Field, {
      label: t('cycleForm.preset'),
      errors: errorsFor(error, 'mechanism').concat(errorsFor(error, 'policy')),
      children: (id) =>
        h(
          'select',
          {
            id,
            name: 'mechanism',
            value: mechanism,
            onChange: (e: Event) => setMechanism((e.currentTarget as HTMLSelectElement).value as Mechanism),
          },
          ...MECHANISMS.map((m) => h('option', { value: m }, mechanismLabel(m))),
        ),
    }),
    ...CycleFields({ draft, set, error, locked: false }),
    h(ErrorBox, { error: generalError(error) }),
    h(
      'button',
      { type: 'submit', class: 'primary', disabled: busy },
      busy ? t('cycleForm.create.busy') : t('cycleForm.create.submit'),
    ),
  );
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Edits a cycle before its draw is confirmed: only the fields changed are sent, with If-Match. */
export const EditCycleForm = ({
  cycle,
  onSaved,
  onCancel,
}: {
  cycle: CycleView;
  onSaved: () => void;
  onCancel: () => void;
}) => {
  const { api, notify } = useApp();
  const locked = !(cycle.actions ?? []).includes('edit-draw-inputs');
  const [draft, set] = useDraft({
    name: cycle.name,
    year: String(cycle.year),
    instruments: cycle.instruments,
    underReview: cycle.underReview,
    conflicts: conflictsText(cycle),
  });
  const { error, busy, run } = useSubmit();
  const submit = (e: Event) =>
    run(e, async () => {
      const changes = {
        ...(draft.name.trim() !== cycle.name ? { name: draft.name.trim() } : {}),
        ...(Number(draft.year) !== cycle.year ? { year: Number(draft.year) } : {}),
        ...(!sameList(draft.instruments, cycle.instruments) ? { instruments: draft.instruments } : {}),
        ...(!sameList(draft.underReview, cycle.underReview) ? { underReview: draft.underReview } : {}),
        ...(draft.conflicts.trim() !== conflictsText(cycle)
          ? { exclusions: parseConflicts(draft.conflicts) }
          : {}),
      };
      if (Object.keys(changes).length === 0) {
        onCancel();
        return;
      }
      await api.patch(`/cycles/${cycle.cycleId}`, changes, { headers: { 'if-match': `"${cycle.version}"` } });
      notify?.(t('cycleForm.edit.saved'));
      onSaved();
    });
  return h(
    'form',
    { class: 'card', onSubmit: submit, 'aria-labelledby': 'edit-cycle', noValidate: true },
    h('h2', { id: 'edit-cycle' }, t('cycleForm.edit.title')),
    h(FormErrorSummary, { error, fields: summaryFields() }),
    ...CycleFields({ draft, set, error, locked }),
    h(ErrorBox, { error: generalError(error) }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t('cycleForm.edit.submit')),
      h('button', { type: 'button', class: 'secondary', onClick: onCancel }, t('common.cancel')),
    ),
  );
};
