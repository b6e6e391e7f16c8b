/** The public routes (no sign-in) bound to their use cases (shared/use-cases/public.ts). */
import { getPublishedSummary, listPublishedSummaries } from '../../use-cases/public.ts';
import { bind, document, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const publicBindings: Operations<'public'> = {
  listPublishedSummaries: bind(listPublishedSummaries, { input: (req) => req.query, reply: ok }),
  getPublishedSummary: bind(getPublishedSummary, {
    input: (req) => ({ ...req.params, ...req.query }),
    reply: document('inline'),
  }),
};
