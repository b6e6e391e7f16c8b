/**
 * The self-assessment questionnaire as a form generated from its definition (the server's form
 * model): autosave with If-Match, the server's validation messages next to each field,
 * attachments uploaded to a pre-signed URL with progress, submission by the focal point, and the
 * submitted versions with their differences.
 */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Instrument } from '#shared/domain/types.ts';
import { ApiError } from '../api.ts';
import type {
  Attachment,
  Diff,
  Draft,
  FormField,
  FormModel,
  SubmissionSummary,
  UploadTicket,
} from '../types.ts';
import { ActionButton, ErrorBox, Field, fmtDateTime, Show, Table, useApp, useLoad } from '../ui.ts';

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
    { class: 'items' },
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
  const label = `${field.label}${field.required ? ' (required)' : ''}`;
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
        h(Field, {
          label,
          hint: field.help,
          errors: errors(field.path),
          children: (id, d, invalid) =>
            h('textarea', {
              id,
              rows: 4,
              maxLength: field.maxLength,
              readOnly,
              value: typeof value === 'string' ? value : '',
              'aria-describedby': d,
              'aria-invalid': invalid,
              onInput: (e: Event) => set(field.id, (e.currentTarget as HTMLTextAreaElement).value || null),
            }),
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
        { class: 'cluster' },
        h('h3', {}, `Cluster ${s.cluster}: ${s.title}${s.titleUnconfirmed ? ' (title unconfirmed)' : ''}`),
        ...s.articles.map((a) =>
          h(
            'article',
            {
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

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';
const SAVE_LABEL: Record<SaveState, string> = {
  idle: 'No changes yet',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  saved: 'All changes saved',
  error: 'Not saved: see the messages next to the fields',
  conflict: 'Someone else saved a newer version: reload to see it',
};

export const DraftEditor = ({
  reviewId,
  instrument,
  canSubmit,
  onSubmitted,
}: {
  reviewId: string;
  instrument: Instrument;
  canSubmit: boolean;
  onSubmitted: () => void;
}) => {
  const { api } = useApp();
  const base = `/reviews/${reviewId}/self-assessments/${instrument}`;
  const load = useLoad(
    async () => ({
      model: await api.get<FormModel>(`${base}/questionnaire`),
      draft: await api.get<Draft>(`${base}/draft`),
    }),
    [base],
  );
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const version = useRef(0);
  const pending = useRef<Answers>({});
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  useEffect(() => {
    if (load.data) {
      setAnswers(load.data.draft.answers);
      version.current = load.data.draft.version;
      setMissing(load.data.draft.completeness.missing);
    }
  }, [load.data]);

  const flush = async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const patch = pending.current;
    if (Object.keys(patch).length === 0) return;
    pending.current = {};
    setSaveState('saving');
    const run = (async () => {
      try {
        const d = await api.patch<Draft>(
          `${base}/draft`,
          { answers: patch },
          { headers: { 'if-match': String(version.current) } },
        );
        version.current = d.version;
        setMissing(d.completeness.missing);
        setError(null);
        setSaveState(Object.keys(pending.current).length ? 'pending' : 'saved');
      } catch (err) {
        // Keep the unsaved answers so the next edit retries them.
        pending.current = { ...patch, ...pending.current };
        setError(err);
        setSaveState(err instanceof ApiError && err.status === 409 ? 'conflict' : 'error');
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  };

  const set = (id: string, v: unknown) => {
    setAnswers((a) => ({ ...(a ?? {}), [id]: v }));
    pending.current = { ...pending.current, [id]: v };
    setSaveState('pending');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), 700);
  };

  const errors = (path: string) => (error instanceof ApiError ? error.forField(path) : []);

  return h(Show<{ model: FormModel; draft: Draft }>, {
    load,
    children: ({ model }) => [
      h(
        'div',
        {
          class: 'savebar',
          role: 'status',
          'aria-live': 'polite',
          'data-testid': 'save-state',
          'data-state': saveState,
        },
        SAVE_LABEL[saveState],
        missing.length
          ? h('span', { class: 'muted' }, ` · ${missing.length} required answers missing`)
          : null,
      ),
      error && !(error instanceof ApiError && error.issues.length) ? h(ErrorBox, { error }) : null,
      h(QuestionnaireView, { model, answers: answers ?? {}, errors, readOnly: false, base, set }),
      canSubmit
        ? h(
            'div',
            { class: 'actions' },
            h(ActionButton, {
              label: 'Submit the self-assessment',
              run: async () => {
                await flush();
                try {
                  await api.post(`${base}/submissions`);
                } catch (err) {
                  setError(err);
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
  const [diff, setDiff] = useState<Diff | null>(null);
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
                    run: async () => setDiff(await api.get<Diff>(`${base}/submissions/${s.version}/diff`)),
                  })
                : '',
            ]),
          }),
      diff
        ? h(Table, {
            caption: `Changes from v${diff.from} to v${diff.to}`,
            head: ['Question', 'Change', 'Before', 'After'],
            rows: diff.changes.map((c) => [
              c.questionId,
              c.kind,
              JSON.stringify(c.before ?? null),
              JSON.stringify(c.after ?? null),
            ]),
          })
        : null,
    ],
  });
};
