/**
 * PDF rendering with pdfkit and embedded (subset) DejaVu Sans fonts.
 *
 * Supported: en, fr, es, ru, i.e. Latin (with all European diacritics), Greek and Cyrillic.
 * Not supported: Arabic (needs bidi reordering and contextual shaping across line breaks,
 * which pdfkit does not do) and Chinese (needs a CJK font of ~10+ MB in the Lambda bundle).
 * For those the API refuses with `UnsupportedLanguageError` instead of emitting garbled
 * glyphs; the print path is the HTML rendering (print CSS). Body text in a supported
 * language that contains characters the fonts cannot show correctly (e.g. an Arabic name in
 * an English summary) is refused with `UnsupportedCharactersError`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as fontkit from 'fontkit';
import type PDFKitDocument from 'pdfkit';
import { DomainError } from '#shared/domain/errors.ts';
import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import type { Language } from '#shared/domain/types.ts';
import { type SummaryDocument, statementsOf } from './document.ts';
import {
  articleHeading,
  followUpParts,
  introFields,
  pageLabel,
  SECTION_HEADING,
  subtitleOf,
  titleOf,
} from './labels.ts';
import type { RenderOptions } from './render-markdown.ts';

/** Languages whose summaries can be rendered to PDF. */
export const PDF_LANGUAGES = ['en', 'fr', 'es', 'ru'] as const satisfies readonly Language[];
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];

export const isPdfLanguage = (lang: Language): lang is PdfLanguage =>
  (PDF_LANGUAGES as readonly Language[]).includes(lang);

export class UnsupportedLanguageError extends DomainError {
  readonly code = 'UNSUPPORTED_LANGUAGE';
}
export class UnsupportedCharactersError extends DomainError {
  readonly code = 'UNSUPPORTED_CHARACTERS';
}

interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface PdfRenderOptions extends RenderOptions {
  /**
   * Font files (TTF). Default: DejaVu Sans from the `dejavu-fonts-ttf` package, read once.
   * A Lambda bundle that does not ship node_modules passes its bundled copies here.
   */
  fonts?: PdfFonts;
  /** CreationDate/ModDate metadata; fixed by default so the same input gives the same bytes. */
  createdAt?: Date;
}

const PDF_DEFAULT_DATE = new Date('2000-01-01T00:00:00Z');

/**
 * Layout features for Latin/Greek/Cyrillic text: all OpenType substitution and positioning
 * is off. These scripts need none of it once text is NFC-normalized (precomposed
 * diacritics); ligatures would also break text extraction and search. Shaping with fontkit
 * costs ~3x the whole rest of the rendering (measured: ~110 ms vs ~35 ms per summary), so the
 * price is only kerning.
 */
const FEATURES = {
  liga: false,
  clig: false,
  calt: false,
  rlig: false,
  dlig: false,
  kern: false,
  mark: false,
  mkmk: false,
  ccmp: false,
  locl: false,
  rclt: false,
  curs: false,
};

interface LoadedFonts {
  /** Parsed once and shared by every document: parsing DejaVu's layout tables costs ~100 ms. */
  regular: fontkit.Font;
  bold: fontkit.Font;
  /** Code points both faces can draw. */
  covers: (codePoint: number) => boolean;
}

/** The same face with FEATURES as its default layout features (pdfkit passes none). */
function withFeatures(font: fontkit.Font): fontkit.Font {
  const adapted: fontkit.Font = Object.create(font);
  adapted.layout = (text, features, ...rest) => font.layout(text, features ?? FEATURES, ...rest);
  return adapted;
}

interface PdfLibraries {
  fontkit: typeof fontkit;
  PDFDocument: typeof PDFKitDocument;
}
let libraries: Promise<PdfLibraries> | undefined;

/**
 * pdfkit and fontkit (with brotli, Unicode tries and AES tables) are loaded on the first PDF, not
 * at module load: the summaries and public functions import this module, and their cold start
 * should not pay for a renderer most requests never use (measured in bench/suites/cold-start.ts).
 */
const pdfLibraries = (): Promise<PdfLibraries> => {
  libraries ??= Promise.all([import('fontkit'), import('pdfkit')]).then(([fk, pdfkit]) => ({
    fontkit: fk,
    PDFDocument: pdfkit.default,
  }));
  return libraries;
};

let defaultFonts: LoadedFonts | undefined;
const loadedByInput = new WeakMap<PdfFonts, LoadedFonts>();

function load(fonts: PdfFonts, fk: typeof fontkit): LoadedFonts {
  const faces = [fonts.regular, fonts.bold].map((bytes) => {
    const created = fk.create(Buffer.from(bytes));
    // A TTF file holds one face; a collection (TTC/DFONT) is not a supported input.
    if (!('layout' in created)) throw new TypeError('PDF fonts must be single TrueType/OpenType faces');
    return created;
  });
  const [regular, bold] = faces.map(withFeatures) as [fontkit.Font, fontkit.Font];
  const cache = new Map<number, boolean>();
  const covers = (cp: number): boolean => {
    let ok = cache.get(cp);
    if (ok === undefined) {
      ok = faces.every((f) => f.hasGlyphForCodePoint(cp));
      cache.set(cp, ok);
    }
    return ok;
  };
  return { regular, bold, covers };
}

