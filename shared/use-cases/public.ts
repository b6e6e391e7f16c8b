/**
 * The public face: only what the secretariat published. These use cases read the public index
 * alone, so drafts, agreed-but-unpublished summaries and lists of observations are unreachable.
 * No actor: anyone may call them.
 */
import { NotFoundError } from '../domain/errors.ts';
import type { Iso3, Language } from '../domain/types.ts';
import { findPublished, listPublished } from '../repos/summaries.ts';
import type { ServedDocument } from './context.ts';
import { publicFindings } from './public/findings.ts';
import { publicReviewStatus } from './public/review-status.ts';
import { summaryFile } from './summaries/documents.ts';

type SummaryFile = Parameters<typeof summaryFile>;

export const getPublicReviewStatus = publicReviewStatus;

/** The public findings page, or every match as CSV. */
export const searchPublicFindings = async (
  actor: Parameters<typeof publicFindings>[0],
  query: Parameters<typeof publicFindings>[1],
) => {
  const result = await publicFindings(actor, query);
  if (result.format === 'csv') {
    const document: ServedDocument = {
      body: result.csv,
      contentType: 'text/csv; charset=utf-8',
      fileName: 'findings.csv',
    };
    return { format: 'csv' as const, document };
  }
  return { format: 'json' as const, page: result.page };
};

export const listPublishedSummaries = async (_anyone: unknown, filter: { state?: Iso3 }) => {
  const published = (await listPublished()).filter((h) => !filter.state || h.reviewedState === filter.state);
  return {
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
  };
};

export const getPublishedSummary = async (
  _anyone: unknown,
  input: { reviewId: string; scope: SummaryFile[0]['scope']; lang: Language; format: SummaryFile[2] },
): Promise<ServedDocument> => {
  const head = await findPublished(input.reviewId, input.scope);
  if (!head) throw new NotFoundError(`no published ${input.scope} summary for ${input.reviewId}`);
  return summaryFile(head, input.lang, input.format);
};
