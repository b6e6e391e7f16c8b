/**
 * The questionnaire definition format: questionnaires are data (data/questionnaires/*.json),
 * validated by this schema. Everything else (answer validation, the UI form model, exports,
 * the gap-report index) is derived from one parsed definition.
 */
import * as z from 'zod';
import {
  ArticleIdSchema,
  FourPSchema,
  type Instrument,
  InstrumentSchema,
  type Language,
  LanguageSchema,
} from '#shared/domain/types.ts';
import { isKnownArticle, SDG_TARGETS } from './known.ts';

const QUESTION_TYPES = ['yes-no-partly', 'text', 'legislation', 'statistics', 'attachments'] as const;
const QuestionTypeSchema = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

export const YES_NO_PARTLY = ['yes', 'no', 'partly'] as const;
const YesNoPartlySchema = z.enum(YES_NO_PARTLY);
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

/** A text in other languages than English (English is the field itself and the visible fallback). */
const TranslationsSchema = z.partialRecord(LanguageSchema, z.string().min(1));
export type Translations = z.infer<typeof TranslationsSchema>;

/** A question's texts in one language other than English. */
const QuestionTextsSchema = z.strictObject({
  prompt: z.string().min(1),
  help: z.string().min(1).optional(),
  /** Labels of the answer options (yes-no-partly questions). */
  options: z.partialRecord(YesNoPartlySchema, z.string().min(1)).optional(),
});

/** Who wrote the wording: the platform's own (demo/default) or the text adopted by the Conference. */
const WORDINGS = ['platform', 'adopted'] as const;
const WordingSchema = z.enum(WORDINGS);
export type Wording = z.infer<typeof WordingSchema>;

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
  /** The prompt, help and option labels in other languages, keyed by language. */
  texts: z.partialRecord(LanguageSchema, QuestionTextsSchema).optional(),
};

const maxItems = z.int().min(1).max(LIMITS.listMaxItems).default(20);

const YesNoPartlyQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('yes-no-partly'),
  /** The answers offered, in this order (e.g. only yes and no). */
  options: z
    .array(YesNoPartlySchema)
    .min(2)
    .default([...YES_NO_PARTLY]),
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
  titles: TranslationsSchema.optional(),
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
  names: TranslationsSchema.optional(),
  nameUnconfirmed: z.boolean().default(false),
  /** Set when a version is composed of clusters of different origins (see compose.ts). */
  wording: WordingSchema.optional(),
  articles: z.array(ArticleSchema).min(1),
});
type Cluster = z.infer<typeof ClusterSchema>;

const DefinitionShape = z.strictObject({
  /** Optional pointer to a JSON Schema for editors; ignored. */
  $comment: z.string().optional(),
  id: QuestionnaireIdSchema,
  version: z.int().min(1),
  instrument: InstrumentSchema,
  title: z.string().min(1),
  titles: TranslationsSchema.optional(),
  /** The languages the definition gives every text in (English always; the others fall back to it). */
  languages: z.array(LanguageSchema).min(1).default(['en']),
  wording: WordingSchema.default('platform'),
  /** Provenance and open questions about the data, shown to maintainers (not to States). */
  notes: z.array(z.string()).default([]),
  clusters: z.array(ClusterSchema).min(1),
});