function fontsFor(options: PdfRenderOptions, fk: typeof fontkit): LoadedFonts {
  if (options.fonts) {
    let loaded = loadedByInput.get(options.fonts);
    if (!loaded) {
      loaded = load(options.fonts, fk);
      loadedByInput.set(options.fonts, loaded);
    }
    return loaded;
  }
  if (!defaultFonts) {
    defaultFonts = load(
      {
        regular: readFileSync(fontFile('DejaVuSans.ttf')),
        bold: readFileSync(fontFile('DejaVuSans-Bold.ttf')),
      },
      fk,
    );
  }
  return defaultFonts;
}

/**
 * Where a default font file is: `PDF_FONT_DIR` if set, else beside the running module (a Lambda
 * bundle has them next to `index.mjs`, copied by AppFunction's bundling hook, and no
 * node_modules), else the `dejavu-fonts-ttf` package (sources run with tsx/vitest).
 */
function fontFile(name: string): string {
  const dir = process.env.PDF_FONT_DIR;
  if (dir) return `${dir.replace(/\/$/, '')}/${name}`;
  const beside = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
}

/** Scripts that need bidi reordering or contextual shaping, which this renderer does not do. */
const NEEDS_SHAPING = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Characters of `texts` that the PDF renderer cannot draw correctly (distinct, in order of appearance). */
async function unsupportedPdfCharacters(
  texts: readonly string[],
  options: PdfRenderOptions = {},
): Promise<string[]> {
  const { covers } = fontsFor(options, (await pdfLibraries()).fontkit);
  const bad = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      if (ch === '\n' || ch === '\t') continue;
      const cp = ch.codePointAt(0) ?? 0;
      if (NEEDS_SHAPING.test(ch) || !covers(cp)) bad.add(ch);
    }
  }
  return [...bad];
}

/** Every string that ends up on a page of `doc` in `lang`. */
function pageTexts(doc: SummaryDocument, lang: Language): string[] {
  const s = SUMMARY_STRINGS[lang];
  return [
    titleOf(doc, lang),
    subtitleOf(doc, lang),
    s.basis,
    s.source,
    ...Object.values(s.kinds),
    ...introFields(doc, lang).flatMap((f) => [f.label, f.value]),
    ...(doc.selfAssessmentOverview === null ? [] : [s.intro.selfAssessment, doc.selfAssessmentOverview]),
    ...doc.sections.flatMap((sec) => [
      SECTION_HEADING[sec.id](s),
      ...sec.articles.map((a) => articleHeading(a, lang)),
    ]),
    ...statementsOf(doc).flatMap((st) => [st.text, ...st.sourceObservationIds]),
    ...(doc.followUps.length > 0 ? [FOLLOW_UP_STRINGS[lang].heading] : []),
    ...doc.followUps.flatMap((st) => Object.values(followUpParts(st, lang)).filter((t) => t !== null)),
    ...doc.followUps.map((st) => st.text),
    pageLabel(lang, 1, 1),
  ];
}

const COLOR_ACCENT = '#1a4f8b';
const COLOR_TEXT = '#111111';
const COLOR_MUTED = '#555555';

/**
 * Renders the summary as an A4 PDF with embedded subset fonts, a bookmark per section, a
 * named destination `obs-<id>` per observation (so `summary.pdf#obs-<id>` opens at it) and
 * page numbers. With `observationHref` returning an absolute http(s) URL, source ids link there.
 *
 * @throws UnsupportedLanguageError for ar and zh (use the HTML rendering to print those).
 * @throws UnsupportedCharactersError when body text holds characters the fonts cannot draw.
 */
