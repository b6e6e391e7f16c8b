/**
 * The form model: a plain JSON description of a questionnaire that the web UI renders. Derived
 * from the same definition as the answer schema, so the form and the server-side checks agree.
 */
import type { ArticleId, FourP, Instrument } from '#shared/domain/types.ts';
import {
  LIMITS,
  type Question,
  type QuestionnaireDefinition,
  type RequiredIf,
  YES_NO_PARTLY,
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
  fourP: FourP[];
  fields: FormField[];
}

interface FormSection {
  key: string;
  cluster: number;
  title: string;
  titleUnconfirmed: boolean;
  articles: FormArticle[];
}

export interface FormModel {
  questionnaireId: string;
  version: number;
  instrument: Instrument;
  title: string;
  sections: FormSection[];
}

const YES_NO_PARTLY_LABELS: Record<(typeof YES_NO_PARTLY)[number], string> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
};

function field(question: Question): FormField {
  const base: FieldBase = {
    id: question.id,
    path: `answers.${question.id}`,
    label: question.prompt,
    required: question.required,
    ...(question.help ? { help: question.help } : {}),
    ...(question.requiredIf ? { requiredIf: question.requiredIf } : {}),
  };
  switch (question.type) {
    case 'yes-no-partly':
      return {
        ...base,
        type: question.type,
        widget: 'radio',
        options: YES_NO_PARTLY.map((value) => ({ value, label: YES_NO_PARTLY_LABELS[value] })),
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

/** The JSON-able form the web UI renders, one section per cluster, one group per article. */
export function formModel(def: QuestionnaireDefinition): FormModel {
  return {
    questionnaireId: def.id,
    version: def.version,
    instrument: def.instrument,
    title: def.title,
    sections: def.clusters.map((cluster) => ({
      key: `cluster-${cluster.number}`,
      cluster: cluster.number,
      title: cluster.name,
      titleUnconfirmed: cluster.nameUnconfirmed,
      articles: cluster.articles.map((article) => ({
        articleId: article.id,
        title: article.title,
        titleUnconfirmed: article.titleUnconfirmed,
        fourP: [...article.fourP],
        fields: article.questions.map(field),
      })),
    })),
  };
}
