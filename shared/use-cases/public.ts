/**
 * The public face: only what the secretariat published. These operations read the public index
 * alone, so drafts, agreed-but-unpublished summaries and lists of observations are unreachable.
 */
import { NotFoundError } from '../domain/errors.ts';
import type { Operations } from '../http/lambda.ts';
import { findPublished, listPublished } from '../repos/summaries.ts';
import { publicFindings } from './public/findings.ts';
import { publicReviewStatus } from './public/review-status.ts';
import { serveFile } from './summaries.ts';

export const publicOperations: Operations<'public'> = {
  getPublicReviewStatus: async ({ principal, query }) => ({
    body: await publicReviewStatus(principal, query),
  }),
  searchPublicFindings: async ({ principal, query }) => {
    const result = await publicFindings(principal, query);
    if (result.format === 'csv') {
      return {
        body: result.csv,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="findings.csv"',
        },
      };
    }
    return { body: result.page };
  },
  listPublishedSummaries: async ({ query }) => {
    const published = (await listPublished()).filter((h) => !query.state || h.reviewedState === query.state);
    return {
      body: {
        summaries: published.map((h) => ({
          reviewId: h.reviewId,
          cycleId: h.cycleId,
          state: h.reviewedState,
          stateName: h.stateName,
          scope: h.scope,
          publishedAt: h.publishedAt ?? h.generatedAt,
          documentVersion: h.documentVersion,
          available: h.files.map((f) => ({ lang: f.lang, format: f.format })),
        })),
      },
    };
  },
  getPublishedSummary: async ({ params, query }) => {
    const head = await findPublished(params.reviewId, params.scope);
    if (!head) throw new NotFoundError(`no published ${params.scope} summary for ${params.reviewId}`);
    return serveFile(head, query.lang, query.format);
  },
};
