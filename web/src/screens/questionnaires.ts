/**
 * Questionnaires for the secretariat: the versions of each instrument's questionnaire, uploading
 * a definition (JSON or spreadsheet; every problem listed by row and field, nothing loaded), the
 * preview of an upload as the form a State will see in each language, and publishing it.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { DefinitionIssue } from '#shared/domain/questionnaire/check.ts';
import type { QuestionnaireSeries } from '#shared/domain/questionnaire/records.ts';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import type { questionnaireRoutes } from '#shared/http/routes/questionnaires.ts';
import { ApiError } from '../api.ts';
import type { FormModel } from '../types.ts';
import {
  ActionButton,
  Field,
  fmtDateTime,
  LANGUAGE_NAMES,
  link,
  Show,
  Table,
  useApp,
  useLoad,
} from '../ui.ts';
import { QuestionnaireView } from './self-assessment.ts';

type UploadRoute = Extract<(typeof questionnaireRoutes)[number], { operationId: 'getQuestionnaireUpload' }>;
type UploadView = z.infer<UploadRoute['response']>;

const base64Of = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

const issuesOf = (err: unknown): DefinitionIssue[] | null => {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const details = err.details as { issues?: DefinitionIssue[] } | undefined;
  return Array.isArray(details?.issues) && details.issues.every((i) => typeof i.row === 'string')
    ? details.issues
    : null;
};

const UploadPanel = () => {
  const { api, navigate } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<DefinitionIssue[] | null>(null);
  return h(
    'section',
    { 'aria-labelledby': 'q-upload' },
    h('h2', { id: 'q-upload' }, 'Upload a definition'),
    h(
      'p',
      { class: 'hint' },
      'A questionnaire in the JSON format or the spreadsheet form (.xlsx: a Questionnaire sheet and a Questions sheet, one row per question). It is checked as a whole: with any problem nothing is loaded. Uploading does not publish.',
    ),
    h(
      'form',
      { class: 'filters', onSubmit: (e: Event) => e.preventDefault() },
      h(Field, {
        label: 'Definition file',
        hint: '.json or .xlsx',
        children: (id, d) =>
          h('input', {
            id,
            type: 'file',
            accept: '.json,.xlsx',
            'aria-describedby': d,
            onChange: (e: Event) => {
              setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setIssues(null);
            },
          }),
      }),
      h(ActionButton, {
        label: 'Check and upload',
        disabled: file === null,
        run: async () => {
          if (!file) return;
          setIssues(null);
          try {
            const upload = await api.post<UploadView>('/questionnaires/uploads', {
              fileName: file.name,
              contentBase64: await base64Of(file),
            });
            navigate(`/questionnaires/uploads/${upload.uploadId}`);
          } catch (err) {
            const found = issuesOf(err);
            if (!found) throw err;
            setIssues(found);
          }
        },
      }),
    ),
    issues
      ? h(
          'div',
          { 'data-testid': 'upload-issues', role: 'alert' },
          h(
            'p',
            { class: 'error' },
            `${issues.length} problem(s) found; nothing was loaded. Correct the file and upload it again.`,
          ),
          h(Table, {
            caption: 'Problems in the file',
            head: ['Row', 'Field', 'Problem'],
            rows: issues.map((i) => [i.row, i.field, i.message]),
          }),
        )
      : null,
  );
};

export const QuestionnairesScreen = () => {
  const { api } = useApp();
  const load = useLoad(() => api.get<{ questionnaires: QuestionnaireSeries[] }>('/questionnaires'), []);
  return h(
    'div',
    {},
    h('h1', { tabIndex: -1 }, 'Questionnaires'),
    h(Show<{ questionnaires: QuestionnaireSeries[] }>, {
      load,
      children: ({ questionnaires }) =>
        h(Table, {
          caption: 'Versions of each questionnaire',
          head: [
            'Instrument',
            'Version',
            'Origin',
            'Wording',
            'Languages',
            'Questions',
            'Placement unconfirmed',
          ],
          rows: questionnaires.flatMap((q) =>
            q.versions.map((v) => [
              q.instrument,
              `v${v.version}${v.version === q.latest ? ' (current)' : ''}`,
              v.shipped
                ? 'shipped with the platform'
                : `published ${fmtDateTime(v.publishedAt)} by ${v.publishedBy}`,
              v.wording === 'platform' ? 'the platform’s own wording (not the adopted text)' : 'adopted text',
              v.languages.join(', '),
              String(v.questionCount),
              v.unconfirmedPlacements.length ? v.unconfirmedPlacements.join(', ') : 'none',
            ]),
          ),
        }),
    }),
    h(UploadPanel, {}),
  );
};

const DiffList = ({ title, ids }: { title: string; ids: string[] }) =>
  h('li', {}, `${title}: ${ids.length ? ids.join(', ') : 'none'}`);

export const QuestionnaireUploadScreen = ({ uploadId }: { uploadId: string }) => {
  const { api } = useApp();
  const [lang, setLang] = useState<Language>('en');
  const [published, setPublished] = useState<number | null>(null);
  const upload = useLoad(
    () => api.get<UploadView>(`/questionnaires/uploads/${uploadId}`),
    [uploadId, published],
  );
  const form = useLoad(
    () => api.get<FormModel>(`/questionnaires/uploads/${uploadId}/form?lang=${lang}`),
    [uploadId, lang],
  );
  return h(
    'div',
    {},
    h('h1', { tabIndex: -1 }, 'Questionnaire upload'),
    h('p', {}, link('/questionnaires', 'All questionnaires')),
    h(Show<UploadView>, {
      load: upload,
      children: (u) =>
        h(
          'section',
          { 'data-testid': 'upload-summary' },
          h(
            'p',
            {},
            `${u.fileName} (${u.format}), ${u.questionnaireId}, uploaded ${fmtDateTime(u.uploadedAt)} by ${u.uploadedBy}.`,
          ),
          u.next
            ? h(
                'div',
                {},
                h(
                  'p',
                  { role: 'status' },
                  `Publishing makes this version ${u.next.version}: it replaces cluster(s) ${u.next.replaces.join(', ')}${u.next.keeps.length ? ` and keeps cluster(s) ${u.next.keeps.join(', ')} as they are` : ''}. Reviews whose self-assessment has started keep their version.`,
                ),
                u.next.diff
                  ? h(
                      'ul',
                      { 'aria-label': 'Changes against the current version' },
                      h(DiffList, { title: 'Questions added', ids: u.next.diff.added }),
                      h(DiffList, { title: 'Questions removed', ids: u.next.diff.removed }),
                      h(DiffList, {
                        title: 'Questions reworded',
                        ids: u.next.diff.reworded.map((r) => r.id),
                      }),
                      h(DiffList, {
                        title: 'Questions otherwise changed',
                        ids: u.next.diff.changed.map((c) => c.id),
                      }),
                    )
                  : null,
                u.next.issues.length
                  ? h(Table, {
                      caption: 'Problems with the clusters it does not replace',
                      head: ['Row', 'Field', 'Problem'],
                      rows: u.next.issues.map((i) => [i.row, i.field, i.message]),
                    })
                  : h(ActionButton, {
                      label: `Publish as version ${u.next.version}`,
                      confirm: `Publish ${u.questionnaireId} version ${u.next.version}? A published version cannot be changed.`,
                      run: async () => {
                        const res = await api.post<{ version: number }>(
                          `/questionnaires/uploads/${uploadId}/publish`,
                          undefined,
                        );
                        setPublished(res.version);
                      },
                    }),
              )
            : h(
                'p',
                { role: 'status', 'data-testid': 'upload-published' },
                `Published as version ${u.publishedVersion}.`,
              ),
        ),
    }),
    h(
      'section',
      { 'aria-labelledby': 'q-preview' },
      h('h2', { id: 'q-preview' }, 'Preview: the form a State will see'),
      h(
        'form',
        { class: 'filters', onSubmit: (e: Event) => e.preventDefault() },
        h(Field, {
          label: 'Preview language',
          hint: 'texts not given in this language are shown in English, marked “in English”',
          children: (id, d) =>
            h(
              'select',
              {
                id,
                value: lang,
                'aria-describedby': d,
                onChange: (e: Event) => setLang((e.currentTarget as HTMLSelectElement).value as Language),
              },
              ...LANGUAGES.map((l) => h('option', { value: l }, LANGUAGE_NAMES[l])),
            ),
        }),
      ),
      h(Show<FormModel>, {
        load: form,
        children: (model) =>
          h(
            'div',
            { 'data-testid': 'upload-preview', lang: model.lang },
            h('h3', {}, model.title),
            model.wording === 'platform'
              ? h(
                  'p',
                  { class: 'hint' },
                  'Parts of this questionnaire are the platform’s own wording, not the text adopted by the Conference.',
                )
              : null,
            h(QuestionnaireView, { model, answers: {}, readOnly: true, base: '' }),
          ),
      }),
    ),
  );
};
