/**
 * Review › Summary: the country review summary drafted from the agreed list of observations,
 * in every language. Reviewers and the secretariat generate (or regenerate) the draft, the
 * reviewed State's focal point agrees it, the secretariat publishes it. Each step names the
 * document version it acts on, so nobody agrees or publishes a version they have not seen.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import { t } from '../i18n/index.ts';
import { REVIEW_STATE_LABEL } from '../labels.ts';
import type { ReviewView, SummaryFormat, SummaryHead, SummaryScope } from '../types.ts';
import {
  ActionButton,
  DocFrame,
  Field,
  fmtDate,
  fmtDateTime,
  LANGUAGE_NAMES,
  PrintButton,
  Show,
  saveBlob,
  Table,
  useApp,
  useLoad,
} from '../ui.ts';

const FORMAT_LABEL: Record<SummaryFormat, string> = {
  html: 'HTML',
  md: 'Markdown',
  pdf: 'PDF',
  docx: 'Word',
};

const LIFECYCLE_TEXT: Record<SummaryHead['lifecycle'], string> = {
  draft: 'Draft: awaiting the agreement of the reviewed State',
  agreed: 'Agreed by the reviewed State: awaiting publication by the secretariat',
  published: 'Published: public on the published summaries page',
};

/**
 * The version the reviewed State agreed: agreeing and publishing each re-issue that same text
 * with its stamp as a new document version, so the reader is shown the agreed one throughout.
 * (Heads stored before `agreedDocumentVersion` name only their own document version.)
 */
const agreedVersionOf = (head: SummaryHead): number => head.agreedDocumentVersion ?? head.documentVersion;

const versionText = (head: SummaryHead): string => {
  if (head.lifecycle === 'draft') return t('summaryVersion.draft', { version: head.documentVersion });
  const agreed = t('summaryVersion.agreedText', {
    version: agreedVersionOf(head),
    date: fmtDate(head.agreedAt),
  });
  return head.agreedDocumentVersion === undefined || head.agreedDocumentVersion === head.documentVersion
    ? agreed
    : `${agreed} · ${t('summaryVersion.issue', { issue: head.documentVersion, stamp: head.lifecycle === 'published' ? t('summaryVersion.stamp.published') : t('summaryVersion.stamp.agreed') })}`;
};

/** The HTML of the chosen language, in a sandboxed frame. */
const Viewer = ({ head, lang }: { head: SummaryHead; lang: Language }) => {
  const { api } = useApp();
  const has = head.files.some((f) => f.lang === lang && f.format === 'html');
  const load = useLoad(
    async () =>
      has
        ? api.text(`/reviews/${head.reviewId}/summaries/${head.scope}/document?lang=${lang}&format=html`)
        : '',
    [head.reviewId, head.scope, head.documentVersion, lang],
  );
  if (!has) return h('p', { class: 'muted' }, `No HTML in ${LANGUAGE_NAMES[lang]}.`);
  return h(Show<string>, {
    load,
    children: (html) =>
      h(DocFrame, {
        html,
        title: `Summary of ${head.stateName}, ${head.scope}, version ${head.documentVersion}, ${LANGUAGE_NAMES[lang]}`,
      }),
  });
};

const Downloads = ({ head, lang }: { head: SummaryHead; lang: Language }) => {
  const { api } = useApp();
  const formats: SummaryFormat[] = ['pdf', 'docx', 'md', 'html'];
  return h(
    'div',
    { class: 'actions', 'data-testid': 'summary-downloads' },
    head.files.some((f) => f.lang === lang && f.format === 'html') ? h(PrintButton, {}) : null,
    ...formats.map((format) => {
      const missing = head.unavailable.find((u) => u.lang === lang && u.format === format);
      const present = head.files.some((f) => f.lang === lang && f.format === format);
      if (!present) {
        return h(
          'p',
          { class: 'muted', 'data-unavailable': `${lang}.${format}` },
          `${FORMAT_LABEL[format]} not available in ${LANGUAGE_NAMES[lang]}: ${missing?.reason ?? 'not produced'}`,
        );
      }
      return h(ActionButton, {
        label: `Download ${FORMAT_LABEL[format]} (${lang})`,
        kind: 'secondary',
        run: async () => {
          const blob = await api.blob(
            `/reviews/${head.reviewId}/summaries/${head.scope}/document?lang=${lang}&format=${format}`,
          );
          saveBlob(blob, `${head.reviewedState}-${head.scope}-v${head.documentVersion}-${lang}.${format}`);
        },
      });
    }),
  );
};

