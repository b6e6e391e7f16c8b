/**
 * Uploading a questionnaire definition (JSON or .xlsx): checked as a whole; stored as an upload
 * only when it has no problem at all, ready to preview and publish. Secretariat only.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { ValidationError } from '../../domain/errors.ts';
import { questionnaireForInstrument } from '../../domain/questionnaire/catalog.ts';
import { type DefinitionIssue, formatIssue } from '../../domain/questionnaire/check.ts';
import { checkDefinitionFile, formatOf } from '../../domain/questionnaire/workbook.ts';
import { createUpload } from '../../repos/questionnaires.ts';
import { type UploadView, uploadView } from './read.ts';

export interface UploadInput {
  fileName: string;
  /** The file's bytes (the binding decodes base64). */
  bytes: Uint8Array;
}

const refuse = (issues: DefinitionIssue[]): never => {
  const shown = issues.slice(0, 3).map(formatIssue).join('; ');
  const more = issues.length > 3 ? ` and ${issues.length - 3} more` : '';
  throw new ValidationError(
    `the definition has ${issues.length} problem(s), nothing was loaded: ${shown}${more}`,
    {
      issues,
    },
  );
};

export async function uploadQuestionnaire(
  actor: Principal,
  input: UploadInput,
  ctx: { now: Date },
): Promise<UploadView> {
  assertCan(actor, 'questionnaire.manage');
  const result = await checkDefinitionFile(input.bytes);
  if (!result.ok) return refuse(result.issues);
  const def = result.definition;
  // One questionnaire per instrument: an upload continues the series of the shipped one.
  const series = questionnaireForInstrument(def.instrument).id;
  if (def.id !== series) {
    refuse([
      {
        row: formatOf(input.bytes) === 'xlsx' ? 'Questionnaire!2' : '$',
        field: 'id',
        message: `the ${def.instrument} questionnaire is ${series}`,
      },
    ]);
  }
  const uploadId = randomUUID();
  await createUpload(
    {
      uploadId,
      questionnaireId: def.id,
      instrument: def.instrument,
      fileName: input.fileName,
      format: formatOf(input.bytes),
      clusters: def.clusters.map((c) => c.number),
      languages: def.languages,
      uploadedAt: ctx.now.toISOString(),
      uploadedBy: actor.kind === 'user' ? actor.sub : 'system',
    },
    def,
    { principal: actor, now: ctx.now, action: 'questionnaire.upload', details: { fileName: input.fileName } },
  );
  return uploadView(actor, { uploadId });
}
