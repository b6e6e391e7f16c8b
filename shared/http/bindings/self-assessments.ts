/**
 * The self-assessment routes bound to their use cases (shared/use-cases/self-assessments/): the
 * draft's version as ETag, a submission's location, and the download headers of an export.
 */

import type { ServedDocument } from '../../use-cases/context.ts';
import {
  confirmSelfAssessmentAttachment,
  getSelfAssessmentAttachment,
  listSelfAssessmentAttachments,
  requestSelfAssessmentAttachmentUpload,
} from '../../use-cases/self-assessments/attachments.ts';
import {
  getSelfAssessmentDraft,
  getSelfAssessmentQuestionnaire,
  importSelfAssessmentDraft,
  patchSelfAssessmentDraft,
} from '../../use-cases/self-assessments/drafts.ts';
import { submitSelfAssessment } from '../../use-cases/self-assessments/submissions.ts';
import { upgradeSelfAssessmentDraft } from '../../use-cases/self-assessments/upgrade.ts';
import {
  diffSelfAssessmentSubmissions,
  exportSelfAssessmentSubmission,
  getSelfAssessmentSubmission,
  listSelfAssessmentSubmissions,
} from '../../use-cases/self-assessments/versions.ts';
import { bind, ok, withEtag } from '../bind.ts';
import { contentDisposition, documentHeaders } from '../documents.ts';
import type { Operations } from '../operation.ts';

/** An export saved as a file; the frozen JSON also carries its recorded SHA-256. */
const download = (out: ServedDocument) => ({
  body: out.body as string,
  headers: {
    ...documentHeaders(out.contentType),
    ...(out.fileName ? { 'content-disposition': contentDisposition(out.fileName) } : {}),
    ...(out.sha256 ? { 'x-content-sha256': out.sha256 } : {}),
  },
});

export const selfAssessmentBindings: Operations<'self-assessments'> = {
  getSelfAssessmentQuestionnaire: bind(getSelfAssessmentQuestionnaire, {
    input: (req) => ({ ...req.params, lang: req.query.lang }),
    reply: ok,
  }),
  getSelfAssessmentDraft: bind(getSelfAssessmentDraft, { input: (req) => req.params, reply: withEtag }),
  patchSelfAssessmentDraft: bind(patchSelfAssessmentDraft, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, answers: req.body.answers }),
    reply: withEtag,
  }),
  upgradeSelfAssessmentDraft: bind(upgradeSelfAssessmentDraft, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, toVersion: req.body.toVersion }),
    reply: withEtag,
  }),
  importSelfAssessmentDraft: bind(importSelfAssessmentDraft, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion, file: req.body }),
    reply: withEtag,
  }),
  requestSelfAssessmentAttachmentUpload: bind(requestSelfAssessmentAttachmentUpload, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: ok,
  }),
  confirmSelfAssessmentAttachment: bind(confirmSelfAssessmentAttachment, {
    input: (req) => req.params,
    reply: ok,
  }),
  listSelfAssessmentAttachments: bind(listSelfAssessmentAttachments, {
    input: (req) => req.params,
    reply: ok,
  }),
  getSelfAssessmentAttachment: bind(getSelfAssessmentAttachment, { input: (req) => req.params, reply: ok }),
  // 201 with the new version's location; 200 with the latest version when nothing changed since.
  submitSelfAssessment: bind(submitSelfAssessment, {
    input: (req) => ({ ...req.params, expectedVersion: req.expectedVersion }),
    reply: (out, req) =>
      out.created
        ? {
            status: 201,
            body: out.summary,
            headers: {
              location: `/reviews/${req.params.reviewId}/self-assessments/${req.params.instrument}/submissions/${out.summary.version}`,
            },
          }
        : { status: 200, body: out.summary },
  }),
  listSelfAssessmentSubmissions: bind(listSelfAssessmentSubmissions, {
    input: (req) => req.params,
    reply: ok,
  }),
  // The ETag of a submitted version is the SHA-256 of its frozen document.
  getSelfAssessmentSubmission: bind(getSelfAssessmentSubmission, {
    input: (req) => req.params,
    reply: (out) => ({ body: out, headers: { etag: `"${out.sha256}"` } }),
  }),
  exportSelfAssessmentSubmission: bind(exportSelfAssessmentSubmission, {
    input: (req) => ({ ...req.params, ...req.query }),
    reply: download,
  }),
  diffSelfAssessmentSubmissions: bind(diffSelfAssessmentSubmissions, {
    input: (req) => ({ ...req.params, ...req.query }),
    reply: ok,
  }),
};
