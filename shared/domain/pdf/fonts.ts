/**
 * The PDF fonts: which faces draw which language, where the files are, and how each face is laid
 * out. Faces are parsed once per process, and only when a document first needs them (the CJK
 * face is an 8 MB file that Latin documents never open).
 *
 * - latin: DejaVu Sans (Latin with all European diacritics, Greek, Cyrillic), `dejavu-fonts-ttf`.
 * - arabic: Noto Naskh Arabic, `@embedpdf/fonts-arabic` (~130 KB per weight).
 * - cjk: Noto Sans Hans (Simplified Chinese, ~30,800 glyphs incl. Latin), `@embedpdf/fonts-sc`;
 *   regular weight only (8.4 MB) — bold Chinese is drawn with a thin outline stroke instead of
 *   shipping the 8.6 MB bold file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as fontkit from 'fontkit';
import type { Language } from '#shared/domain/types.ts';

export type FaceFamily = 'latin' | 'arabic' | 'cjk';
export type Weight = 'regular' | 'bold';

/** Font files per family and weight: package path (sources) and file name (beside a bundle). */
export const FONT_FILES: Readonly<Record<FaceFamily, Readonly<Record<Weight, string>>>> = {
  latin: { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' },
  arabic: {
    regular: '@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Regular.ttf',
    bold: '@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Bold.ttf',
  },
  cjk: {
    regular: '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf',
    bold: '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf',
  },
};

/** Families tried in order for each character: the language's own first, the others as fallback. */
const FONT_STACKS: Readonly<Record<Language, readonly FaceFamily[]>> = {
  ar: ['arabic', 'latin', 'cjk'],
  zh: ['cjk', 'latin', 'arabic'],
  en: ['latin', 'arabic', 'cjk'],
  fr: ['latin', 'arabic', 'cjk'],
  es: ['latin', 'arabic', 'cjk'],
  ru: ['latin', 'arabic', 'cjk'],
};

/**
 * Layout features for Latin/Greek/Cyrillic/CJK text: all OpenType substitution and positioning
 * is off. These scripts need none of it once text is NFC-normalized (precomposed diacritics);
 * ligatures would also break text extraction and search. Shaping with fontkit costs ~3x the rest
 * of the rendering, so the price is only kerning. Arabic is always shaped (the font's defaults).
 */
const PLAIN = Object.fromEntries(
  ['liga', 'clig', 'calt', 'rlig', 'dlig', 'kern', 'mark', 'mkmk', 'ccmp', 'locl', 'rclt', 'curs'].map(
    (f) => [f, false],
  ),
);

const ARABIC = /\p{Script=Arabic}/u;
const HAN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
/** Joining or complex scripts (Syriac, Thaana, N'Ko, Mongolian, Indic) that need a shaper and font we do not ship. */
const NEEDS_OTHER_SHAPING =
  /[\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Thai}]/u;

/** A parsed face ready for pdfkit, plus what the layout code needs to know about it. */
export interface Face {
  family: FaceFamily;
  weight: Weight;
  /** Registered with pdfkit under this name. */
  name: string;
  font: fontkit.Font;
  /** Bold drawn as fill + stroke (the family ships no bold file). */
  syntheticBold: boolean;
  covers(codePoint: number): boolean;
  /** Advance of `text` at size 1, laid out in the given direction. */
  advance(text: string, rtl: boolean): number;
}

/**
 * Feature object that also carries the run direction to the face wrapper below (pdfkit passes
 * `features` through to `font.layout` untouched).
 */
export const runFeatures = (rtl: boolean): Record<string, boolean> => ({ __rtl: rtl });

/**
 * The face as pdfkit sees it: `layout(text, features)` shapes Arabic, keeps other scripts plain,
 * and lays a right-to-left run out in visual order (fontkit reverses it when told the direction).
 * Multi-character glyphs of an RTL run (lam-alef) carry their characters in visual order too, so
 * that text extraction, which reverses RTL lines as a whole, gives them back in reading order.
 */
