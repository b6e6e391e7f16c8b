/**
 * How far a questionnaire is filled in, per article: answered/total from the answers (the
 * domain's rule of what counts as an answer) and the required answers still missing from the
 * server's completeness check (which knows the conditional requirements). Pure, for the
 * questionnaire's navigation.
 */
import { isAnswered } from '#shared/domain/questionnaire/answered.ts';
import type { FormModel } from './types.ts';

interface ArticleProgress {
  articleId: string;
  title: string;
  answered: number;
  total: number;
  /** Question ids of the required answers still missing, in questionnaire order. */
  missing: string[];
}

export interface SectionProgress {
  key: string;
  cluster: number;
  title: string;
  articles: ArticleProgress[];
}

/** Per cluster and article; `missingPaths` are the completeness check's `answers.<question id>`. */
export const progressOf = (
  model: FormModel,
  answers: Readonly<Record<string, unknown>>,
  missingPaths: readonly string[],
): SectionProgress[] => {
  const missing = new Set(missingPaths);
  return model.sections.map((s) => ({
    key: s.key,
    cluster: s.cluster,
    title: s.title,
    articles: s.articles.map((a) => ({
      articleId: a.articleId,
      title: a.title,
      answered: a.fields.filter((f) => isAnswered(answers[f.id])).length,
      total: a.fields.length,
      missing: a.fields.filter((f) => missing.has(f.path)).map((f) => f.id),
    })),
  }));
};

/** The article a question belongs to, if the model has it. */
export const articleOfQuestion = (model: FormModel, questionId: string): string | undefined =>
  model.sections.flatMap((s) => s.articles).find((a) => a.fields.some((f) => f.id === questionId))?.articleId;

/** The model narrowed to one article (its cluster kept as the heading), or the whole model. */
export const onlyArticle = (model: FormModel, articleId: string | null): FormModel =>
  articleId === null
    ? model
    : {
        ...model,
        sections: model.sections
          .map((s) => ({ ...s, articles: s.articles.filter((a) => a.articleId === articleId) }))
          .filter((s) => s.articles.length > 0),
      };

/** The article ids of a model in questionnaire order (none before it is loaded). */
export const articleIdsOf = (model: FormModel | undefined): string[] =>
  model ? model.sections.flatMap((s) => s.articles.map((a) => a.articleId)) : [];
