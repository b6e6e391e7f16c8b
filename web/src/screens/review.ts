/**
 * One review, as each party sees it. The reviewed State: its questionnaire (draft, submission,
 * versions), the reviewers' comments with a response box under each, the list of observations to
 * agree or dispute. A reviewing expert: the submitted self-assessment and the comments side by
 * side, anchored per article, and the draft list of observations. The secretariat: the workflow,
 * deadlines and the audit log. The API enforces the same rules; the UI only hides what is moot.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { Instrument } from '#shared/domain/types.ts';
import { ApiError } from '../api.ts';
import { RELATION_LABEL, REVIEW_STATE_LABEL } from '../labels.ts';
import type {
  AuditPage,
  CommentView,
  CycleView,
  FormModel,
  ReviewView,
  Submission,
  SubmissionSummary,
} from '../types.ts';
import { ErrorBox, Field, fmtDateTime, link, Show, Table, TextAreaField, useApp, useLoad } from '../ui.ts';
import { Observations } from './observations.ts';
import { Overview } from './review-overview.ts';
import { DraftEditor, QuestionnaireView, Submissions } from './self-assessment.ts';
import { SummaryTab } from './summary.ts';

const errorsFor = (err: unknown, path: string) => (err instanceof ApiError ? err.forField(path) : []);

const ResponseBox = ({
  reviewId,
  comment,
  onSent,
}: {
  reviewId: string;
  comment: CommentView;
  onSent: () => void;
}) => {
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
          await api.post(`/reviews/${reviewId}/comments/${comment.commentId}/responses`, { text });
          setText('');
          onSent();
        } catch (err) {
          setError(err);
        }
      },
    },
    h(TextAreaField, {
      label: 'Your response',
      errors: errorsFor(error, 'text'),
      rows: 3,
      value: text,
      onText: setText,
    }),
    error && !(error instanceof ApiError && error.issues.length) ? h(ErrorBox, { error }) : null,
    h('button', { type: 'submit', class: 'primary' }, 'Send the response'),
  );
};

const Responses = ({ reviewId, comment }: { reviewId: string; comment: CommentView }) => {
  const { api } = useApp();
  const load = useLoad(
    async () =>
      comment.responseCount > 0
        ? (
            await api.get<{
              responses: { responseId: string; text: string; authorName: string; createdAt: string }[];
            }>(`/reviews/${reviewId}/comments/${comment.commentId}`)
          ).responses
        : [],
    [comment.commentId, comment.version],
  );
  return h(Show<{ responseId: string; text: string; authorName: string; createdAt: string }[]>, {
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

const CommentItem = ({
  reviewId,
  c,
  canRespond,
  reload,
}: {
  reviewId: string;
  c: CommentView;
  canRespond: boolean;
  reload: () => void;
}) =>
  h(
    'li',
    { class: 'comment', 'data-comment': c.commentId },
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge status-${c.status}` }, c.status),
      ` ${c.type === 'clarification-request' ? 'Request for clarification' : 'Observation'} on ${c.anchor.article}`,
      c.anchor.questionId ? ` (${c.anchor.questionId})` : '',
      ` · v${c.anchor.submissionVersion} · ${c.authorName}${c.authorState ? ` (${c.authorState})` : ''}`,
      c.visibility === 'reviewers' ? ' · reviewers only' : '',
    ),
    h('p', { class: 'text' }, c.deletedAt ? h('em', {}, 'deleted') : c.text),
    h(Responses, { reviewId, comment: c }),
    canRespond && !c.deletedAt ? h(ResponseBox, { reviewId, comment: c, onSent: reload }) : null,
  );

const NewComment = ({
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
    h(TextAreaField, {
      label: `Comment on ${article}`,
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
        children: (id) =>
          h(
            'select',
            {
              id,
              value: type,
              onChange: (e: Event) => setType((e.currentTarget as HTMLSelectElement).value as typeof type),
            },
            h('option', { value: 'clarification-request' }, 'Request for clarification'),
            h('option', { value: 'observation' }, 'Observation'),
          ),
      }),
      h(Field, {
        label: 'Visible to',
        children: (id) =>
          h(
            'select',
            {
              id,
              value: visibility,
              onChange: (e: Event) =>
                setVisibility((e.currentTarget as HTMLSelectElement).value as typeof visibility),
            },
            h('option', { value: 'all' }, 'The reviewed State too'),
            h('option', { value: 'reviewers' }, 'Reviewers and secretariat only'),
          ),
      }),
    ),
    error && !(error instanceof ApiError && error.issues.length) ? h(ErrorBox, { error }) : null,
    h('button', { type: 'submit', class: 'primary' }, 'Post the comment'),
  );
};

/** The reviewers' workspace: the latest submitted version and the comments, side by side per article. */
export const Workspace = ({ review }: { review: ReviewView }) => {
  const { api } = useApp();
  const [instrument, setInstrument] = useState<Instrument>(review.instruments[0] ?? 'UNTOC');
  const base = `/reviews/${review.reviewId}/self-assessments/${instrument}`;
  const sub = useLoad(async () => {
    const { submissions } = await api.get<{ submissions: SubmissionSummary[] }>(`${base}/submissions`);
    const last = submissions.at(-1);
    if (!last) return null;
    return {
      model: await api.get<FormModel>(`${base}/questionnaire`),
      submission: await api.get<Submission>(`${base}/submissions/${last.version}`),
    };
  }, [base]);
  const comments = useLoad(
    () => api.get<{ comments: CommentView[] }>(`/reviews/${review.reviewId}/comments?limit=100`),
    [review.reviewId],
  );
  const canComment = review.allowedActions.includes('comment.create');
  const canRespond = review.allowedActions.includes('response.create');
  return h(
    'div',
    {},
    review.instruments.length > 1
      ? h(Field, {
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
              ...review.instruments.map((i) => h('option', { value: i }, i)),
            ),
        })
      : null,
    h(ErrorBox, { error: comments.error }),
    h(Show<{ model: FormModel; submission: Submission } | null>, {
      load: sub,
      children: (s) =>
        !s
          ? h(
              'p',
              { class: 'empty' },
              'The self-assessment has not been submitted yet; comments open once it is.',
            )
          : [
              h(
                'p',
                { class: 'muted' },
                `Submitted version v${s.submission.version} of ${fmtDateTime(s.submission.submittedAt)}`,
              ),
              h(QuestionnaireView, {
                model: s.model,
                answers: s.submission.answers,
                readOnly: true,
                base,
                aside: (article) => {
                  const list = (comments.data?.comments ?? []).filter(
                    (c) => c.anchor.article === article && c.anchor.instrument === instrument && !c.parentId,
                  );
                  return [
                    list.length
                      ? h(
                          'ul',
                          { class: 'comment-list' },
                          ...list.map((c) =>
                            h(CommentItem, {
                              reviewId: review.reviewId,
                              c,
                              canRespond,
                              reload: comments.reload,
                            }),
                          ),
                        )
                      : h('p', { class: 'muted' }, 'No comment on this article.'),
                    canComment
                      ? h(NewComment, {
                          // Keyed by its anchor: an unposted text never moves to another article.
                          key: `${instrument}/${article}/${s.submission.version}`,
                          reviewId: review.reviewId,
                          instrument,
                          article,
                          version: s.submission.version,
                          onPosted: comments.reload,
                        })
                      : null,
                  ];
                },
              }),
            ],
    }),
  );
};

