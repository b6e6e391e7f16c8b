/**
 * The questionnaire definition format: questionnaires are data (data/questionnaires/*.json),
 * validated by this schema. Everything else (answer validation, the UI form model, exports,
 * the gap-report index) is derived from one parsed definition.
 */
import * as z from 'zod';
import { ArticleIdSchema, FourPSchema, InstrumentSchema } from '#shared/domain/types.ts';

const QUESTION_TYPES = ['yes-no-partly', 'text', 'legislation', 'statistics', 'attachments'] as const;
const QuestionTypeSchema = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

export const YES_NO_PARTLY = ['yes', 'no', 'partly'] as const;
export const YesNoPartlySchema = z.enum(YES_NO_PARTLY);
export type YesNoPartly = z.infer<typeof YesNoPartlySchema>;

/** Bounds applied when a question does not narrow them (comments say why in docs/questionnaires.md). */
export const LIMITS = {
  textMaxLength: 10_000,
  textMaxLengthCeiling: 50_000,
  listMaxItems: 50,
  minYear: 1900,
  maxYear: 2100,
  citationTitleMax: 500,
  citationArticleMax: 200,
  urlMax: 2_048,
  statisticLabelMax: 200,
} as const;

/** Stable question id: the article id, then `.q` and a number, e.g. `TIP.5.q1`. */
const QuestionIdSchema = z
  .string()
  .regex(/^(UNTOC|TIP|SOM|FIREARMS)\.\d+[a-z]?\.q\d+[a-z]?$/, 'must look like TIP.5.q1');

export const QuestionnaireIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. untoc-tip');

/** "Required only when question X was answered with one of these values" (e.g. cite the law if yes). */
const RequiredIfSchema = z.strictObject({
  question: QuestionIdSchema,
  answerIn: z.array(YesNoPartlySchema).min(1),
});
export type RequiredIf = z.infer<typeof RequiredIfSchema>;

/** A Sustainable Development Goal target, e.g. `16.2` (goal.target; targets like `16.a` included). */
const SdgTargetSchema = z.string().regex(/^\d{1,2}\.(\d{1,2}|[a-c])$/, 'must be an SDG target like 16.2');

const questionBase = {
  id: QuestionIdSchema,
  prompt: z.string().min(1),
  help: z.string().min(1).optional(),
  required: z.boolean(),
  requiredIf: RequiredIfSchema.optional(),
  /** SDG targets this question bears on, besides its article's (response reports group gaps by them). */
  sdgTargets: z.array(SdgTargetSchema).optional(),
};

const maxItems = z.int().min(1).max(LIMITS.listMaxItems).default(20);

const YesNoPartlyQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('yes-no-partly'),
});
const TextQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  maxLength: z.int().min(1).max(LIMITS.textMaxLengthCeiling).default(LIMITS.textMaxLength),
});
const LegislationQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('legislation'),
  maxItems,
});
const StatisticsQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('statistics'),
  maxItems,
  /** What is counted, shown beside the number (e.g. "prosecutions"). */
  unit: z.string().min(1).optional(),
  minYear: z.int().min(LIMITS.minYear).max(LIMITS.maxYear).default(LIMITS.minYear),
  maxYear: z.int().min(LIMITS.minYear).max(LIMITS.maxYear).default(LIMITS.maxYear),
});
const AttachmentsQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('attachments'),
  maxItems: z.int().min(1).max(LIMITS.listMaxItems).default(10),
});

