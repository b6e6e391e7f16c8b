/**
 * The self-assessment questionnaire as a form generated from its definition (the server's form
 * model): autosave with If-Match, the server's validation messages next to each field,
 * attachments uploaded to a pre-signed URL with progress, submission by the focal point, and the
 * submitted versions with their differences.
 */
import { h } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Instrument } from '#shared/domain/types.ts';
import { ApiError, isUnder } from '../api.ts';
import { DraftSaver, type SaverState } from '../autosave.ts';
import { currentLanguage } from '../i18n/index.ts';
import { articleIdsOf, articleOfQuestion, onlyArticle, progressOf } from '../questionnaire-progress.ts';
import type {
  Attachment,
  Diff,
  Draft,
  FormField,
  FormModel,
  SubmissionSummary,
  UploadTicket,
} from '../types.ts';
import {
  ActionButton,
  ErrorBox,
  Field,
  fmtDateTime,
  focusWhenShown,
  Show,
  Table,
  TextAreaField,
  useApp,
  useLeaveGuard,
  useLoad,
} from '../ui.ts';
import { DraftUpgradeOffer } from './draft-upgrade.ts';
import { ArticleSteps, QuestionnaireNav, useArticlePager } from './questionnaire-nav.ts';
import { VersionDiff } from './version-diff.ts';

type Answers = Record<string, unknown>;
type Item = Record<string, string | number | undefined>;

const asItems = (v: unknown): Item[] => (Array.isArray(v) ? (v as Item[]) : []);

/** Uploads with XMLHttpRequest because fetch reports no upload progress. */
const putWithProgress = (ticket: UploadTicket, file: File, onProgress: (pct: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', ticket.upload.url);
    for (const [k, v] of Object.entries(ticket.upload.headers)) {
      if (k.toLowerCase() !== 'content-length' && k.toLowerCase() !== 'host') xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`upload failed (${xhr.status})`)));
    xhr.onerror = () => reject(new Error('upload failed (network)'));
    xhr.send(file);
  });

const ItemList = ({
  field,
  value,
  errors,
  readOnly,
  onChange,
}: {
  field: Extract<FormField, { widget: 'citation-list' | 'statistics-list' }>;
  value: Item[];
  errors: (path: string) => string[];
  readOnly: boolean;
  onChange: (v: Item[]) => void;
}) =>
  h(
    'fieldset',
    { class: 'items', 'data-question': field.id },
    h('legend', {}, field.label, field.required ? h('span', { class: 'req' }, ' (required)') : null),
    field.help ? h('p', { class: 'hint' }, field.help) : null,
    ...value.map((item, i) =>
      h(
        'div',
        { class: 'item' },
        ...field.item.map((sub) =>
          h(Field, {
            label: `${sub.label} (${i + 1})`,
            errors: errors(`${field.path}[${i}].${sub.key}`),
            children: (id, d, invalid) =>
              h('input', {
                id,
                type: sub.widget === 'url' ? 'url' : sub.widget === 'text' ? 'text' : 'number',
                readOnly,
                value: item[sub.key] ?? '',
                'aria-describedby': d,
                'aria-invalid': invalid,
                onChange: (e: Event) => {
                  const raw = (e.currentTarget as HTMLInputElement).value;
                  const v =
                    sub.widget === 'number' || sub.widget === 'year'
                      ? raw === ''
                        ? undefined
                        : Number(raw)
                      : raw;
                  onChange(value.map((x, j) => (j === i ? { ...x, [sub.key]: v } : x)));
                },
              }),
          }),
        ),
        readOnly
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onClick: () => onChange(value.filter((_, j) => j !== i)),
              },
              `Remove item ${i + 1}`,
            ),
      ),
    ),
    readOnly || value.length >= field.maxItems
      ? null
      : h(
          'button',
          { type: 'button', class: 'secondary', onClick: () => onChange([...value, {}]) },
          'Add an item',
        ),
    errors(field.path).length ? h('p', { class: 'field-error' }, errors(field.path).join('; ')) : null,
  );

