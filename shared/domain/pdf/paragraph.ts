/**
 * Paragraph layout for the PDF writer: picks a face per character, breaks lines (at spaces, and
 * between CJK characters outside the no-break punctuation), then orders each line visually with
 * the Unicode Bidirectional Algorithm (bidi-js). Right-to-left runs keep their text in logical
 * order, with mirrored brackets substituted; the face lays them out right to left and shapes
 * Arabic (fonts.ts), so shaping never crosses a line break (lines only break between words).
 */
import bidiModule from 'bidi-js';
import type { Language } from '#shared/domain/types.ts';
import type { Face, FaceFamily, FaceSet, Weight } from './fonts.ts';

export interface Span {
  text: string;
  bold?: boolean;
  color?: string;
  /** Absolute http(s) URL the span links to. */
  link?: string | null;
}

interface Run {
  /** Logical order (an RTL run is laid out right to left by its face). */
  text: string;
  face: Face;
  rtl: boolean;
  span: Span;
  /** Points. */
  width: number;
}

export interface Line {
  /** Visual order, left to right. */
  runs: Run[];
  width: number;
  ascent: number;
  descent: number;
}

export interface ParagraphOptions {
  faces: FaceSet;
  lang: Language;
  size: number;
  width: number;
  rtl: boolean;
}

// The package is CommonJS with ESM typings: Node and esbuild hand over the factory itself, the
// typings see a module namespace.
type BidiFactory = typeof import('bidi-js').default;
const bidi = (bidiModule as unknown as BidiFactory)();

