/**
 * Review › Overview: deadlines (and their extension by the secretariat), contacts and
 * acknowledgements, the next workflow step. Every action is offered when the server lists it in
 * the review's `allowedActions`: no workflow rule is restated here.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { DeadlineKind } from '#shared/domain/workflow.ts';
import { ApiError } from '../api.ts';
import { DEADLINE_LABEL } from '../labels.ts';
import { PersonPicker } from '../person-picker.ts';
import type { ReviewView, SubmissionSummary } from '../types.ts';
import {
  ActionButton,
  ErrorBox,
  Field,
  FormErrorSummary,
  fmtDate,
  StateName,
  saveBlob,
  Table,
  TextAreaField,
  useApp,
  useStateNames,
} from '../ui.ts';
import { TaskList } from './tasks.ts';

const NEXT_STEP: Partial<Record<ReviewView['state'], { transition: string; label: string; done: string }>> = {
  'self-assessment-submitted': {
    transition: 'start-desk-review',
    label: 'Start the desk review',
    done: 'Desk review',
  },
  'desk-review': { transition: 'start-dialogue', label: 'Open the dialogue', done: 'Dialogue' },
};

/**
 * The question before the secretariat moves a review on. Starting the desk review closes the
 * submissions of every questionnaire, including instruments never submitted: those are named.
 */
const useNextStepQuestion = () => {
  const { api } = useApp();
  return async (review: ReviewView): Promise<string> => {
    if (review.state !== 'self-assessment-submitted') return 'Open the dialogue with the reviewed State?';
    const unsubmitted: string[] = [];
    for (const i of review.instruments) {
      const { submissions } = await api.get<{ submissions: SubmissionSummary[] }>(
        `/reviews/${review.reviewId}/self-assessments/${i}/submissions`,
      );
      if (submissions.length === 0) unsubmitted.push(i);
    }
    return unsubmitted.length
      ? `Start the desk review? The questionnaires close. Never submitted, and closed without an answer: ${unsubmitted.join(', ')}.`
      : 'Start the desk review? The questionnaires close for the reviewed State.';
  };
};

const errorsFor = (err: unknown, path: string) => (err instanceof ApiError ? err.forField(path) : []);
const generalError = (err: unknown) => (err && !(err instanceof ApiError && err.issues.length) ? err : null);
const fieldError = (path: string, message: string) =>
  new ApiError(400, 'VALIDATION', message, [{ path, message }], null);

/** `YYYY-MM-DD` from a date input → the end of that day in the user's time zone, as an instant. */
const endOfLocalDay = (day: string): string => new Date(`${day}T23:59:59`).toISOString();

/** The secretariat extends a deadline not yet met: to a later day, with a reason. */
const ExtendDeadline = ({ review, onDone }: { review: ReviewView; onDone: () => void }) => {
  const { api, notify } = useApp();
  const open = review.deadlines.filter((d) => !d.metAt);
  const [kind, setKind] = useState<DeadlineKind | ''>(open[0]?.kind ?? '');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'extend-h',
      'data-testid': 'extend-deadline',
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        if (!to) return setError(fieldError('to', 'Choose the new due date.'));
        try {
          await api.post(`/reviews/${review.reviewId}/deadlines/${kind}/extensions`, {
            to: endOfLocalDay(to),
            reason,
          });
          notify?.(`The deadline “${DEADLINE_LABEL[kind as DeadlineKind]}” now falls on ${to}.`);
          setTo('');
          setReason('');
          onDone();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h3', { id: 'extend-h' }, 'Extend a deadline'),
    h(FormErrorSummary, {
      error,
      fields: { to: { label: 'New due date', name: 'to' }, reason: { label: 'Reason', name: 'reason' } },
    }),
    h(Field, {
      label: 'Deadline',
      children: (id) =>
        h(
          'select',
          {
            id,
            value: kind,
            onChange: (e: Event) => setKind((e.currentTarget as HTMLSelectElement).value as DeadlineKind),
          },
          ...open.map((d) =>
            h('option', { value: d.kind }, `${DEADLINE_LABEL[d.kind]} (due ${fmtDate(d.due)})`),
          ),
        ),
    }),
    h(Field, {
      label: 'New due date',
      hint: 'The end of that day, in your time zone.',
      errors: errorsFor(error, 'to'),
      children: (id, d, invalid) =>
        h('input', {
          id,
          type: 'date',
          name: 'to',
          value: to,
          'aria-describedby': d,
          'aria-invalid': invalid,
          onInput: (e: Event) => setTo((e.currentTarget as HTMLInputElement).value),
        }),
    }),
    h(TextAreaField, {
      label: 'Reason',
      name: 'reason',
      hint: 'Recorded with the deadline and in the audit log.',
      errors: errorsFor(error, 'reason'),
      rows: 2,
      value: reason,
      onText: setReason,
    }),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Extend the deadline'),
  );
};