export const QuestionnaireDefinitionSchema = DefinitionShape.superRefine((def, ctx) =>
  checkDefinition(viewOf(def), (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);
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

// ---------- rules across fields ----------

export type IssueSink = (path: PropertyKey[], message: string) => void;

/**
 * What the cross-field rules look at, each part with its path in the definition. Built from a
 * parsed definition, or from the parts of a broken one that parse on their own (`salvage`), so
 * an upload with a malformed row still gets its other rows checked in the same pass.
 */
export interface DefinitionView {
  instrument?: Instrument;
  languages: readonly Language[];
  titles?: Translations;
  clusters: {
    path: PropertyKey[];
    number?: number;
    names?: Translations;
    articles: {
      path: PropertyKey[];
      id?: string;
      titles?: Translations;
      fourP?: readonly string[];
      sdgTargets?: readonly string[];
      questions: { path: PropertyKey[]; question: Question }[];
    }[];
  }[];
}

const viewOf = (def: z.output<typeof DefinitionShape>): DefinitionView => ({
  instrument: def.instrument,
  languages: def.languages,
  titles: def.titles,
  clusters: def.clusters.map((c, ci) => ({
    path: ['clusters', ci],
    number: c.number,
    names: c.names,
    articles: c.articles.map((a, ai) => ({
      path: ['clusters', ci, 'articles', ai],
      id: a.id,
      titles: a.titles,
      fourP: a.fourP,
      sdgTargets: a.sdgTargets,
      questions: a.questions.map((question, qi) => ({
        path: ['clusters', ci, 'articles', ai, 'questions', qi],
        question,
      })),
    })),
  })),
});

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
const parsedOr = <T>(schema: z.ZodType<T>, v: unknown): T | undefined => {
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
};

/** The view of the parts of `raw` that parse on their own (for a definition the schema refused). */
export const salvage = (raw: unknown): DefinitionView => ({
  instrument: parsedOr(InstrumentSchema, field(raw, 'instrument')),
  languages: parsedOr(z.array(LanguageSchema), field(raw, 'languages')) ?? ['en'],
  titles: parsedOr(TranslationsSchema, field(raw, 'titles')),
  clusters: listOf(field(raw, 'clusters')).map((c, ci) => ({
    path: ['clusters', ci],
    number: parsedOr(z.int(), field(c, 'number')),
    names: parsedOr(TranslationsSchema, field(c, 'names')),
    articles: listOf(field(c, 'articles')).map((a, ai) => ({
      path: ['clusters', ci, 'articles', ai],
      id: parsedOr(ArticleIdSchema, field(a, 'id')),
      titles: parsedOr(TranslationsSchema, field(a, 'titles')),
      fourP: parsedOr(z.array(z.string()), field(a, 'fourP')),
      sdgTargets: parsedOr(z.array(z.string()), field(a, 'sdgTargets')),
      questions: listOf(field(a, 'questions')).flatMap((q, qi) => {
        const question = parsedOr(QuestionSchema, q);
        return question ? [{ path: ['clusters', ci, 'articles', ai, 'questions', qi], question }] : [];
      }),
    })),
  })),
});

/** The rules across fields: uniqueness, known articles and tags, conditions, languages. */
export function checkDefinition(def: DefinitionView, issue: IssueSink): void {
  const located = def.clusters.flatMap((c) =>
    c.articles.flatMap((article) => article.questions.map((q) => ({ ...q, article }))),
  );
  const byId = new Map<string, Question>();
  for (const { question, path } of located) {
    if (byId.has(question.id)) issue([...path, 'id'], `duplicate question id ${question.id}`);
    else byId.set(question.id, question);
  }
  checkLanguages(def, issue);
  const clusterNumbers = new Set<number>();
  const articleIds = new Set<string>();
  for (const cluster of def.clusters) {
    if (cluster.number !== undefined) {
      if (clusterNumbers.has(cluster.number))
        issue([...cluster.path, 'number'], `duplicate cluster ${cluster.number}`);
      clusterNumbers.add(cluster.number);
    }
    for (const article of cluster.articles) {
      const { id, path } = article;
      if (id !== undefined && def.instrument) {
        if (!id.startsWith(`${def.instrument}.`)) {
          issue([...path, 'id'], `article ${id} does not belong to instrument ${def.instrument}`);
        } else if (!isKnownArticle(def.instrument, id)) {
          issue([...path, 'id'], `unknown article ${id}: ${def.instrument} has no such article`);
        }
      }
      if (id !== undefined && articleIds.has(id)) issue([...path, 'id'], `duplicate article ${id}`);
      if (id !== undefined) articleIds.add(id);
      if (article.fourP && new Set(article.fourP).size !== article.fourP.length) {
        issue([...path, 'fourP'], 'duplicate fourP tag');
      }
      checkSdg(article.sdgTargets ?? [], [...path, 'sdgTargets'], issue);
    }
  }
  for (const { question: q, article, path } of located) {
    if (article.id !== undefined && !q.id.startsWith(`${article.id}.q`)) {
      issue([...path, 'id'], `question ${q.id} must start with its article id ${article.id}.q`);
    }
    checkSdg(q.sdgTargets ?? [], [...path, 'sdgTargets'], issue);
    if (q.type === 'statistics' && q.minYear > q.maxYear)
      issue([...path, 'minYear'], 'minYear is after maxYear');
    if (q.type === 'yes-no-partly' && new Set(q.options).size !== q.options.length) {
      issue([...path, 'options'], 'an option is listed twice');
    }
    if (q.requiredIf) checkCondition(q, q.requiredIf, byId, path, issue);
  }
}

function checkCondition(
  q: Question,
  cond: RequiredIf,
  byId: ReadonlyMap<string, Question>,
  path: PropertyKey[],
  issue: IssueSink,
): void {
  if (q.required)
    issue([...path, 'requiredIf'], 'requiredIf makes no sense on a question that is always required');
  const target = byId.get(cond.question);
  if (!target) {
    issue(
      [...path, 'requiredIf', 'question'],
      `requiredIf points at ${cond.question}, which is not in the questionnaire`,
    );
    return;
  }
  if (target.type !== 'yes-no-partly') {
    issue(
      [...path, 'requiredIf', 'question'],
      `requiredIf must name a yes-no-partly question (${target.id} is ${target.type})`,
    );
    return;
  }
  const offered = new Set<string>(target.options);
  const outside = cond.answerIn.filter((v) => !offered.has(v));
  if (outside.length > 0)
    issue([...path, 'requiredIf', 'answerIn'], `${target.id} does not offer ${outside.join(', ')}`);
  const cycle = conditionCycle(q.id, byId);
  if (cycle) issue([...path, 'requiredIf', 'question'], `conditions form a cycle: ${cycle.join(' → ')}`);
}

/** The chain of conditions from `start` back to itself, if following requiredIf returns to it. */
function conditionCycle(start: string, byId: ReadonlyMap<string, Question>): string[] | undefined {
  const chain = [start];
  const visited = new Set<string>([start]);
  let next = byId.get(start)?.requiredIf?.question;
  while (next !== undefined) {
    chain.push(next);
    if (next === start) return chain;
    // A cycle that does not pass through `start` is reported on its own members.
    if (visited.has(next)) return undefined;
    visited.add(next);
    next = byId.get(next)?.requiredIf?.question;
  }
  return undefined;
}

function checkSdg(targets: readonly string[], path: PropertyKey[], issue: IssueSink): void {
  targets.forEach((t, i) => {
    if (SdgTargetSchema.safeParse(t).success && !SDG_TARGETS.has(t))
      issue([...path, i], `unknown SDG target ${t}`);
  });
}

/**
 * Every declared language other than English gives every prompt, every help text English has
 * and every option label. Texts in other languages may be there too (a translation under way, a
 * cluster of a composed version): the form shows them, falling back to English where missing.
 */
function checkLanguages(def: DefinitionView, issue: IssueSink): void {
  const declared = new Set<Language>(def.languages);
  if (!declared.has('en')) issue(['languages'], 'must include en (English is the fallback of every text)');
  const others = def.languages.filter((l) => l !== 'en');
  for (const cluster of def.clusters) {
    for (const article of cluster.articles) {
      for (const { question: q, path: qPath } of article.questions) {
        const path = [...qPath, 'texts'];
        if (q.texts?.en) issue([...path, 'en'], 'English texts are prompt and help themselves');
        for (const lang of others) {
          const texts = q.texts?.[lang];
          if (!texts) {
            issue([...path, lang, 'prompt'], `no prompt in ${lang}`);
            continue;
          }
          if (q.help && !texts.help) issue([...path, lang, 'help'], `no help text in ${lang}`);
          if (q.type === 'yes-no-partly') {
            const missing = q.options.filter((o) => !texts.options?.[o]);
            if (missing.length > 0)
              issue([...path, lang, 'options'], `options missing in ${lang}: ${missing.join(', ')}`);
          }
        }
      }
    }
  }
}
