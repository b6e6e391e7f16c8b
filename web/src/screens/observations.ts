/**
 * Review › List of observations: every path of the list's rules (docs/dialogue.md) has its
 * action here. The reviewed State agrees, amends or disputes an entry; the reviewers revise it,
 * accept an amendment or withdraw it; focal points confirm the list during the dialogue; the
 * secretariat records an agreement reached off the platform. Entries are named by their number
 * in the list, never by id; an action that is no longer possible is not offered, and the reason
 * is said instead.
 */
import { type ComponentChildren, h } from 'preact';
import { useState } from 'preact/hooks';
import type { Entry } from '#shared/domain/dialogue.ts';
import { OBSERVATION_KINDS, type ObservationKind } from '#shared/domain/types.ts';
import { ENTRY_STATUS_LABEL, KIND_LABEL, REVIEW_STATE_LABEL } from '../labels.ts';
import type { FormModel, ObservationsView, ReviewView } from '../types.ts';
import {
  ActionButton,
  ErrorBox,
  errorsFor,
  Field,
  FormErrorSummary,
  fmtDateTime,
  generalError,
  Show,
  TextAction,
  TextAreaField,
  useApp,
  useLoad,
} from '../ui.ts';

type Run = (body: Record<string, unknown>) => Promise<void>;

/** The buttons of one entry: exactly the actions the server lists for the caller (`entryActions`). */
const EntryActions = ({
  entry,
  n,
  actions,
  respond,
  revise,
}: {
  entry: Entry;
  n: number;
  actions: readonly string[];
  respond: Run;
  revise: Run;
}) => {
  const button: Record<string, () => ComponentChildren> = {
    agree: () =>
      h(ActionButton, { label: `Agree to observation ${n}`, run: () => respond({ action: 'agree' }) }),
    amend: () =>
      h(TextAction, {
        label: `Amend observation ${n}`,
        fieldLabel: `Your wording of observation ${n}`,
        submitLabel: 'Propose this wording',
        initial: entry.text,
        hint: 'The reviewers accept it or revise the entry again.',
        run: (text) => respond({ action: 'amend', text }),
      }),
    dispute: () =>
      h(TextAction, {
        label: `Dispute observation ${n}`,
        fieldLabel: `Why do you dispute observation ${n}?`,
        submitLabel: 'Dispute',
        hint: 'The reviewers see the reason and revise or withdraw the entry.',
        run: (reason) => respond({ action: 'dispute', reason }),
      }),
    'accept-amendment': () =>
      h(ActionButton, {
        label: `Accept the amendment of observation ${n}`,
        run: () => revise({ action: 'accept-amendment' }),
      }),
    revise: () =>
      h(TextAction, {
        label: `Revise observation ${n}`,
        fieldLabel: `New text of observation ${n}`,
        submitLabel: 'Save the revision',
        initial: entry.text,
        hint: 'A revised entry goes back to draft for the reviewed State to answer again.',
        run: (text) => revise({ action: 'revise', text }),
      }),
    withdraw: () =>
      h(TextAction, {
        label: `Withdraw observation ${n}`,
        fieldLabel: `Why is observation ${n} withdrawn?`,
        submitLabel: 'Withdraw',
        kind: 'secondary',
        run: (reason) => revise({ action: 'withdraw', reason }),
      }),
  };
  const buttons = actions.flatMap((a) => button[a]?.() ?? []);
  return buttons.length ? h('div', { class: 'actions' }, ...buttons) : null;
};

/**
 * The secretariat records a list agreed off the platform (at a country visit, by letter), with a
 * note; entries still open on the platform get the outcome agreed there (agreed or withdrawn).
 */
