/**
 * The known lists an uploaded questionnaire is checked against: the articles of each instrument
 * and the SDG targets. A definition naming anything else is refused (a typo in a spreadsheet
 * would otherwise create an article or a tag no report knows).
 */
import type { Instrument } from '#shared/domain/types.ts';

/**
 * Number of articles of each instrument as adopted (General Assembly resolutions 55/25 and
 * 55/255): the Convention has 41, the Trafficking Protocol 20, the Smuggling Protocol 25, the
 * Firearms Protocol 21.
 */
const ARTICLE_COUNTS: Readonly<Record<Instrument, number>> = {
  UNTOC: 41,
  TIP: 20,
  SOM: 25,
  FIREARMS: 21,
};

/** `TIP.5` is an article of the TIP Protocol; `TIP.25` is not (nor `TIP.0`). */
export const isKnownArticle = (instrument: Instrument, articleId: string): boolean => {
  const m = /^([A-Z]+)\.(\d+)[a-z]?$/.exec(articleId);
  if (!m || m[1] !== instrument) return false;
  const n = Number(m[2]);
  return n >= 1 && n <= ARTICLE_COUNTS[instrument];
};

/**
 * SDG targets per goal (the 2030 Agenda, resolution 70/1): numbered targets 1..n and lettered
 * means-of-implementation targets a.. (goal 17 has numbered targets only).
 */
const SDG_TARGETS_PER_GOAL: ReadonlyArray<readonly [numbered: number, lettered: number]> = [
  [5, 2], // 1
  [5, 3], // 2
  [9, 4], // 3
  [7, 3], // 4
  [6, 3], // 5
  [6, 2], // 6
  [3, 2], // 7
  [10, 2], // 8
  [5, 3], // 9
  [7, 3], // 10
  [7, 3], // 11
  [8, 3], // 12
  [3, 2], // 13
  [7, 3], // 14
  [9, 3], // 15
  [10, 2], // 16
  [19, 0], // 17
];

export const SDG_TARGETS: ReadonlySet<string> = new Set(
  SDG_TARGETS_PER_GOAL.flatMap(([numbered, lettered], i) => [
    ...Array.from({ length: numbered }, (_, t) => `${i + 1}.${t + 1}`),
    ...Array.from({ length: lettered }, (_, t) => `${i + 1}.${'abcd'[t]}`),
  ]),
);
