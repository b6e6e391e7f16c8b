/**
 * Comments on a submitted self-assessment, beside their article: each comment with its replies and
 * the reviewed State's responses, and the actions the server lists for the caller on it
 * (`actions`: edit, delete, resolve, reopen, respond, reply). New comments are posted per article.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Instrument } from '#shared/domain/types.ts';
import { COMMENT_STATUS_LABEL } from '../labels.ts';
import type { CommentView } from '../types.ts';
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

interface ResponseView {
  responseId: string;
  text: string;
  authorName: string;
  createdAt: string;
}

const ResponseBox = ({ path, onSent }: { path: string; onSent: () => void }) => {
  const { api } = useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  return h(
    'form',
    {
      class: 'response-box',
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        try {
          await api.post(`${path}/responses`, { text });
          setText('');
          onSent();
        } catch (err) {
          setError(err);
        }
      },
    },
    h(FormErrorSummary, { error, fields: { text: { label: 'Your response', name: 'text' } } }),
    h(TextAreaField, {
      label: 'Your response',
      name: 'text',
      errors: errorsFor(error, 'text'),
      value: text,
      onText: setText,
    }),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Send the response'),
  );
};

const Responses = ({ path, comment }: { path: string; comment: CommentView }) => {
  const { api } = useApp();
  const load = useLoad(
    async () =>
      comment.responseCount > 0 ? (await api.get<{ responses: ResponseView[] }>(path)).responses : [],
    [comment.commentId, comment.version],
  );
  return h(Show<ResponseView[]>, {
    load,
    children: (rs) =>
      rs.length
        ? h(
            'ul',
            { class: 'responses' },
            ...rs.map((r) =>
              h(
                'li',
                {},
                h('p', {}, r.text),
                h('p', { class: 'muted' }, `${r.authorName}, ${fmtDateTime(r.createdAt)}`),
              ),
            ),
          )
        : null,
  });
};

const KIND_TEXT = {
  'clarification-request': 'Request for clarification',
  observation: 'Observation',
} as const;

/** One comment, its actions, its responses and its replies (comments whose parent it is). */
export const CommentThread = ({
  reviewId,
  c,
  all,
  reload,
}: {
  reviewId: string;
  c: CommentView;
  /** Every comment loaded, to find the replies. */
  all: readonly CommentView[];
  reload: () => void;
}) => {
  const { api, notify } = useApp();
  const path = `/reviews/${reviewId}/comments/${c.commentId}`;
  const ifMatch = { headers: { 'if-match': String(c.version) } };
  const may = (a: CommentView['actions'][number]) => c.actions.includes(a);
  const replies = all.filter((r) => r.parentId === c.commentId);
  const what = `${c.parentId ? 'reply' : 'comment'} by ${c.authorName}`;
  return h(
    'li',
    { class: 'comment', 'data-comment': c.commentId, 'data-status': c.status },
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge status-${c.status}` }, COMMENT_STATUS_LABEL[c.status]),
      ` ${c.parentId ? 'Reply' : KIND_TEXT[c.type]} on ${c.anchor.article}`,
      c.anchor.questionId ? ` (${c.anchor.questionId})` : '',
      ` · version ${c.anchor.submissionVersion} of the self-assessment · ${c.authorName}${c.authorState ? ` (${c.authorState})` : ''}`,
      c.visibility === 'reviewers' ? ' · reviewers only' : '',
      c.version > 1 && c.updatedAt !== c.createdAt ? ` · changed ${fmtDateTime(c.updatedAt)}` : '',
    ),
    h('p', { class: 'text' }, c.text),
    h(
      'div',
      { class: 'actions' },
      may('edit')
        ? h(TextAction, {
            label: 'Edit',
            fieldLabel: `Text of the ${what}`,
            submitLabel: 'Save the change',
            initial: c.text,
            run: async (text) => {
              await api.patch(path, { text }, ifMatch);
              notify?.('The comment is changed; its earlier text stays in the history.');
              reload();
            },
          })
        : null,
      may('resolve')
        ? h(ActionButton, {
            label: 'Resolve',
            kind: 'secondary',
            done: 'The comment is resolved.',
            run: async () => {
              await api.post(`${path}/status`, { action: 'resolve' }, ifMatch);
              reload();
            },
          })
        : null,
      may('reopen')
        ? h(ActionButton, {
            label: 'Reopen',
            kind: 'secondary',
            done: 'The comment is open again.',
            run: async () => {
              await api.post(`${path}/status`, { action: 'reopen' }, ifMatch);
              reload();
            },
          })
        : null,
      may('delete')
        ? h(ActionButton, {
            label: 'Delete',
            kind: 'danger',
            confirm: `Delete this ${what}? It stays in the history, marked deleted.`,
            done: 'The comment is deleted.',
            run: async () => {
              await api.del(path, ifMatch);
              reload();
            },
          })
        : null,
      may('reply')
        ? h(TextAction, {
            label: 'Reply',
            fieldLabel: `Your reply to the ${what}`,
            submitLabel: 'Post the reply',
            hint:
              c.visibility === 'reviewers'
                ? 'Seen by the reviewers and the secretariat, like the comment.'
                : 'Seen by the reviewed State too, like the comment.',
            run: async (text) => {
              await api.post(`/reviews/${reviewId}/comments`, {
                parentId: c.commentId,
                type: c.type,
                visibility: c.visibility,
                text,
              });
              notify?.('Your reply is posted.');
              reload();
            },
          })
        : null,
    ),
    h(Responses, { path, comment: c }),
    may('respond') ? h(ResponseBox, { path, onSent: reload }) : null,
    replies.length
      ? h(
          'ul',
          { class: 'comment-list replies', 'aria-label': `Replies to the ${what}` },
          ...replies.map((r) => h(CommentThread, { reviewId, c: r, all, reload })),
        )
      : null,
  );
};

export const NewComment = ({
  reviewId,
  instrument,
  article,
  version,
  onPosted,
}: {
  reviewId: string;
  instrument: Instrument;
  article: string;
  version: number;
  onPosted: () => void;
}) => {
  const { api } = useApp();
  const [text, setText] = useState('');
  const [type, setType] = useState<'observation' | 'clarification-request'>('clarification-request');
  const [visibility, setVisibility] = useState<'all' | 'reviewers'>('all');
  const [error, setError] = useState<unknown>(null);
  return h(
    'form',
    {
      class: 'new-comment',
      'aria-label': `New comment on ${article}`,
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        try {
          await api.post(`/reviews/${reviewId}/comments`, {
            anchor: { instrument, article, submissionVersion: version },
            type,
            visibility,
            text,
          });
          setText('');
          onPosted();
        } catch (err) {
          setError(err);
        }
      },
    },
    h(FormErrorSummary, {
      error,
      fields: {
        text: { label: `Comment on ${article}`, name: 'text' },
        anchor: { label: `Comment on ${article}`, name: 'text' },
        type: { label: 'Kind', name: 'type' },
        visibility: { label: 'Visible to', name: 'visibility' },
      },
    }),
    h(TextAreaField, {
      label: `Comment on ${article}`,
      name: 'text',
      errors: errorsFor(error, 'text').concat(errorsFor(error, 'anchor')),
      rows: 3,
      value: text,
      onText: setText,
    }),
    h(
      'div',
      { class: 'row' },
      h(Field, {
        label: 'Kind',
        errors: errorsFor(error, 'type'),
        children: (id) =>
          h(
            'select',
            {
              id,
              name: 'type',
              value: type,
              onChange: (e: Event) => setType((e.currentTarget as HTMLSelectElement).value as typeof type),
            },
            h('option', { value: 'clarification-request' }, KIND_TEXT['clarification-request']),
            h('option', { value: 'observation' }, KIND_TEXT.observation),
          ),
      }),
      h(Field, {
        label: 'Visible to',
        errors: errorsFor(error, 'visibility'),
        children: (id) =>
          h(
            'select',
            {
              id,
              name: 'visibility',
              value: visibility,
              onChange: (e: Event) =>
                setVisibility((e.currentTarget as HTMLSelectElement).value as typeof visibility),
            },
            h('option', { value: 'all' }, 'The reviewed State too'),
            h('option', { value: 'reviewers' }, 'Reviewers and secretariat only'),
          ),
      }),
    ),
    h(ErrorBox, { error: generalError(error) }),
    h('button', { type: 'submit', class: 'primary' }, 'Post the comment'),
  );
};
