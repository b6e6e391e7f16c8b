/**
 * The words a mechanism uses for the kinds of entry in a list of observations. The codes are
 * shared (`recommendation`), the words are not: the UNTOC mechanism speaks of "suggestions"
 * (COP resolution 9/1, DOMAIN.md), UNCAC and the UPR of recommendations.
 */
import type { Mechanism, ObservationKind } from './types.ts';

export interface KindWords {
  one: string;
  many: string;
}

const COMMON: Record<Exclude<ObservationKind, 'recommendation'>, KindWords> = {
  'good-practice': { one: 'Good practice', many: 'Good practices' },
  challenge: { one: 'Challenge', many: 'Challenges' },
  'ta-need': { one: 'Technical assistance need', many: 'Technical assistance needs' },
};

export const OBSERVATION_KIND_WORDS: Record<Mechanism, Record<ObservationKind, KindWords>> = {
  untoc: { ...COMMON, recommendation: { one: 'Suggestion', many: 'Suggestions' } },
  uncac: { ...COMMON, recommendation: { one: 'Recommendation', many: 'Recommendations' } },
  'upr-troika': { ...COMMON, recommendation: { one: 'Recommendation', many: 'Recommendations' } },
};

/** The singular word for a kind in a mechanism (UNTOC `recommendation` → "Suggestion"). */
export const kindLabel = (mechanism: Mechanism, kind: ObservationKind): string =>
  OBSERVATION_KIND_WORDS[mechanism][kind].one;
