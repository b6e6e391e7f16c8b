/** The download headers every binding and the pre-signed S3 downloads share (shared/http/documents.ts). */
import { describe, expect, it } from 'vitest';
import { contentDisposition, documentHeaders } from '#shared/http/documents.ts';

describe('contentDisposition', () => {
  it('saves an ASCII name as given, with the UTF-8 form beside it', () => {
    expect(contentDisposition('ta-needs.csv')).toBe(
      `attachment; filename="ta-needs.csv"; filename*=UTF-8''ta-needs.csv`,
    );
  });

  it('replaces quotes, separators and non-ASCII letters in the fallback and keeps them exact in filename*', () => {
    const header = contentDisposition('Évaluation "finale"; v2.pdf');
    expect(header).toBe(
      `attachment; filename="_valuation _finale__ v2.pdf"; filename*=UTF-8''%C3%89valuation%20%22finale%22%3B%20v2.pdf`,
    );
  });

  it('shows a document inline when asked, and never leaves the fallback empty', () => {
    expect(contentDisposition('résumé.html', 'inline')).toMatch(/^inline; filename="r_sum_.html"; /);
    expect(contentDisposition('')).toBe(`attachment; filename="file"; filename*=UTF-8''`);
  });
});

describe('documentHeaders', () => {
  it('sandboxes everything but a PDF, which browsers refuse to render sandboxed', () => {
    expect(documentHeaders('text/html; charset=utf-8')['content-security-policy']).toMatch(/; sandbox$/);
    expect(documentHeaders('application/pdf')['content-security-policy']).not.toMatch(/sandbox/);
  });
});