const AttachmentField = ({
  field,
  base,
  value,
  readOnly,
  onChange,
}: {
  field: Extract<FormField, { widget: 'attachment-list' }>;
  base: string;
  value: string[];
  readOnly: boolean;
  onChange: (v: string[]) => void;
}) => {
  const { api } = useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Readers of a submission cannot list the draft's attachments; they see the ids it names.
  const list = useLoad(
    async () =>
      readOnly ? { attachments: [] } : api.get<{ attachments: Attachment[] }>(`${base}/attachments`),
    [base, readOnly],
  );
  const byId = new Map((list.data?.attachments ?? []).map((a) => [a.attachmentId, a]));
  const upload = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      const ticket = await api.post<UploadTicket>(`${base}/attachments`, {
        name: file.name,
        contentType: file.type || 'application/octet-stream',
        size: file.size,
      });
      await putWithProgress(ticket, file, setProgress);
      await api.post(`${base}/attachments/${ticket.attachment.attachmentId}/confirm`);
      onChange([...value, ticket.attachment.attachmentId]);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  return h(
    'div',
    { class: 'field', 'data-question': field.id },
    h(Field, {
      label: field.label,
      hint: 'PDF, Word, OpenDocument, text, PNG or JPEG, at most 20 MiB each.',
      children: (id, d) =>
        readOnly
          ? null
          : h('input', {
              id,
              type: 'file',
              'aria-describedby': d,
              disabled: progress !== null || value.length >= field.maxItems,
              onChange: (e: Event) => {
                const f = (e.currentTarget as HTMLInputElement).files?.[0];
                if (f) void upload(f);
              },
            }),
    }),
    progress !== null ? h('progress', { max: 100, value: progress, 'aria-label': 'Upload progress' }) : null,
    h(ErrorBox, { error }),
    h(
      'ul',
      {},
      ...value.map((id) => {
        const a = byId.get(id);
        return h(
          'li',
          {},
          a ? `${a.name} (${Math.ceil(a.size / 1024)} KiB, ${a.status})` : id,
          readOnly
            ? null
            : h(
                'button',
                { type: 'button', class: 'link', onClick: () => onChange(value.filter((x) => x !== id)) },
                ' remove',
              ),
        );
      }),
    ),
  );
};

const FieldView = ({
  field,
  answers,
  errors,
  readOnly,
  base,
  set,
}: {
  field: FormField;
  answers: Answers;
  errors: (path: string) => string[];
  readOnly: boolean;
  base: string;
  set: (id: string, v: unknown) => void;
}) => {
  const value = answers[field.id];
  // A text the form's language lacks is shown in English, and says so.
  const label = `${field.label}${field.fallback ? ' (in English)' : ''}${field.required ? ' (required)' : ''}`;
  switch (field.widget) {
    case 'radio':
      return h(
        'fieldset',
        { class: errors(field.path).length ? 'radio invalid' : 'radio', 'data-question': field.id },
        h('legend', {}, label),
        field.help ? h('p', { class: 'hint' }, field.help) : null,
        ...field.options.map((o) =>
          h(
            'label',
            { class: 'inline' },
            h('input', {
              type: 'radio',
              name: field.id,
              value: o.value,
              disabled: readOnly,
              checked: value === o.value,
              onChange: () => set(field.id, o.value),
            }),
            ` ${o.label}`,
          ),
        ),
        errors(field.path).length ? h('p', { class: 'field-error' }, errors(field.path).join('; ')) : null,
      );
    case 'textarea':
      return h(
        'div',
        { 'data-question': field.id },
        h(TextAreaField, {
          label,
          hint: field.help,
          errors: errors(field.path),
          rows: 4,
          maxLength: field.maxLength,
          readOnly,
          value: typeof value === 'string' ? value : '',
          onText: (text: string) => set(field.id, text || null),
        }),
      );
    case 'citation-list':
    case 'statistics-list':
      return h(ItemList, {
        field,
        value: asItems(value),
        errors,
        readOnly,
        onChange: (v) => set(field.id, v),
      });
    case 'attachment-list':
      return h(AttachmentField, {
        field,
        base,
        value: Array.isArray(value) ? (value as string[]) : [],
        readOnly,
        onChange: (v) => set(field.id, v),
      });
  }
};

/** Renders a form model's articles; `aside` adds content beside each article (the reviewers' comments). */
export const QuestionnaireView = ({
  model,
  answers,
  errors = () => [],
  readOnly,
  base,
  set = () => undefined,
  aside,
}: {
  model: FormModel;
  answers: Answers;
  errors?: (path: string) => string[];
  readOnly: boolean;
  base: string;
  set?: (id: string, v: unknown) => void;
  aside?: (articleId: string) => preact.ComponentChildren;
}) =>
  h(
    'div',
    { class: 'questionnaire' },
    ...model.sections.map((s) =>
      h(
        'section',
        { class: 'cluster', key: `${model.instrument}/${s.cluster}` },
        h('h3', {}, `Cluster ${s.cluster}: ${s.title}${s.titleUnconfirmed ? ' (title unconfirmed)' : ''}`),
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
              ...a.fields.map((f) => h(FieldView, { field: f, answers, errors, readOnly, base, set })),
            ),
            aside
              ? h(
                  'aside',
                  { class: 'comments', 'aria-label': `Comments on ${a.articleId}` },
                  aside(a.articleId),
                )
              : null,
          ),
        ),
      ),
    ),
  );

