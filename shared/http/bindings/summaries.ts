/** The summary and gap-report routes bound to their use cases (shared/use-cases/summaries/). */
import { getSummaryDocument, listSummaries } from '../../use-cases/summaries/documents.ts';
import { getGapReport } from '../../use-cases/summaries/gap-report.ts';
import {
  agreeSummary,
  generateSummary,
  publishSummary,
  regenerateSummaries,
} from '../../use-cases/summaries/lifecycle.ts';
import { asContentType, bind, created, document, ok } from '../bind.ts';
import type { Operations } from '../operation.ts';

export const summaryBindings: Operations<'summaries'> = {
  generateSummary: bind(generateSummary, { input: (req) => req.params, reply: created() }),
  listSummaries: bind(listSummaries, { input: (req) => req.params, reply: ok }),
  getSummaryDocument: bind(getSummaryDocument, {
    input: (req) => ({ ...req.params, ...req.query }),
    reply: document('inline'),
  }),
  agreeSummary: bind(agreeSummary, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  publishSummary: bind(publishSummary, { input: (req) => ({ ...req.params, ...req.body }), reply: ok }),
  getGapReport: bind(getGapReport, { input: (req) => req.query, reply: asContentType }),
  regenerateSummaries: bind(regenerateSummaries, { input: (req) => req.params, reply: ok }),
};
