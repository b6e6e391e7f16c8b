/**
 * Managed questionnaire definitions as records: an upload (checked, not yet in use) and a
 * published version, each naming its stored body by SHA-256. Storage is in shared/repos/questionnaires.ts.
 */
import * as z from 'zod';
import { type Instrument, InstrumentSchema, type Language, LanguageSchema } from '../types.ts';

export const StoredBodySchema = z.object({
  objectKey: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});

export const UploadRecordSchema = StoredBodySchema.extend({
  uploadId: z.string(),
  questionnaireId: z.string(),
  instrument: InstrumentSchema,
  fileName: z.string(),
  format: z.enum(['json', 'xlsx']),
  /** The clusters the upload gives (publishing replaces those of the latest version). */
  clusters: z.array(z.number().int()),
  languages: z.array(LanguageSchema),
  status: z.enum(['uploaded', 'published']),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string(),
  publishedVersion: z.number().int().optional(),
});
export type UploadRecord = z.infer<typeof UploadRecordSchema>;

export const VersionRecordSchema = StoredBodySchema.extend({
  questionnaireId: z.string(),
  version: z.number().int(),
  instrument: InstrumentSchema,
  uploadId: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});
export type PublishedVersionRecord = z.infer<typeof VersionRecordSchema>;

/** A version of a questionnaire as listed (shipped or published). */
interface VersionSummary {
  version: number;
  /** true for the definition shipped with the platform (data/questionnaires). */
  shipped: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  wording: string;
  languages: Language[];
  questionCount: number;
  /** Articles whose cluster placement is not confirmed against the COP decision. */
  unconfirmedPlacements: string[];
}

/** The versions of one instrument's questionnaire. */
export interface QuestionnaireSeries {
  questionnaireId: string;
  instrument: Instrument;
  title: string;
  latest: number;
  versions: VersionSummary[];
}
