/**
 * Response headers of every served document (summaries, self-assessment exports): the browser
 * never sniffs another type, and nothing in the document may run, load or submit anything. The
 * HTML documents are self-contained (one inline stylesheet), so that is all they need.
 */
const POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const documentHeaders = (contentType: string): Record<string, string> => ({
  'content-type': contentType,
  'x-content-type-options': 'nosniff',
  // Browsers refuse to render a PDF in a sandboxed document; everything else is sandboxed.
  'content-security-policy': contentType.startsWith('application/pdf') ? POLICY : `${POLICY}; sandbox`,
});
