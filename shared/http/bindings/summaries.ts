/** The summary and gap-report routes bound to their use cases (shared/use-cases/summaries.ts). */
import {
  agreeSummary,
  generateSummary,
  getGapReport,
  getSummaryDocument,
  listSummaries,
  publishSummary,
  regenerateSummaries,
} from '../../use-cases/summaries.ts';
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