const OffPlatformAgreement = ({
  reviewId,
  open,
  onDone,
}: {
  reviewId: string;
  /** Entries not settled on the platform, with their number in the list. */
  open: { entry: Entry; n: number }[];
  onDone: () => void;
}) => {
  const { api } = useApp();
  const [note, setNote] = useState('');
  const [outcomes, setOutcomes] = useState<Record<string, 'agreed' | 'withdrawn'>>({});
  const [error, setError] = useState<unknown>(null);
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'offplatform-h',
      'data-testid': 'offplatform',
      onSubmit: async (ev: Event) => {
        ev.preventDefault();
        setError(null);
        try {
          await api.post(`/reviews/${reviewId}/observations/confirmations`, {
            offPlatformNote: note,
            ...(open.length ? { outcomes } : {}),
          });
          setNote('');
          onDone();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h3', { id: 'offplatform-h' }, 'Record an agreement reached off the platform'),
    h(FormErrorSummary, {
      error,
      fields: {
        offPlatformNote: { label: 'How the list was agreed', name: 'offPlatformNote' },
        ...Object.fromEntries(
          open.map(({ entry, n }) => [
            `outcomes.${entry.id}`,
            { label: `Observation ${n}`, name: `outcome-${entry.id}` },
          ]),
        ),
      },
    }),
    open.length
      ? h(
          'p',
          { class: 'hint' },
          'The record settles the entries still open here: say for each what was agreed.',
        )
      : null,
    ...open.map(({ entry, n }) => {
      const errs = errorsFor(error, `outcomes.${entry.id}`);
      const errId = `outcome-${entry.id}-err`;
      return h(
        'fieldset',
        {
          class: errs.length ? 'field invalid' : 'field',
          'data-outcome': entry.id,
          'aria-describedby': errs.length ? errId : undefined,
        },
        h(
          'legend',
          {},
          `Observation ${n} (${ENTRY_STATUS_LABEL[entry.status].toLowerCase()}): agreed off the platform as`,
        ),
        ...(['agreed', 'withdrawn'] as const).map((o) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'radio',
              name: `outcome-${entry.id}`,
              value: o,
              checked: outcomes[entry.id] === o,
              onChange: () => setOutcomes((x) => ({ ...x, [entry.id]: o })),
            }),
            o === 'agreed'
              ? entry.status === 'amended'
                ? ' Agreed, in the reviewed State’s wording'
                : ' Agreed as written'
              : ' Withdrawn',
          ),
        ),
        errs.length ? h('p', { class: 'field-error', id: errId }, errs.join('; ')) : null,
      );
    }),
    h(TextAreaField, {
      label: 'How the list was agreed',
      name: 'offPlatformNote',
      hint: 'For example: agreed at the country visit, minutes on file.',
      errors: errorsFor(error, 'offPlatformNote'),
      rows: 2,
      value: note,
      onText: setNote,
    }),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Record the off-platform agreement'),
  );
};

/** The articles of the review's questionnaires, to pick the one an entry is about. */
const useArticles = (review: ReviewView) => {
  const { api } = useApp();
  return useLoad(
    async () =>
      (
        await Promise.all(
          review.instruments.map((i) =>
            api.get<FormModel>(`/reviews/${review.reviewId}/self-assessments/${i}/questionnaire`),
          ),
        )
      ).flatMap((m) =>
        m.sections.flatMap((s) => s.articles.map((a) => ({ id: a.articleId, title: a.title }))),
      ),
    [review.reviewId],
  );
};

const NewEntry = ({ review, onAdded }: { review: ReviewView; onAdded: (n: string) => void }) => {
  const { api } = useApp();
  const articles = useArticles(review);
  const [article, setArticle] = useState('');
  const [kind, setKind] = useState<ObservationKind>('challenge');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'obs-h',
      onSubmit: async (ev: Event) => {
        ev.preventDefault();
        setError(null);
        try {
          await api.post(`/reviews/${review.reviewId}/observations`, { article, kind, text });
          setText('');
          onAdded(article);
        } catch (err) {
          setError(err);
        }
      },
    },
    h('h3', { id: 'obs-h' }, 'Draft an entry'),
    h(FormErrorSummary, {
      error,
      fields: {
        article: { label: 'Article', name: 'article' },
        kind: { label: 'Kind', name: 'kind' },
        text: { label: 'Text', name: 'text' },
      },
    }),
    h(Field, {
      label: 'Article',
      errors: errorsFor(error, 'article'),
      children: (id, d, invalid) =>
        h(
          'select',
          {
            id,
            name: 'article',
            value: article,
            required: true,
            'aria-describedby': d,
            'aria-invalid': invalid,
            onChange: (e: Event) => setArticle((e.currentTarget as HTMLSelectElement).value),
          },
          h('option', { value: '' }, articles.data ? 'Choose the article' : 'Loading the articles…'),
          ...(articles.data ?? []).map((a) => h('option', { value: a.id }, `${a.id} — ${a.title}`)),
        ),
    }),
    h(Field, {
      label: 'Kind',
      errors: errorsFor(error, 'kind'),
      children: (id) =>
        h(
          'select',
          {
            id,
            name: 'kind',
            value: kind,
            onChange: (e: Event) => setKind((e.currentTarget as HTMLSelectElement).value as ObservationKind),
          },
          ...OBSERVATION_KINDS.map((k) => h('option', { value: k }, KIND_LABEL[k])),
        ),
    }),
    h(TextAreaField, {
      label: 'Text',
      name: 'text',
      errors: errorsFor(error, 'text'),
      rows: 3,
      value: text,
      onText: setText,
    }),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Add to the list'),
  );
};

