/**
 * Follow-up of earlier observations, in a review: the reviewed State reports the status of each
 * earlier agreed observation (with an explanation and a link to evidence); the reviewing States
 * of the article's instrument confirm or dispute it. The server decides; the form only offers
 * what the review's part allows.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { FollowUpListSchema } from '#shared/http/routes/follow-ups.ts';
import type { ReviewView } from '../types.ts';
import { ErrorBox, Show, useApp, useLoad } from '../ui.ts';

type List = z.infer<typeof FollowUpListSchema>;
type Item = List['items'][number];

const STAGE_LABEL: Record<Item['stage'], string> = {
  'awaiting-report': 'Awaiting the State’s report',
  reported: 'Reported, awaiting confirmation',
  disputed: 'Disputed',
  agreed: 'Agreed',
};

const ReportForm = ({ list, item, reload }: { list: List; item: Item; reload: () => void }) => {
  const { api } = useApp();
  const [status, setStatus] = useState(item.report?.status ?? list.scale[0]?.id ?? '');
  const [explanation, setExplanation] = useState(item.report?.explanation ?? '');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = `fu-${item.followUpId}`;
  return h(
    'form',
    {
      class: 'follow-up-report',
      'aria-label': `Status of the follow-up on ${item.observation.article}`,
      onSubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await api.post(
            `/reviews/${item.reviewId}/follow-ups/${item.followUpId}/reports`,
            { status, explanation, evidence: url.trim() ? [{ url: url.trim() }] : [] },
            { headers: { 'if-match': String(item.version) } },
          );
          setError(null);
          reload();
        } catch (err) {
          setError(err);
        }
      },
    },
    h('label', { for: `${id}-status` }, 'Status'),
    h(
      'select',
      {
        id: `${id}-status`,
        value: status,
        onChange: (e: Event) => setStatus((e.currentTarget as HTMLSelectElement).value),
      },
      ...list.scale.map((s) => h('option', { value: s.id }, s.label)),
    ),
    h('label', { for: `${id}-explanation` }, 'What was done'),
    h('textarea', {
      id: `${id}-explanation`,
      value: explanation,
      onInput: (e: Event) => setExplanation((e.currentTarget as HTMLTextAreaElement).value),
    }),
    h('label', { for: `${id}-url` }, 'Link to evidence (optional)'),
    h('input', {
      id: `${id}-url`,
      type: 'url',
      value: url,
      onInput: (e: Event) => setUrl((e.currentTarget as HTMLInputElement).value),
    }),
    h('button', { type: 'submit' }, item.report ? 'Revise the status' : 'Report the status'),
    h(ErrorBox, { error }),
  );
};

const VerdictForm = ({ item, reload }: { item: Item; reload: () => void }) => {
  const { api } = useApp();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const send = async (verdict: 'confirm' | 'dispute') => {
    try {
      await api.post(
        `/reviews/${item.reviewId}/follow-ups/${item.followUpId}/verdicts`,
        { verdict, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        { headers: { 'if-match': String(item.version) } },
      );
      setError(null);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const id = `fv-${item.followUpId}`;
  return h(
    'div',
    {
      class: 'follow-up-verdict',
      role: 'group',
      'aria-label': `Your verdict on ${item.observation.article}`,
    },
    h('label', { for: id }, 'Comment (required to dispute)'),
    h('textarea', {
      id,
      value: comment,
      onInput: (e: Event) => setComment((e.currentTarget as HTMLTextAreaElement).value),
    }),
    h('button', { type: 'button', onClick: () => send('confirm') }, 'Confirm the status'),
    h('button', { type: 'button', class: 'secondary', onClick: () => send('dispute') }, 'Dispute the status'),
    h(ErrorBox, { error }),
  );
};

export const FollowUpsTab = ({ review }: { review: ReviewView }) => {
  const { api, session } = useApp();
  const load = useLoad(() => api.get<List>(`/reviews/${review.reviewId}/follow-ups`), [review.reviewId]);
  const state = session.user.state;
  const isStateUser = session.user.role === 'focal-point' || session.user.role === 'expert';
  return h(
    'section',
    { 'aria-labelledby': 'fu-h' },
    h('h2', { id: 'fu-h' }, 'Follow-up of earlier observations'),
    h(Show<List>, {
      load,
      children: (list) =>
        list.items.length === 0
          ? h('p', { class: 'empty' }, 'No earlier agreed observation to follow up in this review.')
          : h(
              'ul',
              { class: 'follow-ups' },
              ...list.items.map((item) => {
                const label = (id: string | undefined) =>
                  list.scale.find((s) => s.id === id)?.label ?? id ?? '';
                const mayReport = review.relation === 'reviewed' && isStateUser && item.stage !== 'agreed';
                const mayJudge =
                  review.relation === 'reviewer' &&
                  isStateUser &&
                  item.report !== null &&
                  item.stage !== 'agreed' &&
                  state !== null &&
                  item.confirmers.includes(state);
                return h(
                  'li',
                  { 'data-follow-up': item.followUpId, 'data-stage': item.stage },
                  h('h3', {}, `${item.observation.article} — ${list.kindLabels[item.observation.kind]}`),
                  h('p', { dir: 'auto' }, item.observation.text),
                  item.previousStatus
                    ? h('p', { class: 'muted' }, `Earlier agreed status: ${label(item.previousStatus)}`)
                    : null,
                  h('p', {}, h('span', { class: 'badge' }, STAGE_LABEL[item.stage])),
                  item.report
                    ? h(
                        'p',
                        {},
                        h('strong', {}, `Reported: ${label(item.report.status)}. `),
                        h('span', { dir: 'auto' }, item.report.explanation),
                      )
                    : null,
                  ...Object.entries(item.verdicts)
                    .filter(([, v]) => v.reportN === item.report?.n)
                    .map(([s, v]) =>
                      h(
                        'p',
                        { class: 'muted' },
                        `${s}: ${v.verdict === 'confirm' ? 'confirms' : 'disputes'}${v.comment ? ` — ${v.comment}` : ''}`,
                      ),
                    ),
                  mayReport ? h(ReportForm, { list, item, reload: load.reload }) : null,
                  mayJudge ? h(VerdictForm, { item, reload: load.reload }) : null,
                );
              }),
            ),
    }),
  );
};
