/**
 * The HTTP binding of the questionnaire routes: request → use case input, result → reply. The
 * use cases (shared/use-cases/questionnaires/) know nothing of HTTP.
 */

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
import type { Operations } from '../operation.ts';

export const questionnaireOperations: Operations<'questionnaires'> = {
  listQuestionnaires: async ({ principal }) => ({
    body: { questionnaires: await listQuestionnaireSeries(principal) },
  }),
  getQuestionnaireVersionForm: async ({ principal, params, query }) => ({
    body: await versionForm(principal, { ...params, lang: query.lang }),
  }),
  getQuestionnaireDiff: async ({ principal, params, query }) => ({
    body: await versionDiff(principal, { questionnaireId: params.questionnaireId, ...query }),
  }),
  uploadQuestionnaire: async ({ principal, body, now }) => {
    const upload = await uploadQuestionnaire(
      principal,
      { fileName: body.fileName, bytes: Buffer.from(body.contentBase64, 'base64') },
      { now },
    );
    return { status: 201, body: await uploadView(principal, { uploadId: upload.uploadId }) };
  },
  listQuestionnaireUploads: async ({ principal }) => ({
    body: { uploads: await listQuestionnaireUploads(principal) },
  }),
  getQuestionnaireUpload: async ({ principal, params }) => ({ body: await uploadView(principal, params) }),
  getQuestionnaireUploadForm: async ({ principal, params, query }) => ({
    body: await uploadForm(principal, { uploadId: params.uploadId, lang: query.lang }),
  }),
  publishQuestionnaire: async ({ principal, params, now }) => ({
    body: await publishQuestionnaire(principal, params, { now }),
  }),
};
