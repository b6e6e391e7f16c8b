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
import { t } from '../i18n/index.ts';
import { RELATION_LABEL, REVIEW_STATE_LABEL } from '../labels.ts';
import { articleIdsOf, onlyArticle, progressOf } from '../questionnaire-progress.ts';
import type {
  CommentView,
  CycleView,
  Diff,
  Draft,
  FormModel,
  ReviewView,
  Submission,
  SubmissionSummary,
} from '../types.ts';
import { ErrorBox, Field, fmtDateTime, link, Show, useApp, useLoad } from '../ui.ts';
import { ReadingView } from './answer-view.ts';
import { AuditLog } from './audit.ts';
import { CommentThread, NewComment } from './comments.ts';
import { FollowUpsTab } from './follow-ups.ts';
import { Observations } from './observations.ts';
import { ArticleSteps, QuestionnaireNav, useArticlePager } from './questionnaire-nav.ts';
import { Overview } from './review-overview.ts';
import { DraftEditor, Submissions } from './self-assessment.ts';
import { SummaryTab } from './summary.ts';
import { VersionDiff } from './version-diff.ts';

/** How many questions of `article` the diff names. */
const changedIn = (model: FormModel, diff: Diff | undefined, article: string): number => {
  const ids = new Set(
    model.sections
      .flatMap((x) => x.articles)
      .find((a) => a.articleId === article)
      ?.fields.map((f) => f.id),
  );
  return (diff?.changes ?? []).filter((c) => ids.has(c.questionId)).length;
};

/** The reviewers' workspace: the latest submitted version and the comments, side by side per article. */
export const Workspace = ({ review }: { review: ReviewView }) => {
  const { api } = useApp();
  // A link may name the place to open (`…/comments?instrument=TIP&article=TIP.5`, from search).
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const [instrument, setInstrument] = useState<Instrument>(
    review.instruments.find((i) => i === wanted.get('instrument')) ?? review.instruments[0] ?? 'UNTOC',
  );
  const base = `/reviews/${review.reviewId}/self-assessments/${instrument}`;
  const sub = useLoad(async () => {
    const { submissions } = await api.get<{ submissions: SubmissionSummary[] }>(`${base}/submissions`);
    const last = submissions.at(-1);
    if (!last) return null;
    return {
      model: await api.get<FormModel>(`${base}/questionnaire`),
      submission: await api.get<Submission>(`${base}/submissions/${last.version}`),
      // What the reviewed State changed since the version before: marked beside each answer.
      diff: last.version > 1 ? await api.get<Diff>(`${base}/submissions/${last.version}/diff`) : undefined,
    };
  }, [base]);
  const comments = useLoad(
    () => api.get<{ comments: CommentView[] }>(`/reviews/${review.reviewId}/comments?limit=100`),
    [review.reviewId],
  );
  const canComment = review.allowedActions.includes('comment.create');
  const pager = useArticlePager(articleIdsOf(sub.data?.model), wanted.get('article') ?? undefined);
  /** The comments (not replies) on one article of this instrument. */
  const topLevel = (article: string) =>
    (comments.data?.comments ?? []).filter(
      (c) => c.anchor.article === article && c.anchor.instrument === instrument && !c.parentId,
    );
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
    h(Show<{ model: FormModel; submission: Submission; diff: Diff | undefined } | null>, {
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
              s.diff
                ? h(
                    'details',
                    { class: 'changes', 'data-testid': 'changes' },
                    h('summary', {}, t('diff.show', { from: s.diff.from })),
                    h(VersionDiff, { diff: s.diff, model: s.model, base }),
                  )
                : null,
              h(
                'div',
                { class: 'qlayout' },
                h(QuestionnaireNav, {
                  instrument,
                  sections: progressOf(s.model, s.submission.answers, []),
                  pager,
                  note: (article) => {
                    const n = topLevel(article).length;
                    const changed = changedIn(s.model, s.diff, article);
                    const words = [
                      n ? t('answers.comments', { count: n }) : '',
                      changed ? t('diff.changedCount', { count: changed }) : '',
                    ];
                    return words.filter(Boolean).join(' · ') || null;
                  },
                }),
                h(
                  'div',
                  { class: 'qmain' },
                  h(ReadingView, {
                    model: onlyArticle(s.model, pager.shown),
                    answers: s.submission.answers,
                    base,
                    ...(s.diff ? { changes: s.diff } : {}),
                    aside: (article) => {
                      const all = comments.data?.comments ?? [];
                      const list = topLevel(article);
                      return [
                        list.length
                          ? h(
                              'ul',
                              { class: 'comment-list' },
                              ...list.map((c) =>
                                h(CommentThread, {
                                  reviewId: review.reviewId,
                                  c,
                                  all,
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
                  h(ArticleSteps, { articles: articleIdsOf(s.model), pager }),
                ),
              ),
            ],
    }),
  );
};

const SelfAssessmentTab = ({ review, reload }: { review: ReviewView; reload: () => void }) => {
  const { api } = useApp();
  const [instrument, setInstrument] = useState<Instrument>(review.instruments[0] ?? 'UNTOC');
  const editable = review.allowedActions.includes('draft.write');
  // Required answers missing per instrument: loaded once, then the open editor keeps its own up to date.
  const [missing, setMissing] = useState<Partial<Record<Instrument, number>>>({});
  useLoad(async () => {
    if (!editable || review.instruments.length < 2) return;
    const drafts = await Promise.all(
      review.instruments.map((i) =>
        api.get<Draft>(`/reviews/${review.reviewId}/self-assessments/${i}/draft`),
      ),
    );
    setMissing(Object.fromEntries(drafts.map((d) => [d.instrument, d.completeness.missing.length])));
  }, [review.reviewId, editable]);
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
                'data-instrument': i,
                onClick: () => setInstrument(i),
              },
              missing[i] ? `${i} · ${t('qnav.missing', { count: missing[i] })}` : i,
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
          onMissing: (n: number) => setMissing((m) => (m[instrument] === n ? m : { ...m, [instrument]: n })),
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
      if (r.relation !== 'observer') tabs.push(['follow-up', 'Follow-up']);
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
        current === 'follow-up' ? h(FollowUpsTab, { review: r }) : null,
        current === 'summary' ? h(SummaryTab, { review: r, reloadReview: load.reload }) : null,
        current === 'audit' ? h(AuditLog, { reviewId }) : null,
      ];
    },
  });
};
