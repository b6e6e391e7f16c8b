/**
 * A small document writer over pdfkit for the platform's PDFs (summaries, response reports):
 * A4, headings kept with what follows, paragraphs of styled spans laid out by paragraph.ts
 * (bidi, Arabic shaping, CJK line breaking, font fallback), bookmarks, named destinations,
 * links and a page footer. Right-to-left languages are right-aligned.
 *
 * pdfkit and fontkit are loaded on the first PDF, not at module load: the functions that import
 * a renderer should not pay for it at cold start when most requests never draw a PDF.
 */
import type * as fontkit from 'fontkit';
import type PDFKitDocument from 'pdfkit';
import { DomainError } from '#shared/domain/errors.ts';
import type { Language } from '#shared/domain/types.ts';
import { type Face, FaceSet, type FontOverrides, runFeatures } from './fonts.ts';
import { layoutParagraph, type Span } from './paragraph.ts';

export class UnsupportedCharactersError extends DomainError {
  readonly code = 'UNSUPPORTED_CHARACTERS';
}

const PDF_DEFAULT_DATE = new Date('2000-01-01T00:00:00Z');
const RTL_LANGUAGES: readonly Language[] = ['ar'];

export const COLORS = { accent: '#1a4f8b', text: '#111111', muted: '#555555', alert: '#8b1a1a' };

export interface PdfWriterOptions {
  lang: Language;
  title: string;
  subject?: string;
  /** CreationDate/ModDate; fixed by default so the same input gives the same bytes. */
  createdAt?: Date;
  fonts?: FontOverrides;
}

interface Libraries {
  fontkit: typeof fontkit;
  PDFDocument: typeof PDFKitDocument;
}
let libraries: Promise<Libraries> | undefined;
const pdfLibraries = (): Promise<Libraries> => {
  libraries ??= Promise.all([import('fontkit'), import('pdfkit')]).then(([fk, pdfkit]) => ({
    fontkit: fk,
    PDFDocument: pdfkit.default,
  }));
  return libraries;
};

/** Faces are parsed once per process (DejaVu's layout tables alone cost ~100 ms), or per override set. */
let defaultFaces: FaceSet | undefined;
const facesByOverride = new WeakMap<FontOverrides, FaceSet>();
async function faceSet(overrides?: FontOverrides): Promise<FaceSet> {
  const { fontkit: fk } = await pdfLibraries();
  if (!overrides) {
    defaultFaces ??= new FaceSet(fk);
    return defaultFaces;
  }
  let set = facesByOverride.get(overrides);
  if (!set) {
    set = new FaceSet(fk, overrides);
    facesByOverride.set(overrides, set);
  }
  return set;
}

/** Characters of `texts` that no shipped face draws correctly in a `lang` document (distinct, in order). */
async function unsupportedPdfCharacters(
  texts: readonly string[],
  lang: Language,
  fonts?: FontOverrides,
): Promise<string[]> {
  const faces = await faceSet(fonts);
  const bad = new Set<string>();
  for (const text of texts) {
    for (const ch of text.normalize('NFC')) {
      if (ch === '\n' || ch === '\t') continue;
      if (faces.familyFor(lang, ch) === null) bad.add(ch);
    }
  }
  return [...bad];
}