/** A question by its answer path (`answers.TIP.5.q1[0].year` → TIP.5.q1), with its words. */
const questionOf = (model: FormModel, path: string): { id: string; label: string } => {
  for (const s of model.sections) {
    for (const a of s.articles) {
      for (const f of a.fields) {
        if (isUnder(path, f.path)) return { id: f.id, label: `${a.articleId} — ${f.label}` };
      }
    }
  }
  return { id: '', label: path.replace(/^(body\.)?answers\./, '') };
};

/** A question named in a list (missing, refused): a button that takes the user to it. */
const QuestionLink = ({ id, text, go }: { id: string; text: string; go: (question: string) => void }) =>
  id ? h('button', { type: 'button', class: 'link', onClick: () => go(id) }, text) : h('span', {}, text);

/** The GOV.UK error summary: what is wrong, in words, each linked to its question. */
const IssueSummary = ({
  title,
  items,
  go,
}: {
  title: string;
  items: { id: string; label: string; message: string }[];
  go: (question: string) => void;
}) =>
  h(
    'div',
    { class: 'error-summary', role: 'alert', tabIndex: -1, 'data-testid': 'error-summary' },
    h('h2', {}, title),
    h(
      'ul',
      {},
      ...items.map((i) => h('li', {}, h(QuestionLink, { id: i.id, text: `${i.label}: ${i.message}`, go }))),
    ),
  );

const timeOf = (d: Date) => fmtDateTime(d.toISOString());

const saveLabel = (s: SaverState): string => {
  const last = s.lastSavedAt ? ` Last saved at ${timeOf(s.lastSavedAt)}.` : '';
  switch (s.status) {
    case 'idle':
      return s.lastSavedAt ? `No changes yet.${last}` : 'No changes yet.';
    case 'pending':
      return `Unsaved changes…${last}`;
    case 'saving':
      return `Saving…${last}`;
    case 'saved':
      return `All changes saved.${last}`;
    case 'invalid':
      return `${s.rejected.length === 1 ? '1 answer is' : `${s.rejected.length} answers are`} not saved: correct ${s.rejected.length === 1 ? 'it' : 'them'} as the messages beside the fields say. Everything else is saved.${last}`;
    case 'error':
      return `Not saved: the server could not be reached or refused the change; your next edit tries again.${last}`;
    case 'conflict':
      return 'Someone else saved a newer version: reload to see it (your unsaved changes are kept until you do).';
  }
};