function adapt(font: fontkit.Font, family: FaceFamily): fontkit.Font {
  const adapted: fontkit.Font = Object.create(font);
  const base = family === 'arabic' ? {} : PLAIN;
  adapted.layout = (text: string, features?: unknown) => {
    const rtl =
      typeof features === 'object' && features !== null && '__rtl' in features && features.__rtl === true;
    const run = font.layout(text, base, rtl ? 'arab' : undefined, undefined, rtl ? 'rtl' : 'ltr');
    if (rtl) {
      run.glyphs = run.glyphs.map((g) =>
        g.codePoints.length > 1
          ? Object.create(g, { codePoints: { value: [...g.codePoints].reverse() } })
          : g,
      );
    }
    return run;
  };
  return adapted;
}

/**
 * Where a font file is: `PDF_FONT_DIR` if set, else beside the running module (a Lambda bundle
 * has them next to `index.mjs`, copied by AppFunction's bundling hook, and no node_modules), else
 * the npm package (sources run with tsx/vitest).
 */
function fontPath(packagePath: string): string {
  const name = packagePath.split('/').pop() ?? packagePath;
  const dir = process.env.PDF_FONT_DIR;
  if (dir) return `${dir.replace(/\/$/, '')}/${name}`;
  const beside = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return resolvePackageFile(packagePath);
}

/** A file inside an npm package, also when the package's `exports` do not list it. */
export function resolvePackageFile(packagePath: string): string {
  const require = createRequire(import.meta.url);
  const parts = packagePath.split('/');
  const pkg = parts.slice(0, packagePath.startsWith('@') ? 2 : 1).join('/');
  const rest = parts.slice(pkg.split('/').length).join('/');
  try {
    return require.resolve(packagePath);
  } catch {
    // Walk up from the package's entry point to its root (the folder named like the package).
    let dir = dirname(require.resolve(pkg));
    while (!dir.endsWith(`/node_modules/${pkg}`) && dirname(dir) !== dir) dir = dirname(dir);
    return join(dir, rest);
  }
}

export type FontOverrides = Partial<Record<FaceFamily, Partial<Record<Weight, Uint8Array>>>>;

/** The faces of one process (or of one set of overrides), parsed on first use. */
export class FaceSet {
  private readonly faces = new Map<string, Face>();
  constructor(
    private readonly fk: typeof fontkit,
    private readonly overrides: FontOverrides = {},
  ) {}

  face(family: FaceFamily, weight: Weight): Face {
    const key = `${family}-${weight}`;
    let face = this.faces.get(key);
    if (face) return face;
    const bytes = this.overrides[family]?.[weight] ?? readFileSync(fontPath(FONT_FILES[family][weight]));
    const created = this.fk.create(Buffer.from(bytes));
    // A TTF/OTF file holds one face; a collection (TTC/DFONT) is not a supported input.
    if (!('layout' in created)) throw new TypeError('PDF fonts must be single TrueType/OpenType faces');
    const font = created;
    const cache = new Map<number, boolean>();
    const widths = new Map<string, number>();
    const adapted = adapt(font, family);
    face = {
      family,
      weight,
      name: key,
      font: adapted,
      syntheticBold: weight === 'bold' && FONT_FILES[family].bold === FONT_FILES[family].regular,
      covers: (cp) => {
        let ok = cache.get(cp);
        if (ok === undefined) {
          ok = font.hasGlyphForCodePoint(cp);
          cache.set(cp, ok);
        }
        return ok;
      },
      advance: (text, rtl) => {
        const k = rtl ? `\u0001${text}` : text;
        let w = widths.get(k);
        if (w === undefined) {
          w = adapted.layout(text, runFeatures(rtl) as never).advanceWidth / font.unitsPerEm;
          widths.set(k, w);
        }
        return w;
      },
    };
    this.faces.set(key, face);
    return face;
  }

  /**
   * The family that draws `ch` in a `lang` document, or null when none can draw it correctly.
   * Arabic and Han characters always take their own family (DejaVu has unshaped Arabic glyphs);
   * scripts that need shaping this renderer does not do are refused rather than drawn wrongly.
   */
  familyFor(lang: Language, ch: string): FaceFamily | null {
    if (NEEDS_OTHER_SHAPING.test(ch)) return null;
    const cp = ch.codePointAt(0) ?? 0;
    const own = ARABIC.test(ch) ? 'arabic' : HAN.test(ch) ? 'cjk' : null;
    if (own !== null) return this.face(own, 'regular').covers(cp) ? own : null;
    for (const family of FONT_STACKS[lang]) {
      if (this.face(family, 'regular').covers(cp)) return family;
    }
    return null;
  }
}
