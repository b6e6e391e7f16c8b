/**
 * Publishing an upload as the next version of its questionnaire: the upload's clusters over the
 * latest version's (composeVersion), checked again as a whole, then one conditional transaction.
 * A version published meanwhile, or a second publication of the same upload, is a 409 and
 * changes nothing. Reviews whose self-assessment has started keep the version they started with.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { questionnaireForInstrument } from '../../domain/questionnaire/catalog.ts';
import { checkRaw, formatIssue, locateJson } from '../../domain/questionnaire/check.ts';
import type { QuestionnaireDefinition } from '../../domain/questionnaire/definition.ts';
import type { PublishedVersionRecord, UploadRecord } from '../../domain/questionnaire/records.ts';
import { composeVersion } from '../../domain/questionnaire/versions.ts';
import { findUpload, latestPublished, publishVersion, readDefinition } from '../../repos/questionnaires.ts';
import { questionnaireVersion } from './catalog.ts';

/** What publishing `upload` now would produce: the next version, composed over the latest. */
export async function nextVersionOf(upload: UploadRecord): Promise<{
  base: QuestionnaireDefinition;
  expectedLatest: number | null;
  composed: ReturnType<typeof checkRaw>;
}> {
  const shipped = questionnaireForInstrument(upload.instrument);
  const expectedLatest = await latestPublished(upload.questionnaireId);
  const base = await questionnaireVersion(upload.questionnaireId, expectedLatest ?? shipped.version);
  const uploaded = await readDefinition(upload);
  const composed = checkRaw(composeVersion(base, uploaded, base.version + 1), locateJson);
  return { base, expectedLatest, composed };
}

export async function loadUpload(uploadId: string): Promise<UploadRecord> {
  const upload = await findUpload(uploadId);
  if (!upload) throw new NotFoundError(`no questionnaire upload ${uploadId}`, { uploadId });
  return upload;
}

export async function publishQuestionnaire(
  actor: Principal,
  input: { uploadId: string },
  ctx: { now: Date },
): Promise<PublishedVersionRecord> {
  assertCan(actor, 'questionnaire.manage');
  const upload = await loadUpload(input.uploadId);
  if (upload.status === 'published') {
    throw new ConflictError(
      `upload ${upload.uploadId} is published already, as version ${upload.publishedVersion}`,
      {
        current: { status: upload.status, version: upload.publishedVersion },
      },
    );
  }
  const { expectedLatest, composed } = await nextVersionOf(upload);
  if (!composed.ok) {
    throw new ValidationError(
      `combined with the clusters it does not replace, the definition has problems: ${composed.issues.map(formatIssue).join('; ')}`,
      { issues: composed.issues },
    );
  }
  return publishVersion(upload, composed.definition, expectedLatest, {
    principal: actor,
    now: ctx.now,
    action: 'questionnaire.publish',
  });
}
