/**
 * Search: what a query matches and the excerpt shown around the match. Case and accents do not
 * matter ("cote d'ivoire" finds Côte d’Ivoire), every word of the query must occur (in any order),
 * typographic apostrophes and quotes match plain ones. Pure; the use case decides what the caller
 * may see.
 */
import * as z from 'zod';
import { CommentSchema, EntrySchema } from './dialogue.ts';
import { Iso3Schema, ObservationKindSchema } from './types.ts';
import { ReviewStateSchema } from './workflow.ts';

export const SEARCH_KINDS = ['states', 'reviews', 'comments', 'observations'] as const;
export const SearchKindSchema = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKindSchema>;

/** Lower case, no accents, one kind of apostrophe and quote, single spaces. */
export const foldText = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d«»]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** The words of a query, folded. */
export const queryWords = (q: string): string[] => foldText(q).split(' ').filter(Boolean);

/** True when every word of the query occurs in one of the texts. */
export const matchesAll = (
  words: readonly string[],
  ...texts: readonly (string | null | undefined)[]
): boolean => {
  const hay = foldText(texts.filter(Boolean).join(' \u0000 '));
  return words.length > 0 && words.every((w) => hay.includes(w));
};

const EXCERPT_CHARS = 160;

/**
 * Up to ~160 characters of `text` around the first word of the query that occurs in it, with an
 * ellipsis where it is cut. Folding keeps positions for the Latin, Cyrillic, Arabic and Chinese
 * texts the platform holds except where NFD splits a character into several (accents), so the
 * position is found in the folded text and mapped back character by character.
 */
export const excerptOf = (text: string, words: readonly string[]): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  // Fold character by character so folded positions map back to the original.
  const chars = [...flat];
  const folded = chars.map((c) => foldText(c) || ' ');
  const starts: number[] = [];
  let acc = '';
  for (const f of folded) {
    starts.push(acc.length);
    acc += f;
  }
  const hits = words.map((w) => acc.indexOf(w)).filter((i) => i >= 0);
  const at = hits.length ? Math.min(...hits) : 0;
  const index = Math.max(
    0,
    starts.findIndex((s) => s >= at),
  );
  const from = Math.max(0, index - 40);
  const to = Math.min(chars.length, from + EXCERPT_CHARS);
  return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('').trim()}${to < chars.length ? '…' : ''}`;
};

const RelationSchema = z.enum(['secretariat', 'observer', 'reviewed', 'reviewer']);
const more = { more: z.boolean().meta({ description: 'more hits than the limit: refine the query' }) };

/** What a search finds, per kind: only what the caller may open. */
export const SearchResultSchema = z.object({
  q: z.string(),
  states: z.object({
    hits: z.array(z.object({ iso3: Iso3Schema, name: z.string() })),
    ...more,
  }),
  reviews: z.object({
    hits: z.array(
      z.object({
        reviewId: z.string(),
        cycleId: z.string(),
        cycleName: z.string(),
        reviewedState: Iso3Schema,
        reviewedStateName: z.string(),
        state: ReviewStateSchema,
        relation: RelationSchema,
      }),
    ),
    ...more,
  }),
  comments: z.object({
    hits: z.array(
      z.object({
        reviewId: z.string(),
        reviewedState: Iso3Schema,
        commentId: z.string(),
        instrument: z.string(),
        article: z.string(),
        authorName: z.string(),
        status: CommentSchema.shape.status,
        excerpt: z.string(),
      }),
    ),
    ...more,
  }),
  observations: z.object({
    hits: z.array(
      z.object({
        reviewId: z.string(),
        reviewedState: Iso3Schema,
        observationId: z.string(),
        /** Its number in the list, as the list shows it. */
        number: z.int().positive(),
        article: z.string(),
        kind: ObservationKindSchema,
        status: EntrySchema.shape.status,
        excerpt: z.string(),
      }),
    ),
    ...more,
  }),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
