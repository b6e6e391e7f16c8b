/**
 * Reading and rendering PDFs with Debian's poppler-utils (installed by scripts/setup.sh):
 * `pdftotext` for the text a reader extracts, `pdftoppm` for the pages as images.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bidi embedding controls poppler wraps right-to-left lines in. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

/** The text of the PDF in reading order (poppler reorders right-to-left lines), whitespace collapsed. */
export function pdfText(pdf: Uint8Array): string {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 << 20 });
  return out.toString('utf8').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
}

export interface RenderedPage {
  width: number;
  height: number;
  /** 8-bit grey levels, row by row. */
  pixels: Uint8Array;
}

/** Renders every page to a greyscale image (PGM) at `dpi`; also writes PNGs to `pngDir` when given. */
export function renderPages(pdf: Uint8Array, dpi = 40, pngDir?: string, prefix = 'page'): RenderedPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-', join(dir, 'p')], { input: pdf });
    if (pngDir) execFileSync('pdftoppm', ['-r', '60', '-png', '-', join(pngDir, prefix)], { input: pdf });
    return readdirSync(dir)
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(buf: Buffer): RenderedPage {
  // "P5\n<w> <h>\n<max>\n" then the raw bytes.
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('pdftoppm did not write a PGM image');
  const [, w, h] = m;
  const width = Number(w);
  const height = Number(h);
  return { width, height, pixels: new Uint8Array(buf.subarray(m[0].length, m[0].length + width * height)) };
}

/** Horizontal extent [left, right] of the dark pixels in rows [top, bottom) (fractions of the page). */
export function inkExtent(page: RenderedPage, top: number, bottom: number): [number, number] | null {
  let left = page.width;
  let right = -1;
  for (let y = Math.floor(top * page.height); y < Math.floor(bottom * page.height); y++) {
    for (let x = 0; x < page.width; x++) {
      if ((page.pixels[y * page.width + x] ?? 255) < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return right < 0 ? null : [left / page.width, right / page.width];
}
