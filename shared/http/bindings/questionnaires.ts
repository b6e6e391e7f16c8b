/** The questionnaire routes bound to their use cases (shared/use-cases/questionnaires/). */
import { publishQuestionnaire } from '../../use-cases/questionnaires/publish.ts';
import {
  listQuestionnaireSeries,
  listQuestionnaireUploads,
  uploadForm,
  uploadView,
  versionDiff,
  versionForm,
} from '../../use-cases/questionnaires/read.ts';
import { uploadQuestionnaire } from '../../use-cases/questionnaires/upload.ts';
import { bind, created, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const questionnaireBindings: Operations<'questionnaires'> = {
  listQuestionnaires: bind(listQuestionnaireSeries, {
    input: () => undefined,
    reply: (questionnaires) => ({ body: { questionnaires } }),
  }),
  getQuestionnaireVersionForm: bind(versionForm, {
    input: (req) => ({ ...req.params, lang: req.query.lang }),
    reply: ok,
  }),
  getQuestionnaireDiff: bind(versionDiff, {
    input: (req) => ({ questionnaireId: req.params.questionnaireId, ...req.query }),
    reply: ok,
  }),
  uploadQuestionnaire: bind(uploadQuestionnaire, {
    // The file travels base64-encoded in the JSON body (a spreadsheet is binary).
    input: (req) => ({ fileName: req.body.fileName, bytes: Buffer.from(req.body.contentBase64, 'base64') }),
    reply: created(),
  }),
  listQuestionnaireUploads: bind(listQuestionnaireUploads, {
    input: () => undefined,
    reply: (uploads) => ({ body: { uploads } }),
  }),
  getQuestionnaireUpload: bind(uploadView, { input: (req) => req.params, reply: ok }),
  getQuestionnaireUploadForm: bind(uploadForm, {
    input: (req) => ({ uploadId: req.params.uploadId, lang: req.query.lang }),
    reply: ok,
  }),
  publishQuestionnaire: bind(publishQuestionnaire, { input: (req) => req.params, reply: ok }),
};
