/** Differences between two versions of a submission's answers. */
import type { AnswerValue } from './answers.ts';
import type { QuestionnaireDefinition } from './definition.ts';
import { articleIndex } from './lookup.ts';

export interface AnswerChange {
  questionId: string;
  kind: 'added' | 'removed' | 'changed';
  before?: AnswerValue;
  after?: AnswerValue;
}

type AnswerMap = Readonly<Record<string, AnswerValue | undefined>>;

/** Structural equality of JSON values (key order of objects ignored, array order kept). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b; // 0 and -0 are the same number in JSON
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function answerAt(answers: AnswerMap, id: string): AnswerValue | undefined {
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/**
 * What changed from `before` to `after`. With `def`, changes follow questionnaire order and ids
 * the questionnaire does not know come last, sorted; without it, all ids are sorted.
 */
export function diffAnswers(
  before: AnswerMap,
  after: AnswerMap,
  def?: QuestionnaireDefinition,
): AnswerChange[] {
  const index = def ? articleIndex(def) : undefined;
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => {
    const oa = index?.get(a)?.order ?? Number.POSITIVE_INFINITY;
    const ob = index?.get(b)?.order ?? Number.POSITIVE_INFINITY;
    if (oa !== ob) return oa - ob;
    return a.localeCompare(b, 'en', { numeric: true });
  });
  const changes: AnswerChange[] = [];
  for (const questionId of ids) {
    const b = answerAt(before, questionId);
    const a = answerAt(after, questionId);
    if (b === undefined && a === undefined) continue;
    if (b === undefined) changes.push({ questionId, kind: 'added', after: a });
    else if (a === undefined) changes.push({ questionId, kind: 'removed', before: b });
    else if (!jsonEqual(b, a)) changes.push({ questionId, kind: 'changed', before: b, after: a });
  }
  return changes;
}