/** Refuses, before anything is drawn, text that would come out as boxes or unshaped glyphs. */
export async function assertDrawable(texts: readonly string[], lang: Language, fonts?: FontOverrides) {
  const bad = await unsupportedPdfCharacters(texts, lang, fonts);
  if (bad.length > 0) {
    throw new UnsupportedCharactersError(
      'the document holds characters the PDF fonts cannot draw correctly',
      {
        lang,
        characters: bad,
        codePoints: bad.map(
          (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
        ),
      },
    );
  }
}

export interface ParagraphStyle {
  /** 'auto': the direction of the first strong character (body text as written), else the document's. */
  direction?: 'auto';
  size?: number;
  color?: string;
  /** Named destinations placed at the paragraph's first line (`file.pdf#name`). */
  destinations?: readonly string[];
  /** Extra space below, in lines of this size. */
  after?: number;
}

const STRONG = /[\p{Script=Arabic}\p{Script=Hebrew}]|\p{L}/u;
const firstStrongIsRtl = (spans: readonly Span[], fallback: boolean): boolean => {
  const m = spans
    .map((s) => s.text)
    .join('')
    .match(STRONG);
  return m === null ? fallback : /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(m[0]);
};

export class PdfWriter {
  private constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly faces: FaceSet,
    private readonly lang: Language,
    private readonly done: Promise<Uint8Array>,
  ) {}

  static async create(o: PdfWriterOptions): Promise<PdfWriter> {
    const { PDFDocument } = await pdfLibraries();
    const faces = await faceSet(o.fonts);
    const createdAt = o.createdAt ?? PDF_DEFAULT_DATE;
    const first = faces.face(faces.familyFor(o.lang, 'a') ?? 'latin', 'regular');
    const pdf = new PDFDocument({
      // Start with our own face rather than the default Helvetica (saves parsing its metrics).
      font: first.font as unknown as string,
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      lang: o.lang,
      displayTitle: true,
      info: {
        Title: o.title,
        ...(o.subject === undefined ? {} : { Subject: o.subject }),
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
    return new PdfWriter(pdf, faces, o.lang, done);
  }

  private readonly registered = new Set<string>();
  /** Selects `face`, registering it with pdfkit the first time (one embedded subset per face). */
  private use(face: Face): PDFKit.PDFDocument {
    if (!this.registered.has(face.name)) {
      // pdfkit accepts a parsed fontkit font (anything with `layout`); its typings list byte sources only.
      this.pdf.registerFont(face.name, face.font as unknown as Buffer);
      this.registered.add(face.name);
    }
    return this.pdf.font(face.name);
  }

  private get rtl(): boolean {
    return RTL_LANGUAGES.includes(this.lang);
  }
  private get width(): number {
    const p = this.pdf.page;
    return p.width - p.margins.left - p.margins.right;
  }
  private get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  /** A bookmark in the outline pointing at the current position. */
  bookmark(title: string): void {
    this.pdf.outline.addItem(title);
  }

  gap(lines: number, size = 10.5): void {
    this.pdf.y += lines * size;
  }

  heading(text: string, size: number, color = COLORS.accent): void {
    // Keep a heading with at least a few lines of what follows it.
    if (this.pdf.y > this.bottom - 4 * size) this.pdf.addPage();
    this.paragraph([{ text, bold: true, color }], { size, after: 0.3 });
  }

  paragraph(spans: readonly Span[], style: ParagraphStyle = {}): void {
    const size = style.size ?? 10.5;
    const pdf = this.pdf;
    const rtl = style.direction === 'auto' ? firstStrongIsRtl(spans, this.rtl) : this.rtl;
    const lines = layoutParagraph(spans, {
      faces: this.faces,
      lang: this.lang,
      size,
      width: this.width,
      rtl,
    });
    let marked = false;
    for (const line of lines) {
      const height = Math.max(line.ascent + line.descent, size * 1.25) + size * 0.15;
      if (pdf.y + height > this.bottom) pdf.addPage();
      if (!marked) {
        for (const d of style.destinations ?? [])
          pdf.addNamedDestination(d, 'XYZ', pdf.page.margins.left, pdf.y, null);
        marked = true;
      }
      const baseline = pdf.y + Math.max(line.ascent, size * 0.95);
      let x = pdf.page.margins.left + (rtl ? this.width - line.width : 0);
      for (const run of line.runs) {
        const color = run.span.color ?? style.color ?? COLORS.text;
        const link = run.span.link ?? null;
        this.use(run.face).fontSize(size).fillColor(color);
        if (run.face.syntheticBold) pdf.lineWidth(size * 0.035).strokeColor(color);
        pdf.text(run.text, x, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          // LTR runs go through pdfkit's own word-by-word layout cache; RTL runs are laid out whole.
          features: run.rtl ? (runFeatures(true) as never) : undefined,
          link,
          underline: link !== null,
          ...(run.face.syntheticBold ? { fill: true, stroke: true } : {}),
        });
        x += run.width;
      }
      pdf.x = pdf.page.margins.left;
      pdf.y = baseline - Math.max(line.ascent, size * 0.95) + height;
    }
    this.gap(style.after ?? 0, size);
  }

  /** Writes `footer(page, pages)` centred at the bottom of every page and returns the file. */
  async finish(footer: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pdf = this.pdf;
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const bottom = pdf.page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit add a page.
      pdf.page.margins.bottom = 0;
      const lines = layoutParagraph([{ text: footer(i - range.start + 1, range.count) }], {
        faces: this.faces,
        lang: this.lang,
        size: 8.5,
        width: this.width,
        rtl: this.rtl,
      });
      const line = lines[0];
      if (line) {
        let x = pdf.page.margins.left + (this.width - line.width) / 2;
        for (const run of line.runs) {
          this.use(run.face).fontSize(8.5).fillColor(COLORS.muted);
          pdf.text(run.text, x, pdf.page.height - 32, {
            lineBreak: false,
            baseline: 'alphabetic',
            features: run.rtl ? (runFeatures(true) as never) : undefined,
          });
          x += run.width;
        }
      }
      pdf.page.margins.bottom = bottom;
    }
    pdf.end();
    return this.done;
  }
}
