/**
 * Reading questionnaires: the versions of each instrument, a version or an upload as the form a
 * State sees (in a language), an upload with what publishing it would change, and the diff of
 * two versions.
 */
import type { Principal } from '../../auth/principal.ts';
import { assertCan } from '../../domain/authz.ts';
import { questionnaireForInstrument } from '../../domain/questionnaire/catalog.ts';
import type { DefinitionIssue } from '../../domain/questionnaire/check.ts';
import { questionsOf } from '../../domain/questionnaire/definition.ts';
import { type FormModel, formModel } from '../../domain/questionnaire/form-model.ts';
import type { QuestionnaireSeries, UploadRecord } from '../../domain/questionnaire/records.ts';
import { diffVersions, type VersionDiff } from '../../domain/questionnaire/versions.ts';
import { INSTRUMENTS, type Language } from '../../domain/types.ts';
import { listUploads, listVersionRecords, readDefinition } from '../../repos/questionnaires.ts';
import { questionnaireVersion } from './catalog.ts';
import { loadUpload, nextVersionOf } from './publish.ts';

const summaryOf = async (
  id: string,
  version: number,
  published?: { publishedAt: string; publishedBy: string },
) => {
  const def = await questionnaireVersion(id, version);
  return {
    version,
    shipped: !published,
    publishedAt: published?.publishedAt ?? null,
    publishedBy: published?.publishedBy ?? null,
    wording: def.wording,
    languages: [...def.languages],
    questionCount: questionsOf(def).length,
    unconfirmedPlacements: def.clusters.flatMap((c) =>
      c.articles.filter((a) => a.clusterUnconfirmed).map((a) => a.id),
    ),
  };
};

export async function listQuestionnaireSeries(actor: Principal): Promise<QuestionnaireSeries[]> {
  assertCan(actor, 'questionnaire.read');
  return Promise.all(
    INSTRUMENTS.map(async (instrument) => {
      const shipped = questionnaireForInstrument(instrument);
      const records = await listVersionRecords(shipped.id);
      const versions = [
        await summaryOf(shipped.id, shipped.version),
        ...(await Promise.all(records.map((r) => summaryOf(shipped.id, r.version, r)))),
      ];
      return {
        questionnaireId: shipped.id,
        instrument,
        title: shipped.title,
        latest: Math.max(...versions.map((v) => v.version)),
        versions,
      };
    }),
  );
}

export async function versionForm(
  actor: Principal,
  input: { questionnaireId: string; version: number; lang: Language },
): Promise<FormModel> {
  assertCan(actor, 'questionnaire.read');
  return formModel(await questionnaireVersion(input.questionnaireId, input.version), input.lang);
}

export async function uploadForm(
  actor: Principal,
  input: { uploadId: string; lang: Language },
): Promise<FormModel> {
  assertCan(actor, 'questionnaire.manage');
  const def = await readDefinition(await loadUpload(input.uploadId));
  return formModel(def, input.lang);
}

export interface UploadView extends UploadRecord {
  /** Unpublished: the version publishing it now would create, and how it differs from the latest. */
  next: {
    version: number;
    replaces: number[];
    keeps: number[];
    diff: VersionDiff | null;
    issues: DefinitionIssue[];
  } | null;
}

export async function uploadView(actor: Principal, input: { uploadId: string }): Promise<UploadView> {
  assertCan(actor, 'questionnaire.manage');
  const upload = await loadUpload(input.uploadId);
  if (upload.status === 'published') return { ...upload, next: null };
  const { base, composed } = await nextVersionOf(upload);
  return {
    ...upload,
    next: {
      version: base.version + 1,
      replaces: upload.clusters,
      keeps: base.clusters.map((c) => c.number).filter((n) => !upload.clusters.includes(n)),
      diff: composed.ok ? diffVersions(base, composed.definition) : null,
      issues: composed.ok ? [] : composed.issues,
    },
  };
}

export async function listQuestionnaireUploads(actor: Principal): Promise<UploadRecord[]> {
  assertCan(actor, 'questionnaire.manage');
  return listUploads();
}

export async function versionDiff(
  actor: Principal,
  input: { questionnaireId: string; from: number; to: number },
): Promise<VersionDiff> {
  assertCan(actor, 'questionnaire.read');
  const [a, b] = await Promise.all([
    questionnaireVersion(input.questionnaireId, input.from),
    questionnaireVersion(input.questionnaireId, input.to),
  ]);
  return diffVersions(a, b);
}
