/**
 * Answers to a questionnaire: per-question zod schemas derived from the definition, the
 * completeness check used on submission, and field-path error reporting for 4xx responses.
 */
import * as z from 'zod';
import { ValidationError } from '#shared/domain/errors.ts';
import { AttachmentIdSchema } from '../ids.ts';
import { isAnswered } from './answered.ts';
import {
  LIMITS,
  type Question,
  type QuestionnaireDefinition,
  questionsOf,
  type YesNoPartly,
} from './definition.ts';

/** http(s) only: a `javascript:` or `data:` link in a citation would end up in an exported HTML page. */
const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`);

const notBlank = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).regex(/\S/, 'must not be blank');

const LegislationCitationSchema = z.strictObject({
  title: notBlank(LIMITS.citationTitleMax),
  article: notBlank(LIMITS.citationArticleMax).optional(),
  url: HttpUrlSchema.optional(),
});
export type LegislationCitation = z.infer<typeof LegislationCitationSchema>;

const StatisticSchema = z.strictObject({
  value: z.number().min(0, 'must be ≥ 0'),
  year: z.int().min(LIMITS.minYear).max(LIMITS.maxYear),
  label: notBlank(LIMITS.statisticLabelMax).optional(),
});
export type Statistic = z.infer<typeof StatisticSchema>;

type AttachmentId = z.infer<typeof AttachmentIdSchema>;

/** Any answer value, whatever the question (storage-level shape; use answersSchemaFor to validate input). */
const AnswerValueSchema = z.union([
  z.string(),
  z.array(LegislationCitationSchema),
  z.array(StatisticSchema),
  z.array(AttachmentIdSchema),
]);
export type AnswerValue = YesNoPartly | string | LegislationCitation[] | Statistic[] | AttachmentId[];

/** Answers keyed by question id. Drafts may be partial. */
export const AnswersSchema = z.record(z.string(), AnswerValueSchema);
export type Answers = Record<string, AnswerValue>;

/** The zod schema of one answer, with the limits of its question. */
export function answerSchemaFor(question: Question): z.ZodType<AnswerValue> {
  switch (question.type) {
    case 'yes-no-partly':
      // Only the options the question offers (e.g. yes and no).
      return z.enum(question.options);
    case 'text':
      return z.string().max(question.maxLength, `must be at most ${question.maxLength} characters`);
    case 'legislation':
      return z
        .array(LegislationCitationSchema)
        .max(question.maxItems, `at most ${question.maxItems} citations`);
    case 'statistics':
      return z
        .array(
          StatisticSchema.extend({
            year: z
              .int('year must be a whole number')
              .min(question.minYear, `year must be ≥ ${question.minYear}`)
              .max(question.maxYear, `year must be ≤ ${question.maxYear}`),
          }),
        )
        .max(question.maxItems, `at most ${question.maxItems} entries`);
    case 'attachments':
      return z.array(AttachmentIdSchema).max(question.maxItems, `at most ${question.maxItems} attachments`);
  }
}

const schemaCache = new WeakMap<QuestionnaireDefinition, z.ZodType<Answers>>();

/**
 * The zod schema of a (possibly partial) set of answers to `def`: an object keyed by question
 * id, each answer typed by its question; unknown question ids are rejected with the id as the
 * issue path. Completeness is a separate check (`completeness`), so drafts validate.
 */
export function answersSchemaFor(def: QuestionnaireDefinition): z.ZodType<Answers> {
  const cached = schemaCache.get(def);
  if (cached) return cached;
  const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
  for (const { question } of questionsOf(def)) shape[question.id] = answerSchemaFor(question).optional();
  const unknownId = z.unknown().refine(() => false, { message: `unknown question id for ${def.id}` });
  const object = z.object(shape).catchall(unknownId);
  const schema = z.preprocess((input, ctx) => {
    // zod drops an own `__proto__` key silently; report it like any other unknown id.
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      ctx.addIssue({
        code: 'custom',
        path: ['__proto__'],
        message: `unknown question id for ${def.id}`,
        input,
      });
    }
    return input;
  }, object) as unknown as z.ZodType<Answers>; // shape values are all AnswerValue | undefined; zod cannot see that through the index signature
  schemaCache.set(def, schema);
  return schema;
}

/** One problem with a field, ready for a 4xx body. `path` is like `answers.TIP.5.q2[0].url`. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** `answers` + ['TIP.5.q2', 0, 'url'] → `answers.TIP.5.q2[0].url`. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** zod issues → field issues under `prefix`. */
export function toFieldIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  const all = error.issues.map((issue) => ({
    path: formatPath(prefix, issue.path),
    code:
      issue.code === 'custom' && issue.message.startsWith('unknown question id')
        ? 'unknown_question'
        : issue.code,
    message: issue.message,
  }));
  // zod still runs length checks on a value of the wrong type (a string is "too big" for a
  // 3-item list); the type error alone says what is wrong.
  const wrongType = new Set(all.filter((i) => i.code === 'invalid_type').map((i) => i.path));
  return all.filter((i) => i.code === 'invalid_type' || !wrongType.has(i.path));
}

/** Whether `question` must be answered given the other answers (its `required` flag or its `requiredIf`). */
function isRequired(question: Question, answers: Readonly<Record<string, unknown>>): boolean {
  if (question.required) return true;
  if (!question.requiredIf) return false;
  const controlling = Object.hasOwn(answers, question.requiredIf.question)
    ? answers[question.requiredIf.question]
    : undefined;
  return question.requiredIf.answerIn.some((v) => v === controlling);
}

export interface Completeness {
  complete: boolean;
  /** Paths like `answers.TIP.5.q1`, in questionnaire order. */
  missing: string[];
}

/** Every required answer that is missing (conditional requirements included), in questionnaire order. */
export function completeness(
  def: QuestionnaireDefinition,
  answers: Readonly<Record<string, unknown>>,
): Completeness {
  const missing: string[] = [];
  for (const { question } of questionsOf(def)) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (isRequired(question, answers) && !isAnswered(value))
      missing.push(formatPath('answers', [question.id]));
  }
  return { complete: missing.length === 0, missing };
}

export type ValidationMode = 'draft' | 'submit';

export interface ValidateOptions {
  /** When given, statistics for a year after `now`'s (UTC) year are rejected. Pass the clock in. */
  now?: Date;
}

/** Statistics cannot be for a year that has not started; checked only when the caller passes `now`. */
function futureYearIssues(def: QuestionnaireDefinition, answers: Answers, now: Date): FieldIssue[] {
  const thisYear = now.getUTCFullYear();
  const issues: FieldIssue[] = [];
  for (const { question } of questionsOf(def)) {
    if (question.type !== 'statistics' || !Object.hasOwn(answers, question.id)) continue;
    const entries = answers[question.id];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (typeof entry === 'object' && entry !== null && 'year' in entry && entry.year > thisYear) {
        issues.push({
          path: formatPath('answers', [question.id, i, 'year']),
          code: 'too_big',
          message: `year must be ≤ ${thisYear} (no statistics for future years)`,
        });
      }
    });
  }
  return issues;
}

/**
 * Validates answers to `def`. `draft` accepts partial answers; `submit` also reports every
 * missing required answer (code `required`), together with any type errors, so one 400 lists all.
 */
export function validateAnswers(
  def: QuestionnaireDefinition,
  input: unknown,
  mode: ValidationMode = 'draft',
  options: ValidateOptions = {},
): ValidationResult<Answers> {
  const parsed = answersSchemaFor(def).safeParse(input);
  const issues = parsed.success ? [] : toFieldIssues(parsed.error, 'answers');
  if (parsed.success && options.now) issues.push(...futureYearIssues(def, parsed.data, options.now));
  if (mode === 'submit' && typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const raw = input as Readonly<Record<string, unknown>>; // an object of unknowns is all completeness reads
    const questions = new Map(questionsOf(def).map(({ question }) => [question.id, question]));
    for (const path of completeness(def, raw).missing) {
      const id = path.slice('answers.'.length);
      const question = questions.get(id);
      const because = question?.requiredIf
        ? ` (required because ${question.requiredIf.question} is "${String(raw[question.requiredIf.question])}")`
        : '';
      if (!issues.some((i) => i.path === path)) {
        issues.push({ path, code: 'required', message: `required answer is missing${because}` });
      }
    }
  }
  if (parsed.success && issues.length === 0) return { ok: true, value: parsed.data };
  return { ok: false, issues };
}

/** Throws the domain `ValidationError` (a 400 at the edge) with `details.issues` listing every field. */
export function assertValidAnswers(
  def: QuestionnaireDefinition,
  input: unknown,
  mode: ValidationMode = 'draft',
  options: ValidateOptions = {},
): Answers {
  return unwrap(
    validateAnswers(def, input, mode, options),
    `answers to ${def.id} v${def.version} are not valid`,
  );
}

/** The value of a result, or a `ValidationError` whose `details.issues` names every field. */
function unwrap<T>(result: ValidationResult<T>, message: string): T {
  if (result.ok) return result.value;
  throw new ValidationError(message, { issues: result.issues });
}
