import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateNameIn } from '#shared/domain/i18n/country-names.ts';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import { buildSummary } from '#shared/domain/summary/document.ts';
import { SummaryInputSchema } from '#shared/domain/summary/input.ts';
import { renderPdf, UnsupportedCharactersError } from '#shared/domain/summary/render-pdf.ts';
import { pdfText } from '../../support/pdf-tools.ts';

const input = SummaryInputSchema.parse(
  JSON.parse(readFileSync(new URL('../../../data/summary-sample.json', import.meta.url), 'utf8')),
);
const doc = buildSummary(input, { scope: 'combined' });

/** Text of every page, lines joined by spaces, as a PDF reader extracts it. */
async function extractText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of (detaches) the buffer it gets, so hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const parts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str, item.hasEOL ? ' ' : '');
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  // Long ids may wrap after a hyphen ("CIV-" / "TIP-6-C1"): rejoin those, as a reader would.
  const text = parts
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/(?<=\S)- (?=[A-Z0-9])/g, '-');
  return { text, pages };
}

describe('PDF rendering of a country review summary', () => {
  let fr: Uint8Array;
  let frText: string;

  beforeAll(async () => {
    fr = await renderPdf(doc, 'fr');
    frText = (await extractText(fr)).text;
  });

  it('produces a PDF file', () => {
    expect(new TextDecoder().decode(fr.slice(0, 5))).toBe('%PDF-');
    expect(fr.length).toBeGreaterThan(5_000);
  });

  it('contains every French section heading, the title and the footer', () => {
    const s = SUMMARY_STRINGS.fr;
    for (const h of Object.values(s.sections)) expect(frText).toContain(h);
    expect(frText).toContain(`Résumé de la liste d'observations : ${stateNameIn('CIV', '', 'fr')}`);
    expect(frText).toMatch(/Page 1 sur \d/);
  });

  it('names the States in French (CLDR) and keeps the diacritics of names and body text', () => {
    expect(frText).toContain('Côte-d’Ivoire (CIV)'.replace('’', "'"));
    expect(frText).toContain('Turquie (TUR)');
    expect(frText).toContain('Sénégal (SEN)');
    expect(frText).toContain("Côte d'Ivoire follows the civil law tradition");
    expect(frText).toContain('Bouaké');
    expect(frText).toContain('Le Comité national de lutte contre la traite mène');
  });

  it('cites the source observation of each statement and leaves out the non-agreed ones', () => {
    for (const o of input.observations) {
      if (o.status === 'agreed') expect(frText).toContain(o.id);
      else expect(frText).not.toContain(o.id);
    }
  });

  it('renders Cyrillic headings in Russian', async () => {
    const { text } = await extractText(await renderPdf(doc, 'ru'));
    for (const h of Object.values(SUMMARY_STRINGS.ru.sections)) expect(text).toContain(h);
    expect(text).toContain('Турция (TUR)');
  });

  it('gives the same bytes for the same input', async () => {
    expect(Buffer.from(await renderPdf(doc, 'fr')).equals(Buffer.from(fr))).toBe(true);
  });

  const withText = (text: string) =>
    buildSummary(
      {
        ...input,
        observations: [{ id: 'X-1', article: 'TIP.5', kind: 'challenge', status: 'agreed', text }],
      },
      { scope: 'combined' },
    );

  it('draws Arabic and Chinese words inside an English summary with the fallback faces, in reading order', async () => {
    const text = pdfText(
      await renderPdf(withText('Named laws: قانون مكافحة الاتجار and 反人口贩卖法.'), 'en'),
    );
    // (poppler drops the narrow space where the direction changes; the page shows it)
    expect(text).toContain('Named laws: قانون مكافحة الاتجار');
    expect(text).toContain('and 反人口贩卖法.');
  });

  it('refuses body text in a script no shipped face draws correctly, naming the characters', async () => {
    const error = await renderPdf(withText('Named law: क़ानून'), 'en').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedCharactersError);
    expect(error).toMatchObject({ details: { codePoints: expect.arrayContaining(['U+0915']) } });
  });
});