export const Observations = ({ review, reloadReview }: { review: ReviewView; reloadReview: () => void }) => {
  const { api, session } = useApp();
  const base = `/reviews/${review.reviewId}/observations`;
  const load = useLoad(() => api.get<ObservationsView>(base), [review.reviewId]);
  const [flash, setFlash] = useState('');
  const u = session.user;
  // What the caller may do comes from the server (allowedActions, entryActions).
  const may = (a: ReviewView['allowedActions'][number]) => review.allowedActions.includes(a);
  const open = may('observations.draft') || may('observations.respond');
  const done = (message: string) => {
    setFlash(message);
    load.reload();
  };
  return h(Show<ObservationsView>, {
    load,
    children: (v) => {
      const number = new Map(v.entries.map((e, i) => [e.id, i + 1]));
      const named = (ids: string[]) => ids.map((id) => `observation ${number.get(id) ?? '?'}`).join(', ');
      const mine = u.state ? v.list.confirmations[u.state] : undefined;
      const confirmedCurrent = mine?.listVersion === v.list.version;
      return [
        flash ? h('p', { class: 'ok', role: 'status', 'data-testid': 'flash' }, flash) : null,
        open
          ? null
          : h(
              'p',
              { class: 'muted', 'data-testid': 'list-closed' },
              v.list.finalisedAt
                ? `The list is final (agreed ${fmtDateTime(v.list.finalisedAt)}${v.list.offPlatformNote ? `, off the platform: ${v.list.offPlatformNote}` : ''}); entries no longer change.`
                : `Entries change during the desk review and the dialogue; the review is at “${REVIEW_STATE_LABEL[review.state]}”.`,
            ),
        v.entries.length === 0
          ? h('p', { class: 'empty' }, 'The list of observations has no entry yet.')
          : h(
              'ol',
              { class: 'observations' },
              ...v.entries.map((e, i) => {
                const n = i + 1;
                const respond: Run = async (body) => {
                  await api.post(`${base}/${e.id}/responses`, body, {
                    headers: { 'if-match': String(e.version) },
                  });
                  done(
                    `Observation ${n}: ${body.action === 'agree' ? 'agreed' : body.action === 'amend' ? 'your wording was sent' : 'disputed'}.`,
                  );
                };
                const revise: Run = async (body) => {
                  await api.patch(`${base}/${e.id}`, body, { headers: { 'if-match': String(e.version) } });
                  done(
                    `Observation ${n}: ${body.action === 'revise' ? 'revised; back to draft' : body.action === 'withdraw' ? 'withdrawn' : 'amendment accepted'}.`,
                  );
                };
                return h(
                  'li',
                  { class: 'card', 'data-observation': e.id, 'data-status': e.status },
                  h(
                    'p',
                    { class: 'meta' },
                    h('strong', {}, `Observation ${n}`),
                    ' ',
                    h(
                      'span',
                      { class: `badge obs-${e.status}`, 'data-status': e.status },
                      ENTRY_STATUS_LABEL[e.status],
                    ),
                    ` ${KIND_LABEL[e.kind]} · ${e.article}${e.articleTitle ? ` — ${e.articleTitle}` : ''}`,
                  ),
                  h('p', { class: 'text' }, e.text),
                  e.reason
                    ? h(
                        'p',
                        { class: 'muted' },
                        `${e.status === 'withdrawn' ? 'Why withdrawn' : 'Why disputed'}: ${e.reason}`,
                      )
                    : null,
                  h(EntryActions, { entry: e, n, actions: v.entryActions?.[e.id] ?? [], respond, revise }),
                );
              }),
            ),
        h(
          'p',
          { role: 'status', 'data-testid': 'finalisation' },
          v.finalisation.notAgreed.length
            ? `Not agreed yet: ${named(v.finalisation.notAgreed)}. The reviewed State agrees, or the reviewers revise or withdraw the entry${u.role === 'secretariat' ? ', or the secretariat records what was agreed off the platform' : ''}.`
            : v.entries.length === 0
              ? 'Nothing to agree yet.'
              : v.finalisation.complete || v.list.finalisedAt
                ? 'Every entry is agreed and the list is final.'
                : `Every entry is agreed. ${
                    v.finalisation.awaiting.length
                      ? `Awaiting the confirmation of the focal points of ${v.finalisation.awaiting.join(', ')} (or an agreement the secretariat records off the platform).`
                      : v.finalisation.reasons.join(' ')
                  }`,
        ),
        may('observations.finalize') && review.relation !== 'secretariat' && v.entries.length > 0
          ? confirmedCurrent
            ? h('p', { class: 'muted' }, `You confirmed this version of the list (${fmtDateTime(mine?.at)}).`)
            : h(ActionButton, {
                label: 'Confirm the list of observations',
                kind: 'secondary',
                disabled: v.finalisation.notAgreed.length > 0,
                run: async () => {
                  await api.post(`${base}/confirmations`, {});
                  done('You confirmed the list of observations.');
                  reloadReview();
                },
              })
          : null,
        may('observations.finalize') && review.relation === 'secretariat' && v.entries.length > 0
          ? h(OffPlatformAgreement, {
              reviewId: review.reviewId,
              open: v.entries.flatMap((entry, i) =>
                v.finalisation.notAgreed.includes(entry.id) ? [{ entry, n: i + 1 }] : [],
              ),
              onDone: () => {
                done('The list is recorded as agreed off the platform.');
                reloadReview();
              },
            })
          : null,
        may('observations.draft')
          ? h(NewEntry, { review, onAdded: (a) => done(`Entry on ${a} added to the list.`) })
          : null,
      ];
    },
  });
};
