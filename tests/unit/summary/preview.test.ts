/**
 * The preview command (`npm run --silent summary:preview`) as translators run it: its PDFs in
 * Arabic and Chinese are read back with pdftotext (the headings come out in that script, in
 * reading order) and rendered with pdftoppm (pages have ink where the language puts it: Arabic
 * right-aligned, Chinese left-aligned). Page images: test-output/summary-preview/*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateNameIn } from '#shared/domain/i18n/country-names.ts';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import { inkExtent, pdfText, renderPages } from '../../support/pdf-tools.ts';

const PNG_DIR = resolve('test-output/summary-preview');
mkdirSync(PNG_DIR, { recursive: true });

const preview = (lang: string, format: string): Buffer =>
  execFileSync('npm', ['run', '--silent', 'summary:preview', '--', '--lang', lang, '--format', format], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });

describe('summary:preview', () => {
  it('writes an Arabic PDF whose text reads back in Arabic and whose pages are laid out right to left', () => {
    const pdf = preview('ar', 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    const s = SUMMARY_STRINGS.ar;
    for (const heading of Object.values(s.sections)) expect(text).toContain(heading);
    expect(text).toContain(stateNameIn('CIV', "Côte d'Ivoire", 'ar'));
    expect(stateNameIn('CIV', "Côte d'Ivoire", 'ar')).toMatch(/\p{Script=Arabic}/u);
    expect(text).toContain(s.englishOriginal);
    expect(text).toContain('CIV-TIP-5-GP1');

    const pages = renderPages(pdf, 40, PNG_DIR, 'ar');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // The title block (top ~12% of page 1) ends at the right margin and starts well inside the page.
    const [left, right] = inkExtent(pages[0] as never, 0.05, 0.12) ?? [0, 0];
    expect(right).toBeGreaterThan(0.85);
    expect(left).toBeGreaterThan(0.15);
  }, 60_000);

  it('writes a Chinese PDF with the shipped CJK face, read back in Chinese, left-aligned', () => {
    const pdf = preview('zh', 'pdf');
    const text = pdfText(pdf);
    const s = SUMMARY_STRINGS.zh;
    for (const heading of Object.values(s.sections)) expect(text).toContain(heading);
    expect(text).toContain(stateNameIn('CIV', "Côte d'Ivoire", 'zh'));
    expect(pdf.toString('latin1')).toContain('NotoSansHans');

    const pages = renderPages(pdf, 40, PNG_DIR, 'zh');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const [left] = inkExtent(pages[0] as never, 0.05, 0.12) ?? [1, 1];
    expect(left).toBeLessThan(0.15);
  }, 60_000);

  it('writes a Word file with right-to-left Arabic paragraphs', async () => {
    const docx = preview('ar', 'docx');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:rtl/>');
    expect(xml).toContain(SUMMARY_STRINGS.ar.sections.challenges);
  }, 60_000);

  it('refuses an unknown language with the usage line and exit code 2', () => {
    let status = 0;
    let stderr = '';
    try {
      preview('xx', 'pdf');
    } catch (e) {
      const failed = e as { status: number; stderr: Buffer };
      status = failed.status;
      stderr = failed.stderr.toString();
    }
    expect(status).toBe(2);
    expect(String(stderr)).toContain('usage: npm run --silent summary:preview');
  });
});
