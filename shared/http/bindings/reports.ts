/** The report and country-set routes bound to their use cases (shared/use-cases/reports.ts). */
import type { ServedDocument } from '../../use-cases/context.ts';
import {
  createCountrySet,
  getCountrySet,
  getResponseReport,
  listCountrySets,
  retireCountrySet,
  setCountrySetConsent,
  updateCountrySet,
} from '../../use-cases/reports.ts';
import { bind, created, ok, withEtag } from '../bind.ts';
import { contentDisposition } from '../documents.ts';
import type { Operations } from '../operation.ts';

/** What each report format is served with: spreadsheets and PDF are saved, HTML and SVG shown inert. */
const reportHeaders = (doc: ServedDocument): Record<string, string> => ({
  'content-type': doc.contentType,
  ...(doc.fileName ? { 'content-disposition': contentDisposition(doc.fileName) } : {}),
  ...(doc.contentType.startsWith('image/svg+xml') || doc.contentType === 'application/pdf'
    ? { 'x-content-type-options': 'nosniff' }
    : {}),
  ...(doc.contentType.startsWith('text/html')
    ? {
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      }
    : {}),
});

export const reportBindings: Operations<'reports'> = {
  listCountrySets: bind(listCountrySets, { input: (req) => req.query, reply: ok }),
  getCountrySet: bind(getCountrySet, { input: (req) => req.params, reply: withEtag }),
  createCountrySet: bind(createCountrySet, {
    input: (req) => req.body,
    reply: created((set) => `/country-sets/${set.id}`),
  }),
  updateCountrySet: bind(updateCountrySet, {
    input: (req) => ({ setId: req.params.setId, expectedVersion: req.expectedVersion, changes: req.body }),
    reply: withEtag,
  }),
  retireCountrySet: bind(retireCountrySet, {
    input: (req) => ({ setId: req.params.setId, expectedVersion: req.expectedVersion }),
    reply: withEtag,
  }),
  setCountrySetConsent: bind(setCountrySetConsent, {
    input: (req) => ({ ...req.params, ...req.body }),
    reply: ok,
  }),
  getResponseReport: bind(getResponseReport, {
    input: (req) => req.query,
    reply: (out) =>
      'report' in out
        ? { body: out.report }
        : { body: out.document.body, headers: reportHeaders(out.document) },
  }),
};
