/**
 * The form model: a plain JSON description of a questionnaire that the web UI renders. Derived
 * from the same definition as the answer schema, so the form and the server-side checks agree.
 */
import type { ArticleId, FourP, Instrument, Language } from '#shared/domain/types.ts';
import {
  LIMITS,
  type Question,
  type QuestionnaireDefinition,
  type RequiredIf,
  type Translations,
  type Wording,
  type YesNoPartly,
} from './definition.ts';

interface ChoiceOption {
  value: string;
  label: string;
}

/** A sub-field of one list item (a citation or a statistic). */
export interface ItemField {
  key: string;
  label: string;
  widget: 'text' | 'url' | 'number' | 'year';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
}

interface FieldBase {
  /** Question id; also the key in the answers object. */
  id: string;
  /** Path used in validation issues, e.g. `answers.TIP.5.q1`. */
  path: string;
  label: string;
  help?: string;
  required: boolean;
  /** Required only when another (yes/no/partly) answer has one of these values. */
  requiredIf?: RequiredIf;
  /** Set when the form's language has no text for this field: the English text is shown. */
  fallback?: 'en';
}

export type FormField =
  | (FieldBase & { type: 'yes-no-partly'; widget: 'radio'; options: ChoiceOption[] })
  | (FieldBase & { type: 'text'; widget: 'textarea'; maxLength: number })
  | (FieldBase & { type: 'legislation'; widget: 'citation-list'; maxItems: number; item: ItemField[] })
  | (FieldBase & {
      type: 'statistics';
      widget: 'statistics-list';
      maxItems: number;
      unit?: string;
      item: ItemField[];
    })
  | (FieldBase & { type: 'attachments'; widget: 'attachment-list'; maxItems: number });

interface FormArticle {
  articleId: ArticleId;
  title: string;
  titleUnconfirmed: boolean;
  /** Placement of the article in this cluster not yet checked against the COP decision. */
  clusterUnconfirmed: boolean;
  fourP: FourP[];
  fields: FormField[];
  fallback?: 'en';
}

interface FormSection {
  key: string;
  cluster: number;
  title: string;
  titleUnconfirmed: boolean;
  wording: Wording;
  articles: FormArticle[];
  fallback?: 'en';
}

export interface FormModel {
  questionnaireId: string;
  version: number;
  instrument: Instrument;
  title: string;
  /** The language asked for; texts it lacks are in English and marked `fallback`. */
  lang: Language;
  /** The languages the definition gives every text in. */
  languages: Language[];
  /** `platform`: the platform's own wording, not the text adopted by the Conference. */
  wording: Wording;
  sections: FormSection[];
}

const YES_NO_PARTLY_LABELS: Record<YesNoPartly, string> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
};

/** A text in `lang`, else the English one marked as a fallback. */
const inLang = (
  lang: Language,
  english: string,
  translations: Translations | undefined,
): { text: string; fallback?: 'en' } => {
  if (lang === 'en') return { text: english };
  const text = translations?.[lang];
  return text ? { text } : { text: english, fallback: 'en' };
};

function field(question: Question, lang: Language): FormField {
  const texts = lang === 'en' ? undefined : question.texts?.[lang];
  const base: FieldBase = {
    id: question.id,
    path: `answers.${question.id}`,
    label: texts?.prompt ?? question.prompt,
    required: question.required,
    ...(question.help ? { help: texts?.help ?? question.help } : {}),
    ...(question.requiredIf ? { requiredIf: question.requiredIf } : {}),
    ...(lang !== 'en' && !texts ? { fallback: 'en' as const } : {}),
  };
  switch (question.type) {
    case 'yes-no-partly':
      return {
        ...base,
        type: question.type,
        widget: 'radio',
        options: question.options.map((value) => ({
          value,
          label: texts?.options?.[value] ?? YES_NO_PARTLY_LABELS[value],
        })),
      };
    case 'text':
      return { ...base, type: question.type, widget: 'textarea', maxLength: question.maxLength };
    case 'legislation':
      return {
        ...base,
        type: question.type,
        widget: 'citation-list',
        maxItems: question.maxItems,
        item: [
          {
            key: 'title',
            label: 'Title of the law',
            widget: 'text',
            required: true,
            maxLength: LIMITS.citationTitleMax,
          },
          {
            key: 'article',
            label: 'Article(s)',
            widget: 'text',
            required: false,
            maxLength: LIMITS.citationArticleMax,
          },
          {
            key: 'url',
            label: 'Link (http or https)',
            widget: 'url',
            required: false,
            maxLength: LIMITS.urlMax,
          },
        ],
      };
    case 'statistics':
      return {
        ...base,
        type: question.type,
        widget: 'statistics-list',
        maxItems: question.maxItems,
        ...(question.unit ? { unit: question.unit } : {}),
        item: [
          { key: 'value', label: question.unit ?? 'Number', widget: 'number', required: true, min: 0 },
          {
            key: 'year',
            label: 'Year',
            widget: 'year',
            required: true,
            min: question.minYear,
            max: question.maxYear,
            integer: true,
          },
          {
            key: 'label',
            label: 'Note',
            widget: 'text',
            required: false,
            maxLength: LIMITS.statisticLabelMax,
          },
        ],
      };
    case 'attachments':
      return { ...base, type: question.type, widget: 'attachment-list', maxItems: question.maxItems };
  }
}

/**
 * The JSON-able form the web UI renders, one section per cluster, one group per article, with
 * the texts in `lang` where the definition gives them (English, marked `fallback`, elsewhere).
 */
export function formModel(def: QuestionnaireDefinition, lang: Language = 'en'): FormModel {
  const title = inLang(lang, def.title, def.titles);
  return {
    questionnaireId: def.id,
    version: def.version,
    instrument: def.instrument,
    title: title.text,
    lang,
    languages: [...def.languages],
    wording: def.wording,
    sections: def.clusters.map((cluster) => {
      const name = inLang(lang, cluster.name, cluster.names);
      return {
        key: `cluster-${cluster.number}`,
        cluster: cluster.number,
        title: name.text,
        titleUnconfirmed: cluster.nameUnconfirmed,
        wording: cluster.wording ?? def.wording,
        ...(name.fallback ? { fallback: name.fallback } : {}),
        articles: cluster.articles.map((article) => {
          const articleTitle = inLang(lang, article.title, article.titles);
          return {
            articleId: article.id,
            title: articleTitle.text,
            titleUnconfirmed: article.titleUnconfirmed,
            clusterUnconfirmed: article.clusterUnconfirmed,
            fourP: [...article.fourP],
            fields: article.questions.map((q) => field(q, lang)),
            ...(articleTitle.fallback ? { fallback: articleTitle.fallback } : {}),
          };
        }),
      };
    }),
  };
}
