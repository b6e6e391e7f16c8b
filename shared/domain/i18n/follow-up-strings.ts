/**
 * The words of the "follow-up of earlier observations" section of a summary, in the six UN
 * languages (the status words themselves come from the follow-up scale, which is data). Like
 * summary-strings.ts, to be checked by a UN language service before publication in a language.
 */
import type { Language } from '#shared/domain/types.ts';

export interface FollowUpStrings {
  heading: string;
  /** Placeholder {cycle}: the cycle of the earlier review. */
  earlier: string;
  status: string;
  explanation: string;
}

export const FOLLOW_UP_STRINGS: Readonly<Record<Language, FollowUpStrings>> = {
  en: {
    heading: 'Follow-up of earlier observations',
    earlier: 'Observation of the review in {cycle}',
    status: 'Agreed status',
    explanation: 'Explanation of the State under review',
  },
  fr: {
    heading: 'Suivi des observations antérieures',
    earlier: 'Observation de l’examen {cycle}',
    status: 'Statut convenu',
    explanation: 'Explication de l’État examiné',
  },
  es: {
    heading: 'Seguimiento de las observaciones anteriores',
    earlier: 'Observación del examen {cycle}',
    status: 'Estado acordado',
    explanation: 'Explicación del Estado examinado',
  },
  ru: {
    heading: 'Последующие меры по ранее сделанным замечаниям',
    earlier: 'Замечание обзора {cycle}',
    status: 'Согласованный статус',
    explanation: 'Пояснение государства, в отношении которого проводится обзор',
  },
  zh: {
    heading: '对先前意见的后续行动',
    earlier: '{cycle} 审议中的意见',
    status: '商定的状况',
    explanation: '受审议国的说明',
  },
  ar: {
    heading: 'متابعة الملاحظات السابقة',
    earlier: 'ملاحظة الاستعراض في {cycle}',
    status: 'الحالة المتفق عليها',
    explanation: 'توضيح الدولة المستعرَضة',
  },
};
