/**
 * Submitted answers as a reader sees them: each question's words and its answer as text (the
 * option chosen, the text, the laws cited as links, the statistics, the attached files as
 * downloads), not a form with disabled controls. Shared by the reviewers' workspace and the
 * differences between versions.
 */
import { type ComponentChild, h } from 'preact';
import { t } from '../i18n/index.ts';
import type { Attachment, Diff, FormField, FormModel } from '../types.ts';
import { useApp, useLoad } from '../ui.ts';

type Item = Record<string, unknown>;
type AttachmentDownload = Attachment & { download: { url: string } | null };

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Only http(s) links become links: a stored `javascript:` URL must never be clickable. */
const safeHref = (url: unknown): string | undefined =>
  typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;

const NotAnswered = () => h('span', { class: 'not-answered' }, t('answers.notAnswered'));

/** A citation or a statistic: its sub-fields in words; a citation's title links to its URL. */
const ItemText = ({ field, item }: { field: Extract<FormField, { item: unknown }>; item: Item }) => {
  const parts: ComponentChild[] = field.item
    .filter((sub) => sub.key !== 'url' && !isBlank(item[sub.key]))
    .map((sub) => {
      const text = String(item[sub.key]);
      const href = sub.key === 'title' ? safeHref(item.url) : undefined;
      return h(
        'span',
        { class: 'item-part' },
        sub.key === 'title' ? null : `${sub.label}: `,
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text) : text,
      );
    });
  const url = safeHref(item.url);
  // A link without a title to hang it on is shown as the address itself.
  if (url && isBlank(item.title))
    parts.unshift(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url));
  return h('li', {}, ...parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
};

/** A file of a submission: its name as a download (the URL is short-lived, fetched when shown). */
const AttachmentLink = ({ base, id }: { base: string; id: string }) => {
  const { api } = useApp();
  const file = useLoad(() => api.get<AttachmentDownload>(`${base}/attachments/${id}`), [base, id]);
  const a = file.data;
  if (!a) return h('li', {}, file.error ? t('answers.fileUnavailable', { id }) : t('app.loading'));
  const label = `${a.name} (${Math.ceil(a.size / 1024)} KiB)`;
  return h(
    'li',
    {},
    a.download ? h('a', { href: a.download.url, download: a.name, 'data-attachment': id }, label) : label,
  );
};

/** One answer as text; `base` is the self-assessment's API path, for the files. */
export const AnswerText = ({ field, value, base }: { field: FormField; value: unknown; base: string }) => {
  if (isBlank(value) || (Array.isArray(value) && value.length === 0)) return h(NotAnswered, {});
  switch (field.widget) {
    case 'radio':
      return h('span', {}, field.options.find((o) => o.value === value)?.label ?? String(value));
    case 'textarea':
      return h('span', { class: 'answer-text' }, String(value));
    case 'citation-list':
    case 'statistics-list':
      return h(
        'ul',
        { class: 'answer-items' },
        ...(Array.isArray(value) ? (value as Item[]) : []).map((item) => h(ItemText, { field, item })),
      );
    case 'attachment-list':
      return h(
        'ul',
        { class: 'answer-items' },
        ...(Array.isArray(value) ? (value as string[]) : []).map((id) =>
          h(AttachmentLink, { key: id, base, id }),
        ),
      );
  }
};

/** A model's articles as question → answer text; `aside` adds content beside each article (comments). */
export const ReadingView = ({
  model,
  answers,
  base,
  aside,
  changes,
}: {
  model: FormModel;
  answers: Readonly<Record<string, unknown>>;
  base: string;
  aside?: (articleId: string) => preact.ComponentChildren;
  /** The differences from an earlier version: the questions they name are marked, with the answer before. */
  changes?: Diff;
}) => {
  const changed = new Map((changes?.changes ?? []).map((c) => [c.questionId, c]));
  return h(
    'div',
    { class: 'questionnaire reading' },
    ...model.sections.map((s) =>
      h(
        'section',
        { class: 'cluster', key: `${model.instrument}/${s.cluster}` },
        h('h3', {}, t('qnav.cluster', { cluster: s.cluster, title: s.title })),
        ...s.articles.map((a) =>
          h(
            'article',
            {
              key: a.articleId,
              class: aside ? 'article split' : 'article',
              id: `art-${a.articleId}`,
              'data-article': a.articleId,
            },
            h(
              'div',
              { class: 'answers' },
              h('h4', {}, `${a.articleId} — ${a.title}`),
              h(
                'dl',
                { class: 'answer-list' },
                ...a.fields.map((f) => {
                  const c = changed.get(f.id);
                  return h(
                    'div',
                    { class: c ? 'answer changed' : 'answer', 'data-question': f.id, key: f.id },
                    h('dt', {}, f.label),
                    h('dd', {}, h(AnswerText, { field: f, value: answers[f.id], base })),
                    c && changes
                      ? h(
                          'dd',
                          { class: 'was', 'data-changed-since': changes.from },
                          h('span', { class: 'badge' }, t('diff.changedSince', { from: changes.from })),
                          c.kind === 'added'
                            ? null
                            : [' ', h('del', {}, h(AnswerText, { field: f, value: c.before, base }))],
                        )
                      : null,
                  );
                }),
              ),
            ),
            aside
              ? h(
                  'aside',
                  { class: 'comments', 'aria-label': t('common.commentsOn', { article: a.articleId }) },
                  aside(a.articleId),
                )
              : null,
          ),
        ),
      ),
    ),
  );
};