export async function renderPdf(
  doc: SummaryDocument,
  lang: Language,
  options: PdfRenderOptions = {},
): Promise<Uint8Array> {
  if (!isPdfLanguage(lang)) {
    throw new UnsupportedLanguageError(
      `PDF summaries are not available in '${lang}'; use the HTML rendering (print-ready) instead`,
      { lang, supported: [...PDF_LANGUAGES] },
    );
  }
  const bad = await unsupportedPdfCharacters(pageTexts(doc, lang), options);
  if (bad.length > 0) {
    throw new UnsupportedCharactersError(
      `the summary holds characters the PDF fonts cannot draw correctly; use the HTML rendering`,
      {
        lang,
        characters: bad,
        codePoints: bad.map(
          (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
        ),
      },
    );
  }
  const { fontkit: fk, PDFDocument } = await pdfLibraries();
  const fonts = fontsFor(options, fk);
  const s = SUMMARY_STRINGS[lang];
  const href = options.observationHref;
  const createdAt = options.createdAt ?? PDF_DEFAULT_DATE;
  const title = titleOf(doc, lang);

  const pdf = new PDFDocument({
    // Start with our font rather than the default Helvetica (saves parsing its metrics per document).
    font: fonts.regular as unknown as string,
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    lang,
    displayTitle: true,
    info: {
      Title: title,
      Subject: subtitleOf(doc, lang),
      Creator: 'cop-review',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });

  // pdfkit accepts a parsed fontkit font (anything with `layout`), its typings only list byte sources.
  pdf.registerFont('body', fonts.regular as unknown as Buffer);
  pdf.registerFont('bold', fonts.bold as unknown as Buffer);
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;

  const heading = (text: string, size: number, color = COLOR_ACCENT): void => {
    // Keep a heading with at least a few lines of what follows it.
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 4 * size) pdf.addPage();
    pdf.font('bold').fontSize(size).fillColor(color).text(text, { width });
    pdf.moveDown(0.3);
  };

  heading(title, 17);
  pdf.font('body').fontSize(11).fillColor(COLOR_TEXT).text(subtitleOf(doc, lang), { width });
  pdf
    .fillColor(doc.lifecycle === 'draft' ? '#8b1a1a' : COLOR_ACCENT)
    .text(s.lifecycle[doc.lifecycle].toUpperCase());
  pdf.moveDown(0.8);

  pdf.outline.addItem(SECTION_HEADING.introduction(s));
  heading(SECTION_HEADING.introduction(s), 14);
  pdf.font('body').fontSize(10.5).fillColor(COLOR_TEXT).text(s.basis, { width });
  pdf.moveDown(0.5);
  for (const f of introFields(doc, lang)) {
    pdf.font('bold').text(`${f.label}: `, { width, continued: true }).font('body').text(f.value);
  }
  if (doc.selfAssessmentOverview !== null) {
    pdf.moveDown(0.5);
    pdf.font('bold').text(s.intro.selfAssessment, { width });
    pdf.font('body').text(doc.selfAssessmentOverview, { width });
  }
  pdf.moveDown(0.8);

  for (const section of doc.sections) {
    const text = SECTION_HEADING[section.id](s);
    pdf.outline.addItem(text);
    heading(text, 14);
    if (section.articles.length === 0) {
      pdf.font('body').fontSize(10.5).fillColor(COLOR_MUTED).text(s.noEntries, { width });
    }
    for (const block of section.articles) {
      heading(articleHeading(block, lang), 11.5, COLOR_TEXT);
      for (const st of block.statements) {
        for (const id of st.sourceObservationIds)
          pdf.addNamedDestination(`obs-${id}`, 'XYZ', pdf.page.margins.left, pdf.y, null);
        pdf
          .font('bold')
          .fontSize(10.5)
          .fillColor(COLOR_TEXT)
          .text(`${s.kinds[st.kind]}: `, { width, continued: true });
        pdf.font('body').text(`${st.text} `, { continued: true });
        pdf.fillColor(COLOR_MUTED).text(`(${s.source} `, { continued: true });
        st.sourceObservationIds.forEach((id, i) => {
          const url = href?.(id);
          const link = url !== undefined && /^https?:\/\//.test(url) ? url : null;
          pdf
            .fillColor(link ? COLOR_ACCENT : COLOR_MUTED)
            .text(id, { continued: true, link, underline: link !== null });
          pdf.fillColor(COLOR_MUTED).text(i === st.sourceObservationIds.length - 1 ? ')' : ', ', {
            continued: i !== st.sourceObservationIds.length - 1,
            link: null,
            underline: false,
          });
        });
        pdf.moveDown(0.4);
      }
      pdf.moveDown(0.3);
    }
    pdf.moveDown(0.5);
  }

  if (doc.followUps.length > 0) {
    pdf.outline.addItem(FOLLOW_UP_STRINGS[lang].heading);
    heading(FOLLOW_UP_STRINGS[lang].heading, 14);
    for (const st of doc.followUps) {
      const p = followUpParts(st, lang);
      heading(p.heading, 11.5, COLOR_TEXT);
      pdf.addNamedDestination(st.anchor, 'XYZ', pdf.page.margins.left, pdf.y, null);
      pdf
        .font('bold')
        .fontSize(10.5)
        .fillColor(COLOR_TEXT)
        .text(`${p.earlier}: `, { width, continued: true });
      pdf.font('body').text(st.text, { width });
      pdf.font('bold').text(`${p.status}: `, { width, continued: true }).font('body').text(p.statusLabel);
      if (p.explanation !== null) pdf.font('body').fillColor(COLOR_MUTED).text(p.explanation, { width });
      pdf.moveDown(0.5);
    }
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit add a page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('body')
      .fontSize(8.5)
      .fillColor(COLOR_MUTED)
      .text(pageLabel(lang, i - range.start + 1, range.count), pdf.page.margins.left, pdf.page.height - 40, {
        width,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