const QuestionSchema = z.discriminatedUnion('type', [
  YesNoPartlyQuestionSchema,
  TextQuestionSchema,
  LegislationQuestionSchema,
  StatisticsQuestionSchema,
  AttachmentsQuestionSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;

const ArticleSchema = z.strictObject({
  id: ArticleIdSchema,
  title: z.string().min(1),
  /** DOMAIN.md marks some titles as not yet checked against the treaty text. */
  titleUnconfirmed: z.boolean().default(false),
  /** Placement of this article in its cluster not yet checked against the COP decision. */
  clusterUnconfirmed: z.boolean().default(false),
  /** The "four Ps" lens for gap reports (a policy framework, not treaty text). */
  fourP: z.array(FourPSchema).min(1),
  /** SDG targets the article's questions bear on (a reporting lens, like the four Ps). */
  sdgTargets: z.array(SdgTargetSchema).default([]),
  questions: z.array(QuestionSchema).min(1),
});
type Article = z.infer<typeof ArticleSchema>;

const ClusterSchema = z.strictObject({
  number: z.int().min(1).max(4),
  name: z.string().min(1),
  nameUnconfirmed: z.boolean().default(false),
  articles: z.array(ArticleSchema).min(1),
});
type Cluster = z.infer<typeof ClusterSchema>;

export const QuestionnaireDefinitionSchema = z
  .strictObject({
    /** Optional pointer to a JSON Schema for editors; ignored. */
    $comment: z.string().optional(),
    id: QuestionnaireIdSchema,
    version: z.int().min(1),
    instrument: InstrumentSchema,
    title: z.string().min(1),
    /** Provenance and open questions about the data, shown to maintainers (not to States). */
    notes: z.array(z.string()).default([]),
    clusters: z.array(ClusterSchema).min(1),
  })
  .superRefine((def, ctx) => {
    const clusterNumbers = new Set<number>();
    const articleIds = new Set<string>();
    /** question id → type, in questionnaire order, to check requiredIf references earlier questions. */
    const seen = new Map<string, Question['type']>();
    def.clusters.forEach((cluster, ci) => {
      if (clusterNumbers.has(cluster.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', ci, 'number'],
          message: `duplicate cluster ${cluster.number}`,
        });
      }
      clusterNumbers.add(cluster.number);
      cluster.articles.forEach((article, ai) => {
        const articlePath = ['clusters', ci, 'articles', ai];
        if (!article.id.startsWith(`${def.instrument}.`)) {
          ctx.addIssue({
            code: 'custom',
            path: [...articlePath, 'id'],
            message: `article ${article.id} does not belong to instrument ${def.instrument}`,
          });
        }
        if (articleIds.has(article.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...articlePath, 'id'],
            message: `duplicate article ${article.id}`,
          });
        }
        articleIds.add(article.id);
        if (new Set(article.fourP).size !== article.fourP.length) {
          ctx.addIssue({ code: 'custom', path: [...articlePath, 'fourP'], message: 'duplicate fourP tag' });
        }
        article.questions.forEach((q, qi) => {
          const qPath = [...articlePath, 'questions', qi];
          if (!q.id.startsWith(`${article.id}.q`)) {
            ctx.addIssue({
              code: 'custom',
              path: [...qPath, 'id'],
              message: `question ${q.id} must start with its article id ${article.id}.q`,
            });
          }
          if (seen.has(q.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [...qPath, 'id'],
              message: `duplicate question id ${q.id}`,
            });
          }
          if (q.requiredIf) {
            const refType = seen.get(q.requiredIf.question);
            if (q.required) {
              ctx.addIssue({
                code: 'custom',
                path: [...qPath, 'requiredIf'],
                message: 'requiredIf makes no sense on a question that is always required',
              });
            }
            if (refType !== 'yes-no-partly') {
              ctx.addIssue({
                code: 'custom',
                path: [...qPath, 'requiredIf', 'question'],
                message: `requiredIf must name an earlier yes-no-partly question (got ${q.requiredIf.question})`,
              });
            }
          }
          if (q.type === 'statistics' && q.minYear > q.maxYear) {
            ctx.addIssue({
              code: 'custom',
              path: [...qPath, 'minYear'],
              message: 'minYear is after maxYear',
            });
          }
          seen.set(q.id, q.type);
        });
      });
    });
  });
export type QuestionnaireDefinition = z.infer<typeof QuestionnaireDefinitionSchema>;
export type QuestionnaireDefinitionInput = z.input<typeof QuestionnaireDefinitionSchema>;

/** Every question in questionnaire order, with where it sits. */
export interface LocatedQuestion {
  question: Question;
  article: Article;
  cluster: Cluster;
}

/** Questions in questionnaire order (cluster, article, question). */
export function questionsOf(def: QuestionnaireDefinition): LocatedQuestion[] {
  return def.clusters.flatMap((cluster) =>
    cluster.articles.flatMap((article) =>
      article.questions.map((question) => ({ question, article, cluster })),
    ),
  );
}