const Audit = ({ reviewId }: { reviewId: string }) => {
  const { api } = useApp();
  const load = useLoad(() => api.get<AuditPage>(`/reviews/${reviewId}/audit?limit=100`), [reviewId]);
  return h(Show<AuditPage>, {
    load,
    children: (p) =>
      h(Table, {
        caption: 'Audit log (oldest first)',
        head: ['When', 'Who', 'Role', 'Action', 'Object', 'Version'],
        rows: p.entries.map((e) => [fmtDateTime(e.at), e.actor, e.role, e.action, e.object, e.version ?? '']),
      }),
  });
};

const SelfAssessmentTab = ({ review, reload }: { review: ReviewView; reload: () => void }) => {
  const [instrument, setInstrument] = useState<Instrument>(review.instruments[0] ?? 'UNTOC');
  const editable = review.allowedActions.includes('draft.write');
  return h(
    'div',
    {},
    review.instruments.length > 1
      ? h(
          'div',
          { class: 'tabs', role: 'group', 'aria-label': 'Instrument' },
          ...review.instruments.map((i) =>
            h(
              'button',
              {
                type: 'button',
                class: i === instrument ? 'primary' : 'secondary',
                'aria-pressed': i === instrument,
                onClick: () => setInstrument(i),
              },
              i,
            ),
          ),
        )
      : null,
    editable
      ? h(DraftEditor, {
          key: instrument,
          reviewId: review.reviewId,
          instrument,
          canSubmit: review.allowedActions.includes('submission.create'),
          onSubmitted: reload,
        })
      : h(
          'p',
          { class: 'muted' },
          `The questionnaire is closed: the review is at “${REVIEW_STATE_LABEL[review.state]}”.`,
        ),
    h('h3', {}, 'Submitted versions'),
    h(Submissions, { key: `${instrument}-${review.version}`, reviewId: review.reviewId, instrument }),
  );
};

