/**
 * JSON export/import of a submission's answers, so States can prepare answers offline.
 * The import runs the same validation as the API (draft mode: partial answers are fine;
 * completeness is checked on submission).
 */
import * as z from 'zod';
import {
  type Answers,
  type FieldIssue,
  toFieldIssues,
  type ValidateOptions,
  type ValidationResult,
  validateAnswers,
} from './answers.ts';
import { type QuestionnaireDefinition, QuestionnaireIdSchema } from './definition.ts';
import { SubmissionMetaSchema } from './render.ts';

/** The file format: export writes it, import reads it. `meta` is informative and ignored on import. */
export const SubmissionExportSchema = z.strictObject({
  questionnaireId: QuestionnaireIdSchema,
  questionnaireVersion: z.int().min(1),
  /** Checked by `validateAnswers` (a zod record would turn an own `__proto__` key into a prototype). */
  answers: z.unknown(),
  meta: SubmissionMetaSchema.partial().optional(),
});
export type SubmissionExport = z.infer<typeof SubmissionExportSchema>;

/** The JSON export of a submission (serialize with `JSON.stringify`). */
export function exportSubmission(
  def: QuestionnaireDefinition,
  answers: Answers,
  meta?: Partial<z.infer<typeof SubmissionMetaSchema>>,
): SubmissionExport {
  return {
    questionnaireId: def.id,
    questionnaireVersion: def.version,
    answers,
    ...(meta ? { meta } : {}),
  };
}

/**
 * Reads an export file (its text or the already-parsed JSON) and validates its answers against
 * `def`. Issues name field paths (`questionnaireId`, `answers.TIP.5.q2[0].url`, ...).
 */
export function parseImport(
  def: QuestionnaireDefinition,
  json: unknown,
  options: ValidateOptions = {},
): ValidationResult<Answers> {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable';
      return {
        ok: false,
        issues: [{ path: '', code: 'invalid_json', message: `not valid JSON: ${reason}` }],
      };
    }
  }
  const envelope = SubmissionExportSchema.safeParse(data);
  if (!envelope.success) return { ok: false, issues: toFieldIssues(envelope.error, '') };
  const issues: FieldIssue[] = [];
  if (envelope.data.questionnaireId !== def.id) {
    issues.push({
      path: 'questionnaireId',
      code: 'wrong_questionnaire',
      message: `file is for questionnaire ${envelope.data.questionnaireId}, expected ${def.id}`,
    });
  } else if (envelope.data.questionnaireVersion !== def.version) {
    issues.push({
      path: 'questionnaireVersion',
      code: 'wrong_version',
      message: `file is for ${def.id} v${envelope.data.questionnaireVersion}, expected v${def.version}`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return validateAnswers(def, envelope.data.answers, 'draft', options);
}