export const SummaryTab = ({ review, reloadReview }: { review: ReviewView; reloadReview: () => void }) => {
  const { api } = useApp();
  const scopes: SummaryScope[] = ['combined', ...review.instruments];
  const [scope, setScope] = useState<SummaryScope>('combined');
  const [lang, setLang] = useState<Language>('en');
  const load = useLoad(
    () => api.get<{ summaries: SummaryHead[] }>(`/reviews/${review.reviewId}/summaries`),
    [review.reviewId, review.version],
  );
  const base = `/reviews/${review.reviewId}/summaries/${scope}`;
  // What the caller may do now comes from the server (allowedActions), not from rules kept here.
  const canGenerate = review.allowedActions.includes('summary.generate');
  const canAgree = review.allowedActions.includes('summary.agree');
  const canPublish = review.allowedActions.includes('summary.publish');
  // The review's own step moves with the combined summary; reload it too after a step.
  const after = () => {
    load.reload();
    if (scope === 'combined') reloadReview();
  };
  return h(Show<{ summaries: SummaryHead[] }>, {
    load,
    children: ({ summaries }) => {
      const head = summaries.find((s) => s.scope === scope);
      return [
        h(
          'div',
          { class: 'row' },
          h(Field, {
            label: 'Summary',
            hint: 'The combined summary carries the review to its next step; per-instrument ones do not.',
            children: (id, d) =>
              h(
                'select',
                {
                  id,
                  value: scope,
                  'aria-describedby': d,
                  onChange: (e: Event) =>
                    setScope((e.currentTarget as HTMLSelectElement).value as SummaryScope),
                },
                ...scopes.map((s) => {
                  const l = summaries.find((x) => x.scope === s)?.lifecycle;
                  return h(
                    'option',
                    { value: s },
                    `${s === 'combined' ? 'Combined' : s}${l ? ` (${l})` : ''}`,
                  );
                }),
              ),
          }),
          h(Field, {
            label: 'Language',
            children: (id) =>
              h(
                'select',
                {
                  id,
                  value: lang,
                  onChange: (e: Event) => setLang((e.currentTarget as HTMLSelectElement).value as Language),
                },
                ...LANGUAGES.map((l) => h('option', { value: l }, LANGUAGE_NAMES[l])),
              ),
          }),
        ),
        head
          ? h(
              'p',
              { role: 'status' },
              h(
                'span',
                { class: `badge summary-${head.lifecycle}`, 'data-testid': 'summary-lifecycle' },
                head.lifecycle,
              ),
              ` ${LIFECYCLE_TEXT[head.lifecycle]} · `,
              h('span', { 'data-testid': 'summary-version' }, versionText(head)),
              ` · generated ${fmtDateTime(head.generatedAt)}`,
              head.publishedAt ? ` · published ${fmtDateTime(head.publishedAt)}` : '',
              ` · ${head.observationIds.length} agreed observation(s)`,
            )
          : h(
              'p',
              { class: 'empty', role: 'status', 'data-testid': 'summary-lifecycle' },
              canGenerate
                ? 'No draft yet: generate it from the agreed list of observations.'
                : `No draft yet. A summary is drafted once the list of observations is agreed; the review is at “${REVIEW_STATE_LABEL[review.state]}”.`,
            ),
        h(
          'div',
          { class: 'actions' },
          canGenerate && (!head || head.lifecycle === 'draft')
            ? h(ActionButton, {
                label: head ? 'Regenerate the draft' : 'Generate the draft summary',
                kind: head ? 'secondary' : 'primary',
                run: async () => {
                  await api.post(base);
                  after();
                },
              })
            : null,
          canAgree && head?.lifecycle === 'draft'
            ? h(ActionButton, {
                label: `Agree to version ${head.documentVersion}`,
                confirm: `Agree to version ${head.documentVersion} of the summary on behalf of ${head.stateName}? The secretariat can then publish this text.`,
                done: `You agreed to version ${head.documentVersion}. The documents are re-issued with the stamp “agreed”; the text is the one you read.`,
                run: async () => {
                  await api.post(`${base}/agreement`, { documentVersion: head.documentVersion });
                  after();
                },
              })
            : null,
          canPublish && head?.lifecycle === 'agreed'
            ? h(ActionButton, {
                label: t('summaryVersion.publish', { version: agreedVersionOf(head) }),
                confirm: t('summaryVersion.publishConfirm', {
                  state: head.stateName,
                  version: agreedVersionOf(head),
                }),
                done: t('summaryVersion.published', { version: agreedVersionOf(head) }),
                run: async () => {
                  await api.post(`${base}/publication`, { documentVersion: head.documentVersion });
                  after();
                },
              })
            : null,
        ),
        head ? h(Downloads, { head, lang }) : null,
        head ? h(Viewer, { head, lang }) : null,
        head?.unavailable.length
          ? h(Table, {
              caption: 'Not produced in this version',
              head: ['Language', 'Format', 'Why'],
              rows: head.unavailable.map((x) => [LANGUAGE_NAMES[x.lang], FORMAT_LABEL[x.format], x.reason]),
            })
          : null,
      ];
    },
  });
};
