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
import { type Line, layoutParagraph, type Span } from './paragraph.ts';

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

  private lines(spans: readonly Span[], size: number, width: number, rtl: boolean): Line[] {
    return layoutParagraph(spans, { faces: this.faces, lang: this.lang, size, width, rtl });
  }

  private static lineHeight(line: Line, size: number): number {
    return Math.max(line.ascent + line.descent, size * 1.25) + size * 0.15;
  }

  /** Draws one laid-out line with its top at `top`, inside [left, left + width]. */
  private drawLine(
    line: Line,
    top: number,
    left: number,
    width: number,
    o: { size: number; color: string; rtl: boolean; align?: 'center' },
  ) {
    const pdf = this.pdf;
    const baseline = top + Math.max(line.ascent, o.size * 0.95);
    let x = left + (o.align === 'center' ? (width - line.width) / 2 : o.rtl ? width - line.width : 0);
    for (const run of line.runs) {
      const color = run.span.color ?? o.color;
      const link = run.span.link ?? null;
      this.use(run.face).fontSize(o.size).fillColor(color);
      if (run.face.syntheticBold) pdf.lineWidth(o.size * 0.035).strokeColor(color);
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
  }

  paragraph(spans: readonly Span[], style: ParagraphStyle = {}): void {
    const size = style.size ?? 10.5;
    const pdf = this.pdf;
    const rtl = style.direction === 'auto' ? firstStrongIsRtl(spans, this.rtl) : this.rtl;
    let marked = false;
    for (const line of this.lines(spans, size, this.width, rtl)) {
      const height = PdfWriter.lineHeight(line, size);
      if (pdf.y + height > this.bottom) pdf.addPage();
      if (!marked) {
        for (const d of style.destinations ?? [])
          pdf.addNamedDestination(d, 'XYZ', pdf.page.margins.left, pdf.y, null);
        marked = true;
      }
      const top = pdf.y;
      this.drawLine(line, top, pdf.page.margins.left, this.width, {
        size,
        color: style.color ?? COLORS.text,
        rtl,
      });
      pdf.x = pdf.page.margins.left;
      pdf.y = top + height;
    }
    this.gap(style.after ?? 0, size);
  }

  /**
   * A ruled table, columns sized by their content, the header row repeated on every page; a row is
   * never split across pages. Columns run right to left in a right-to-left document.
   */
  table(
    head: readonly string[],
    rows: readonly (readonly string[])[],
    { size = 8.5 }: { size?: number } = {},
  ): void {
    const pdf = this.pdf;
    const pad = 2.5;
    const weights = head.map(
      (h, c) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length))) + 4,
    );
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((wt) => (this.width * wt) / total);
    const xOf = (c: number): number => {
      const before = widths.slice(0, c).reduce((a, b) => a + b, 0);
      return this.rtl
        ? pdf.page.margins.left + this.width - before - (widths[c] ?? 0)
        : pdf.page.margins.left + before;
    };
    const layoutRow = (cells: readonly string[], bold: boolean) => {
      const laid = head.map((_, c) =>
        this.lines([{ text: cells[c] ?? '', bold }], size, (widths[c] ?? 0) - 2 * pad, this.rtl),
      );
      const height =
        Math.max(...laid.map((ls) => ls.reduce((h, l) => h + PdfWriter.lineHeight(l, size), 0))) + 2 * pad;
      return { laid, height: Math.max(height, size * 1.4 + 2 * pad) };
    };
    const drawRow = (row: ReturnType<typeof layoutRow>, fill: string | null) => {
      const top = pdf.y;
      row.laid.forEach((lines, c) => {
        const x = xOf(c);
        const w = widths[c] ?? 0;
        if (fill) pdf.rect(x, top, w, row.height).fill(fill);
        pdf.lineWidth(0.5).rect(x, top, w, row.height).stroke('#999999');
        let y = top + pad;
        for (const line of lines) {
          this.drawLine(line, y, x + pad, w - 2 * pad, { size, color: COLORS.text, rtl: this.rtl });
          y += PdfWriter.lineHeight(line, size);
        }
      });
      pdf.y = top + row.height;
    };
    const header = layoutRow(head, true);
    if (pdf.y + header.height * 2 > this.bottom) pdf.addPage();
    drawRow(header, '#eeeeee');
    for (const cells of rows) {
      const row = layoutRow(cells, false);
      if (pdf.y + row.height > this.bottom) {
        pdf.addPage();
        drawRow(header, '#eeeeee');
      }
      drawRow(row, null);
    }
    pdf.x = pdf.page.margins.left;
    this.gap(1, size);
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
      const [line] = this.lines(
        [{ text: footer(i - range.start + 1, range.count) }],
        8.5,
        this.width,
        this.rtl,
      );
      if (line) {
        this.drawLine(line, pdf.page.height - 40, pdf.page.margins.left, this.width, {
          size: 8.5,
          color: COLORS.muted,
          rtl: this.rtl,
          align: 'center',
        });
      }
      pdf.page.margins.bottom = bottom;
    }
    pdf.end();
    return this.done;
  }
}
