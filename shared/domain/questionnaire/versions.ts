/**
 * Versions of a questionnaire: composing a new version from the clusters of an upload, the
 * difference between two versions, and carrying answers over from one version to another.
 */
import type { Language } from '#shared/domain/types.ts';
import type { Answers } from './answers.ts';
import { answerSchemaFor } from './answers.ts';
import {
  type Question,
  type QuestionnaireDefinition,
  type QuestionnaireDefinitionInput,
  questionsOf,
  type Wording,
} from './definition.ts';

/**
 * Version `version` made of `upload` over `base`: the clusters the upload gives replace the
 * base's clusters of the same number, the others stay as they are (each keeps its wording, so
 * an adopted cluster 1 can sit beside the platform's clusters 2-4). Languages are those every
 * part declares complete. The result still has to pass the schema (ids across clusters).
 */
export function composeVersion(
  base: QuestionnaireDefinition,
  upload: QuestionnaireDefinition,
  version: number,
): QuestionnaireDefinitionInput {
  const uploaded = new Map(upload.clusters.map((c) => [c.number, c]));
  const kept = base.clusters.filter((c) => !uploaded.has(c.number));
  const clusters = [
    ...kept.map((c) => ({ ...c, wording: c.wording ?? base.wording })),
    ...upload.clusters.map((c) => ({ ...c, wording: c.wording ?? upload.wording })),
  ].sort((a, b) => a.number - b.number);
  const wordings = new Set<Wording>(clusters.map((c) => c.wording));
  const languages =
    kept.length === 0 ? upload.languages : upload.languages.filter((l) => base.languages.includes(l));
  return {
    ...upload,
    version,
    languages,
    wording: wordings.size === 1 ? [...wordings][0] : 'platform',
    // One wording throughout: the clusters need not say it.
    clusters: clusters.map((c) => (wordings.size === 1 ? { ...c, wording: undefined } : c)),
  };
}

export interface VersionDiff {
  from: number;
  to: number;
  added: string[];
  removed: string[];
  /** Same id, other texts: which texts changed (`prompt`, `help`, `prompt.fr`, `options.fr`…). */
  reworded: { id: string; texts: string[] }[];
  /** Same id, another type, requirement, condition, options or limit. */
  changed: { id: string; fields: string[] }[];
}

const TEXT_KEYS = new Set(['prompt', 'help', 'texts']);

const textsOf = (q: Question): Record<string, string> => {
  const out: Record<string, string> = { prompt: q.prompt, help: q.help ?? '' };
  for (const [lang, t] of Object.entries(q.texts ?? {}) as [
    Language,
    NonNullable<Question['texts']>[Language],
  ][]) {
    if (!t) continue;
    out[`prompt.${lang}`] = t.prompt;
    out[`help.${lang}`] = t.help ?? '';
    out[`options.${lang}`] = JSON.stringify(t.options ?? {});
  }
  return out;
};

/** What changed from version `a` to version `b`, question by question, in `b`'s order. */
export function diffVersions(a: QuestionnaireDefinition, b: QuestionnaireDefinition): VersionDiff {
  const before = new Map(questionsOf(a).map(({ question }) => [question.id, question]));
  const after = questionsOf(b).map(({ question }) => question);
  const afterIds = new Set(after.map((q) => q.id));
  const diff: VersionDiff = {
    from: a.version,
    to: b.version,
    added: [],
    removed: [],
    reworded: [],
    changed: [],
  };
  for (const q of after) {
    const old = before.get(q.id);
    if (!old) {
      diff.added.push(q.id);
      continue;
    }
    const ta = textsOf(old);
    const tb = textsOf(q);
    const texts = [...new Set([...Object.keys(ta), ...Object.keys(tb)])].filter(
      (k) => (ta[k] ?? '') !== (tb[k] ?? ''),
    );
    if (texts.length > 0) diff.reworded.push({ id: q.id, texts });
    const keys = [...new Set([...Object.keys(old), ...Object.keys(q)])].filter((k) => !TEXT_KEYS.has(k));
    const fields = keys.filter(
      (k) =>
        JSON.stringify((old as Record<string, unknown>)[k]) !==
        JSON.stringify((q as Record<string, unknown>)[k]),
    );
    if (fields.length > 0) diff.changed.push({ id: q.id, fields });
  }
  diff.removed = [...before.keys()].filter((id) => !afterIds.has(id));
  return diff;
}

/**
 * Answers to `from` as answers to `to`: kept where the question id is in `to` and the answer
 * still fits its question there; the others are listed, never silently lost.
 */
export function carryOverAnswers(
  answers: Answers,
  to: QuestionnaireDefinition,
): { answers: Answers; dropped: { id: string; reason: 'removed' | 'no-longer-valid' }[] } {
  const target = new Map(questionsOf(to).map(({ question }) => [question.id, question]));
  const kept: Answers = {};
  const dropped: { id: string; reason: 'removed' | 'no-longer-valid' }[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = target.get(id);
    if (!q) dropped.push({ id, reason: 'removed' });
    else if (!answerSchemaFor(q).safeParse(value).success) dropped.push({ id, reason: 'no-longer-valid' });
    else kept[id] = value;
  }
  return { answers: kept, dropped };
}