export const DraftEditor = ({
  reviewId,
  instrument,
  canSubmit,
  onSubmitted,
  onMissing,
}: {
  reviewId: string;
  instrument: Instrument;
  canSubmit: boolean;
  onSubmitted: () => void;
  /** Told how many required answers are missing, at load and after each save. */
  onMissing?: (count: number) => void;
}) => {
  const { api } = useApp();
  const base = `/reviews/${reviewId}/self-assessments/${instrument}`;
  // The questionnaire's own texts in the interface language, where its version gives them.
  const lang = currentLanguage();
  const load = useLoad(
    async () => ({
      model: await api.get<FormModel>(`${base}/questionnaire?lang=${lang}`),
      draft: await api.get<Draft>(`${base}/draft`),
    }),
    [base, lang],
  );
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [saver, setSaver] = useState<DraftSaver | null>(null);
  const [saveState, setSaveState] = useState<SaverState | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const articles = useMemo(() => articleIdsOf(load.data?.model), [load.data]);
  const pager = useArticlePager(articles);
  useEffect(() => {
    if (load.data) onMissing?.(missing.length);
  }, [missing, load.data]);
  const goToQuestion = (question: string) => {
    const article = load.data && articleOfQuestion(load.data.model, question);
    if (article) pager.go(article, question);
  };

  useEffect(() => {
    if (!load.data) return;
    const { draft } = load.data;
    setAnswers(draft.answers);
    setMissing(draft.completeness.missing);
    const s = new DraftSaver(
      (patch, version) =>
        api.patch<Draft>(`${base}/draft`, { answers: patch }, { headers: { 'if-match': String(version) } }),
      draft.version,
      draft.updatedAt ? new Date(draft.updatedAt) : null,
      (state, saved) => {
        setSaveState(state);
        if (saved) setMissing(saved.completeness.missing);
      },
    );
    setSaver(s);
    setSaveState(s.current);
    // Leaving the screen saves what is waiting rather than dropping it.
    return () => {
      window.clearTimeout(timer.current);
      void s.flush();
    };
  }, [load.data]);

  const guard = useMemo(
    () => ({
      navigate: () => saver !== null && saver.current.rejected.length > 0,
      unload: () => saver?.unsaved ?? false,
    }),
    [saver],
  );
  useLeaveGuard(guard);

  const set = (id: string, v: unknown) => {
    setAnswers((a) => ({ ...(a ?? {}), [id]: v }));
    if (!saver) return;
    saver.edit(id, v);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saver.flush(), 700);
  };

  const errors = (path: string) => [
    ...(saver?.messagesFor(path) ?? []),
    ...(submitError instanceof ApiError ? submitError.forField(path) : []),
  ];
  const generalError =
    saveState?.error ?? (submitError instanceof ApiError && submitError.issues.length ? null : submitError);

  return h(Show<{ model: FormModel; draft: Draft }>, {
    load,
    children: ({ model, draft }) => [
      draft.version > 0
        ? h(DraftUpgradeOffer, {
            base,
            instrument,
            onVersion: model.version,
            beforeUpgrade: async () => saver?.flush(),
            onDone: load.reload,
          })
        : null,
      h(
        'div',
        {
          class: 'savebar',
          role: 'status',
          'aria-live': 'polite',
          'data-testid': 'save-state',
          'data-state': saveState?.status ?? 'idle',
        },
        saveState ? saveLabel(saveState) : '',
        missing.length
          ? h('span', { class: 'muted' }, ` · ${missing.length} required answers missing`)
          : null,
      ),
      submitError instanceof ApiError && submitError.issues.length
        ? h(IssueSummary, {
            title: 'The self-assessment was not submitted. Please correct:',
            items: submitError.issues.map((i) => ({ ...questionOf(model, i.path), message: i.message })),
            go: goToQuestion,
          })
        : null,
      generalError ? h(ErrorBox, { error: generalError }) : null,
      missing.length
        ? h(
            'details',
            { class: 'missing', 'data-testid': 'missing' },
            h('summary', {}, `${missing.length} required answers missing: show them`),
            h(
              'ul',
              {},
              ...missing.map((p) => {
                const q = questionOf(model, p);
                return h('li', {}, h(QuestionLink, { ...q, text: q.label, go: goToQuestion }));
              }),
            ),
          )
        : null,
      h(
        'div',
        { class: 'qlayout' },
        h(QuestionnaireNav, {
          instrument,
          sections: progressOf(model, answers ?? {}, missing),
          pager,
        }),
        h(
          'div',
          { class: 'qmain' },
          h(QuestionnaireView, {
            model: onlyArticle(model, pager.shown),
            answers: answers ?? {},
            errors,
            readOnly: false,
            base,
            set,
          }),
          h(ArticleSteps, { articles, pager }),
        ),
      ),
      canSubmit
        ? h(
            'div',
            { class: 'actions' },
            h(ActionButton, {
              label: 'Submit the self-assessment',
              confirm: `Submit the self-assessment for ${instrument}? The reviewers will read this version; later changes make a new version.`,
              done: `The self-assessment for ${instrument} is submitted.`,
              run: async () => {
                setSubmitError(null);
                window.clearTimeout(timer.current);
                await saver?.flush();
                if (saver?.current.rejected.length) {
                  throw new Error('Some answers are not saved: correct them before submitting.');
                }
                try {
                  await api.post(`${base}/submissions`);
                } catch (err) {
                  setSubmitError(err);
                  if (err instanceof ApiError && err.issues.length) {
                    focusWhenShown('[data-testid="error-summary"]');
                    // The list at the top says what and where; the button only says it did not go.
                    throw new Error('Not submitted: see the list of problems at the top.');
                  }
                  throw err;
                }
                onSubmitted();
              },
            }),
          )
        : h('p', { class: 'muted' }, 'Your focal point submits the self-assessment.'),
    ],
  });
};

export const Submissions = ({ reviewId, instrument }: { reviewId: string; instrument: Instrument }) => {
  const { api } = useApp();
  const base = `/reviews/${reviewId}/self-assessments/${instrument}`;
  const load = useLoad(() => api.get<{ submissions: SubmissionSummary[] }>(`${base}/submissions`), [base]);
  const [diff, setDiff] = useState<{ diff: Diff; model: FormModel } | null>(null);
  return h(Show<{ submissions: SubmissionSummary[] }>, {
    load,
    children: ({ submissions }) => [
      submissions.length === 0
        ? h('p', { class: 'empty' }, 'Nothing submitted yet.')
        : h(Table, {
            caption: `Submitted versions (${instrument})`,
            head: ['Version', 'Submitted', 'By', 'SHA-256', ''],
            rows: submissions.map((s) => [
              `v${s.version}`,
              fmtDateTime(s.submittedAt),
              s.submittedByName,
              h('code', {}, s.sha256.slice(0, 16)),
              s.version > 1
                ? h(ActionButton, {
                    label: `Changes in v${s.version}`,
                    kind: 'secondary',
                    run: async () =>
                      setDiff({
                        diff: await api.get<Diff>(`${base}/submissions/${s.version}/diff`),
                        model: await api.get<FormModel>(`${base}/questionnaire`),
                      }),
                  })
                : '',
            ]),
          }),
      diff ? h(VersionDiff, { diff: diff.diff, model: diff.model, base }) : null,
    ],
  });
};
