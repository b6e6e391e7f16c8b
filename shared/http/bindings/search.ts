/** The search route bound to its use case (shared/use-cases/search.ts). */
import { search } from '../../use-cases/search.ts';
import { bind, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const searchBindings: Operations<'search'> = {
  search: bind(search, { input: (req) => req.query, reply: ok }),
};
