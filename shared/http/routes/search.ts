/** Search across what the caller may see: States, reviews, comments and observations (issue 16). */
import * as z from 'zod';
import { SEARCH_KINDS, SearchKindSchema, SearchResultSchema } from '../../domain/search.ts';
import { defineRoute } from '../route.ts';

/** `kinds=reviews,comments`: a comma-separated list; all kinds when absent. */
const KindsSchema = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(z.array(SearchKindSchema, { error: `must list kinds among ${SEARCH_KINDS.join(', ')}` }).min(1));

const SearchQuerySchema = z.object({
  q: z
    .string({ error: 'must be given: the words to search for' })
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(100, 'must be at most 100 characters'),
  kinds: KindsSchema.optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(50, 'must be ≤ 50')
    .default(20),
});

export const searchRoutes = [
  defineRoute({
    operationId: 'search',
    method: 'GET',
    path: '/search',
    fn: 'search',
    auth: 'user',
    summary:
      'Search States, reviews, comments and observations by words (case and accents ignored); only what the caller may open, at most `limit` hits per kind',
    tags: ['search'],
    query: SearchQuerySchema,
    response: SearchResultSchema,
  }),
] as const;