const SPACE = /\s/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** Characters a line may not start with (closing punctuation) or end with (opening). */
const NO_START = /[)\]}>、。，．：；？！）」』】》〉〕’”…・ー々%,.:;?!]/u;
const NO_END = /[([{<（「『【《〈〔‘“]/u;

interface Unit {
  /** Index in the paragraph's units. */
  i: number;
  /** UTF-16 offset in the paragraph. */
  at: number;
  ch: string;
  family: FaceFamily;
  span: number;
}

function units(spans: readonly Span[], o: ParagraphOptions): { text: string; units: Unit[] } {
  const out: Unit[] = [];
  let text = '';
  let prev: FaceFamily | null = null;
  spans.forEach((span, s) => {
    for (const raw of span.text.normalize('NFC')) {
      const ch = raw === '\n' || raw === '\t' ? ' ' : raw;
      const cp = ch.codePointAt(0) ?? 0;
      // Spaces and punctuation stay in the face around them when it has them (longer runs).
      const neutral = /[\s\p{P}\p{S}\p{N}]/u.test(ch) && !CJK.test(ch);
      const family: FaceFamily =
        neutral && prev !== null && o.faces.face(prev, 'regular').covers(cp)
          ? prev
          : (o.faces.familyFor(o.lang, ch) ?? 'latin');
      out.push({ i: out.length, at: text.length, ch, family, span: s });
      text += ch;
      prev = family;
    }
  });
  return { text, units: out };
}

/** Indices (into units) where a new line may start. */
function breakOpportunities(us: readonly Unit[]): number[] {
  const out: number[] = [0];
  for (let i = 1; i < us.length; i++) {
    const a = us[i - 1]?.ch ?? '';
    const b = us[i]?.ch ?? '';
    if (SPACE.test(b)) continue;
    if (SPACE.test(a)) out.push(i);
    else if ((CJK.test(a) || CJK.test(b)) && !NO_START.test(b) && !NO_END.test(a)) out.push(i);
  }
  return out;
}

const weightOf = (span: Span): Weight => (span.bold ? 'bold' : 'regular');

/** Lays `spans` out in lines of at most `width` points. */
export function layoutParagraph(spans: readonly Span[], o: ParagraphOptions): Line[] {
  const { text, units: us } = units(spans, o);
  if (us.length === 0) return [];
  const levels = bidi.getEmbeddingLevels(text, o.rtl ? 'rtl' : 'ltr');
  const levelOf = (u: Unit) => levels.levels[u.at] ?? 0;
  const faceOf = (u: Unit) => o.faces.face(u.family, weightOf(spans[u.span] ?? { text: '' }));

  /** Width of units [a, b) in logical order, split where face or direction changes. */
  const widthOf = (a: number, b: number): number => {
    let w = 0;
    let start = a;
    for (let i = a + 1; i <= b; i++) {
      const prev = us[i - 1] as Unit;
      const cur = us[i];
      if (
        cur === undefined ||
        i === b ||
        cur.family !== prev.family ||
        cur.span !== prev.span ||
        levelOf(cur) % 2 !== levelOf(prev) % 2
      ) {
        const piece = us
          .slice(start, i)
          .map((u) => u.ch)
          .join('');
        w += faceOf(prev).advance(piece, levelOf(prev) % 2 === 1) * o.size;
        start = i;
      }
    }
    return w;
  };
  const trimEnd = (a: number, b: number): number => {
    let e = b;
    while (e > a && SPACE.test(us[e - 1]?.ch ?? '')) e--;
    return e;
  };

  // Greedy line filling, word by word (each word measured once); a word wider than a line is cut
  // by characters.
  const breaks = breakOpportunities(us);
  breaks.push(us.length);
  const lines: [number, number][] = [];
  let lineStart = 0;
  let used = 0;
  for (let k = 1; k < breaks.length; k++) {
    let ws = breaks[k - 1] as number;
    const we = breaks[k] as number;
    const content = widthOf(ws, trimEnd(ws, we));
    if (used > 0 && used + content > o.width) {
      lines.push([lineStart, ws]);
      lineStart = ws;
      used = 0;
    }
    if (used === 0 && content > o.width) {
      // As many characters as fit (at least one), then the rest of the word on the next lines.
      while (widthOf(ws, trimEnd(ws, we)) > o.width) {
        let cut = ws + 1;
        while (cut < we && widthOf(ws, cut + 1) <= o.width) cut++;
        lines.push([ws, cut]);
        ws = cut;
      }
      lineStart = ws;
    }
    used += widthOf(ws, we);
  }
  if (lineStart < us.length) lines.push([lineStart, us.length]);

  return lines.map(([a, b]) => visualLine(a, trimEnd(a, b)));

  function visualLine(a: number, e: number): Line {
    if (e <= a) return { runs: [], width: 0, ascent: 0, descent: 0 };
    const first = us[a] as Unit;
    const last = us[e - 1] as Unit;
    const lastEnd = last.at + last.ch.length - 1;
    // Visual order of the line's units: apply the reorder segments to unit positions.
    const order = us.slice(a, e);
    const pos = new Map(order.map((u, i) => [u.at, i]));
    const atOrAfter = (offset: number): number => {
      for (let x = offset; x <= lastEnd; x++) {
        const p = pos.get(x);
        if (p !== undefined) return p;
      }
      return order.length - 1;
    };
    const atOrBefore = (offset: number): number => {
      for (let x = offset; x >= first.at; x--) {
        const p = pos.get(x);
        if (p !== undefined) return p;
      }
      return 0;
    };
    const visual = [...order];
    for (const [s = 0, t = 0] of bidi.getReorderSegments(text, levels, first.at, lastEnd)) {
      const from = atOrAfter(s);
      const to = atOrBefore(t);
      const flipped = visual.slice(from, to + 1).reverse();
      visual.splice(from, flipped.length, ...flipped);
    }
    const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, first.at, lastEnd);

    const runs: Run[] = [];
    let group: Unit[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const g0 = group[0] as Unit;
      const rtl = levelOf(g0) % 2 === 1;
      const logical = rtl ? [...group].reverse() : group;
      const runText = logical.map((u) => mirrored.get(u.at) ?? u.ch).join('');
      const face = faceOf(g0);
      const span = spans[g0.span] ?? { text: '' };
      runs.push({ text: runText, face, rtl, span, width: face.advance(runText, rtl) * o.size });
      group = [];
    };
    for (const u of visual) {
      const prev = group[group.length - 1];
      if (prev !== undefined) {
        const rtl = levelOf(prev) % 2 === 1;
        const contiguous = u.i === prev.i + (rtl ? -1 : 1);
        if (!contiguous || u.family !== prev.family || u.span !== prev.span || levelOf(u) !== levelOf(prev))
          flush();
      }
      group.push(u);
    }
    flush();
    let ascent = 0;
    let descent = 0;
    for (const r of runs) {
      const f = r.face.font;
      ascent = Math.max(ascent, (f.ascent / f.unitsPerEm) * o.size);
      descent = Math.max(descent, (-f.descent / f.unitsPerEm) * o.size);
    }
    return { runs, width: runs.reduce((w, r) => w + r.width, 0), ascent, descent };
  }
}