/** A focal point names its State's experts; the secretariat names them for any State of the review. */
const NameContacts = ({ review, onDone }: { review: ReviewView; onDone: () => void }) => {
  const { api, session, notify } = useApp();
  const names = useStateNames();
  const own = session.user.state;
  const parties = [review.reviewedState, ...review.reviewerStates];
  const [state, setState] = useState(own && parties.includes(own) ? own : (parties[0] ?? ''));
  const [experts, setExperts] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const forOwn = own !== null && own === state;
  const current = review.contacts[state];
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'contacts-h',
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        const list = experts;
        if (list.length === 0) return setError(fieldError('experts', 'Choose at least one expert.'));
        try {
          await api.put(`/reviews/${review.reviewId}/contacts`, {
            ...(forOwn ? {} : { state }),
            experts: list,
          });
          notify?.('Contacts saved.');
          onDone();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h3', { id: 'contacts-h' }, forOwn ? 'Name your State’s contacts' : 'Name the contacts of a State'),
    h(FormErrorSummary, {
      error,
      fields: {
        experts: { label: 'Governmental experts', name: 'experts' },
        state: { label: 'State', name: 'state' },
      },
    }),
    own && parties.includes(own)
      ? null
      : h(Field, {
          label: 'State',
          errors: errorsFor(error, 'state'),
          children: (id) =>
            h(
              'select',
              {
                id,
                name: 'state',
                value: state,
                onChange: (e: Event) => {
                  setState((e.currentTarget as HTMLSelectElement).value);
                  setExperts([]);
                },
              },
              ...parties.map((s) => h('option', { value: s }, names.label(s))),
            ),
        }),
    h(
      'p',
      { class: 'muted' },
      `Current experts of ${names.label(state)}: ${current?.experts.join(', ') || 'none'}.`,
    ),
    h(PersonPicker, {
      state,
      label: 'Governmental experts',
      name: 'experts',
      chosen: experts,
      onChange: setExperts,
      errors: errorsFor(error, 'experts'),
    }),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Save contacts'),
  );
};

export const Overview = ({ review, reload }: { review: ReviewView; reload: () => void }) => {
  const { api } = useApp();
  const may = (a: ReviewView['allowedActions'][number]) => review.allowedActions.includes(a);
  const next = may('workflow.advance') ? NEXT_STEP[review.state] : undefined;
  const confirmNextStep = useNextStepQuestion();
  return h(
    'div',
    {},
    h(TaskList, { reviewId: review.reviewId, tasks: review.tasks, overdue: review.overdue }),
    h(Table, {
      caption: 'Deadlines',
      head: ['Step', 'Due', 'Done', 'Extensions'],
      rows: review.deadlines.map((d) => [
        DEADLINE_LABEL[d.kind],
        fmtDate(d.due),
        d.metAt
          ? fmtDate(d.metAt)
          : review.overdue.includes(d.kind)
            ? h('strong', { class: 'overdue' }, 'Overdue')
            : '—',
        d.extensions.map((e) => `to ${fmtDate(e.to)} (${e.reason})`).join('; '),
      ]),
      rowClass: (i) =>
        review.overdue.includes(review.deadlines[i]?.kind ?? 'feedback') ? 'row-overdue' : undefined,
    }),
    h(Table, {
      caption: 'Contacts and acknowledgements',
      head: ['State', 'Part', 'Focal point', 'Experts', 'Acknowledged'],
      rows: [review.reviewedState, ...review.reviewerStates].map((s) => [
        h(StateName, { iso3: s }),
        s === review.reviewedState ? 'reviewed' : 'reviewing',
        review.contacts[s]?.focalPoint ?? '—',
        review.contacts[s]?.experts.join(', ') || '—',
        s === review.reviewedState
          ? ''
          : review.acknowledgements[s]
            ? fmtDate(review.acknowledgements[s]?.at)
            : 'not yet',
      ]),
    }),
    may('assignment.acknowledge')
      ? h(ActionButton, {
          label: 'Acknowledge the assignment',
          done: 'The assignment is acknowledged.',
          run: async () => {
            await api.post(`/reviews/${review.reviewId}/acknowledgements`, {});
            reload();
          },
        })
      : null,
    may('review.export')
      ? h(ActionButton, {
          label: 'Download the record of the review (JSON)',
          kind: 'secondary',
          done: 'The record is downloaded, with its SHA-256 digest for archiving.',
          run: async () => {
            const record = await api.get(`/reviews/${review.reviewId}/export`);
            saveBlob(
              new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }),
              `review-${review.reviewId}.json`,
            );
          },
        })
      : null,
    may('contacts.name') ? h(NameContacts, { review, onDone: reload }) : null,
    may('deadline.extend') ? h(ExtendDeadline, { review, onDone: reload }) : null,
    next
      ? h(
          'div',
          { class: 'actions' },
          h(ActionButton, {
            label: next.label,
            confirm: () => confirmNextStep(review),
            done: `Done: the review is now at “${next.done}”.`,
            run: async () => {
              await api.post(
                `/reviews/${review.reviewId}/transitions`,
                { transition: next.transition },
                { headers: { 'if-match': String(review.version) } },
              );
              reload();
            },
          }),
        )
      : null,
  );
};
