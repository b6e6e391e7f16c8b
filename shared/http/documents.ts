/**
 * Response headers of every served document (summaries, self-assessment exports): the browser
 * never sniffs another type, and nothing in the document may run, load or submit anything. The
 * HTML documents are self-contained (one inline stylesheet), so that is all they need. The
 * download name of a file (`contentDisposition`) is made here too.
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

/**
 * How a download is to be saved (RFC 6266 / 5987): an ASCII fallback name for old clients and the
 * exact UTF-8 name. Every binding that serves a file, and a pre-signed S3 download, build it here.
 */
export const contentDisposition = (
  fileName: string,
  type: 'attachment' | 'inline' = 'attachment',
): string => {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'file';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
