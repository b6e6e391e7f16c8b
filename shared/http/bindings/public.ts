/** The public routes (no sign-in) bound to their use cases (shared/use-cases/public.ts). */
import {
  getPublicReviewStatus,
  getPublishedSummary,
  listPublishedSummaries,
  searchPublicFindings,
} from '../../use-cases/public.ts';
import { bind, document, ok } from '../bind.ts';
import { contentDisposition } from '../documents.ts';
import type { Operations } from '../operation.ts';

export const publicBindings: Operations<'public'> = {
  getPublicReviewStatus: bind(getPublicReviewStatus, { input: (req) => req.query, reply: ok }),
  searchPublicFindings: bind(searchPublicFindings, {
    input: (req) => req.query,
    reply: (out) =>
      out.format === 'json'
        ? { body: out.page }
        : {
            body: out.document.body,
            headers: {
              'content-type': out.document.contentType,
              ...(out.document.fileName
                ? { 'content-disposition': contentDisposition(out.document.fileName) }
                : {}),
            },
          },
  }),
  listPublishedSummaries: bind(listPublishedSummaries, { input: (req) => req.query, reply: ok }),
  getPublishedSummary: bind(getPublishedSummary, {
    input: (req) => ({ ...req.params, ...req.query }),
    reply: document('inline'),
  }),
};