export const ReviewScreen = ({ reviewId, tab }: { reviewId: string; tab: string }) => {
  const { api, session } = useApp();
  const load = useLoad(() => api.get<ReviewView>(`/reviews/${reviewId}`), [reviewId]);
  // Cycles by their name, not their id.
  const cycleName = useLoad(
    async () => (load.data ? (await api.get<CycleView>(`/cycles/${load.data.cycleId}`)).name : undefined),
    [load.data?.cycleId],
  );
  const role = session.user.role;
  return h(Show<ReviewView>, {
    load,
    children: (r) => {
      const tabs: [string, string][] = [['overview', 'Overview']];
      if (r.relation === 'reviewed') tabs.push(['self-assessment', 'Self-assessment']);
      tabs.push([
        'comments',
        r.relation === 'reviewed' ? 'Comments from reviewers' : 'Self-assessment and comments',
      ]);
      tabs.push(['observations', 'List of observations']);
      tabs.push(['summary', 'Summary']);
      if (role === 'secretariat') tabs.push(['audit', 'Audit log']);
      const current = tabs.some(([k]) => k === tab) ? tab : 'overview';
      return [
        h('h1', { tabIndex: -1 }, `Review of ${r.reviewedState}`),
        h(
          'p',
          { class: 'muted' },
          `${cycleName.data ?? r.cycleId} · ${r.instruments.join(', ')} · reviewing States ${r.reviewerStates.join(', ')} · stage `,
          h(
            'span',
            { class: `badge state-${r.state}`, 'data-testid': 'review-state', 'data-state': r.state },
            REVIEW_STATE_LABEL[r.state],
          ),
          ` · your part: ${RELATION_LABEL[r.relation] ?? r.relation}`,
        ),
        h(
          'nav',
          { class: 'tabs', 'aria-label': 'Review sections' },
          ...tabs.map(([k, label]) =>
            link(
              `/reviews/${reviewId}/${k}`,
              label,
              k === current ? { 'aria-current': 'page', class: 'current' } : {},
            ),
          ),
        ),
        current === 'overview' ? h(Overview, { review: r, reload: load.reload }) : null,
        current === 'self-assessment' ? h(SelfAssessmentTab, { review: r, reload: load.reload }) : null,
        current === 'comments' ? h(Workspace, { review: r }) : null,
        current === 'observations' ? h(Observations, { review: r, reloadReview: load.reload }) : null,
        current === 'summary' ? h(SummaryTab, { review: r, reloadReview: load.reload }) : null,
        current === 'audit' ? h(Audit, { reviewId }) : null,
      ];
    },
  });
};
