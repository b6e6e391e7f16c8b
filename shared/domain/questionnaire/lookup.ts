/** Question id lookups used by the gap report (four Ps lens) and comment anchoring. */
import type { ArticleId, FourP, Instrument } from '#shared/domain/types.ts';
import { type QuestionnaireDefinition, type QuestionType, questionsOf } from './definition.ts';

export interface QuestionLocation {
  questionId: string;
  questionnaireId: string;
  instrument: Instrument;
  articleId: ArticleId;
  articleTitle: string;
  cluster: number;
  fourP: readonly FourP[];
  type: QuestionType;
  /** Position in the questionnaire (0-based), for stable ordering. */
  order: number;
}

const indexCache = new WeakMap<QuestionnaireDefinition, ReadonlyMap<string, QuestionLocation>>();

/** question id → article, cluster, four Ps and order, in questionnaire order. */
export function articleIndex(def: QuestionnaireDefinition): ReadonlyMap<string, QuestionLocation> {
  const cached = indexCache.get(def);
  if (cached) return cached;
  const index = new Map<string, QuestionLocation>(
    questionsOf(def).map(({ question, article, cluster }, order) => [
      question.id,
      {
        questionId: question.id,
        questionnaireId: def.id,
        instrument: def.instrument,
        articleId: article.id,
        articleTitle: article.title,
        cluster: cluster.number,
        fourP: article.fourP,
        type: question.type,
        order,
      },
    ]),
  );
  indexCache.set(def, index);
  return index;
}

/** Whether `id` names a question of `def` (e.g. to anchor a comment). */
export function isQuestionId(def: QuestionnaireDefinition, id: unknown): id is string {
  return typeof id === 'string' && articleIndex(def).has(id);
}
