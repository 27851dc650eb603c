// The bundled Noto Sans faces for the PDF writer: read once per writer (pdf-ttf.ts reads the
// tables it needs straight from the bytes), runs of glyphs with a per-writer cache (script fonts
// for what Noto Sans lacks: pdf-shaping.ts), and the coverage check that refuses text no font draws.
import { readFileSync } from 'node:fs';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { escapeLiteral } from './pdf-doc.js';
import { ScriptFonts } from './pdf-shaping.js';
import { scripts } from './pdf-scripts.js';
import { TrueTypeFont } from './pdf-ttf.js';
import { font as fontStyle } from './style.js';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
const faces: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic'];

export function faceOf(bold: boolean, italic: boolean): Face {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

export interface FontSet {
  /** The parsed Noto Sans font per face, shared by every document of one writer. */
  readonly fonts: Readonly<Record<Face, TrueTypeFont>>;
  covers(codePoint: number): boolean;
  /** Width in points of `text` set in `face` at `size`, as it is drawn (Noto Sans only). */
  width(face: Face, text: string, size: number): number;
  /** `text` in Noto Sans `face`: its glyphs, the code point of each, and their ids as a PDF string; shared by every document of the writer. */
  shaped(face: Face, text: string): ShapedRun;
  /**
   * `text` (of one direction) as runs of one font each, in logical order: Noto Sans, or the script
   * font for what it lacks, shaped where the script needs it; each run's glyphs right to left when `rtl`.
   */
  pieces(face: Face, text: string, rtl: boolean): readonly ShapedRun[];
  /** A space in the font of `run` (so that it joins the words either side into one string), or in Noto Sans `face`. */
  space(face: Face, run: ShapedRun): ShapedRun;
  /** Throws a font-coverage OedrError naming every distinct character the fonts lack. */
  check(texts: Iterable<string>): void;
}

export async function loadFonts(): Promise<FontSet> {
  // Read synchronously: 2.5 MB through fs/promises is a dozen thread-pool round trips, ~30 ms of a cold draft here.
  const loaded = faces.map((face) => [face, new TrueTypeFont(readFileSync(new URL(`../../fonts/${fontStyle.files[face]}`, import.meta.url)))] as const);
  const fonts = Object.fromEntries(loaded) as Record<Face, TrueTypeFont>;
  const shapers = Object.fromEntries(faces.map((f) => [f, twoGenerations((text: string) => simpleRun(fonts[f], text, false))])) as Record<Face, (text: string) => ShapedRun>;
  // A character counts as covered only when every face has it, so bold or italic text can never fall
  // back to the .notdef box.
  const coverage = new Map<number, boolean>();
  const baseCovers = (cp: number) => {
    let yes = coverage.get(cp);
    if (yes === undefined) coverage.set(cp, (yes = faces.every((f) => fonts[f].glyphId(cp) !== 0)));
    return yes;
  };
  const fallback = new ScriptFonts(fonts, baseCovers);
  const covers = (cp: number) => baseCovers(cp) || fallback.faceFor(cp) !== undefined;
  // Per face, left-to-right and right-to-left runs; a left-to-right ASCII word is one Noto Sans run.
  const pieces = Object.fromEntries(faces.map((f) => [f, [false, true].map((rtl) => twoGenerations((text: string) =>
    (!rtl && PRINTABLE_ASCII.test(text) ? [shapers[f](text)] : fallback.pieces(f, text, rtl, shapers[f])) as readonly ShapedRun[]))])) as Record<Face, ((text: string) => readonly ShapedRun[])[]>;

  const spaces = new Map<TrueTypeFont, ShapedRun>();

  return {
    fonts,
    covers,
    width: (face, text, size) => shapers[face](text).advance * size,
    shaped: (face, text) => shapers[face](text),
    pieces: (face, text, rtl) => pieces[face][rtl ? 1 : 0]!(text),
    space(face, run) {
      if (run.font === fonts[face]) return shapers[face](' ');
      let sp = spaces.get(run.font);
      if (!sp) spaces.set(run.font, (sp = run.font.glyphId(0x20) === 0 ? shapers[face](' ') : simpleRun(run.font, ' ', false)));
      return sp;
    },
    check(texts) {
      const missing = new Set<number>();
      for (const t of texts) {
        // Printable ASCII and white space are in every face: most text needs no look-up at all.
        if (PRINTABLE_ASCII.test(t)) continue;
        for (const ch of t) {
          const cp = ch.codePointAt(0)!;
          // covers() is a map look-up and nearly always true; needsGlyph() runs a regular expression.
          if (covers(cp) || missing.has(cp) || !needsGlyph(cp)) continue;
          missing.add(cp);
        }
      }
      if (missing.size === 0) return;
      const diagnostics: Diagnostic[] = [...missing].map((cp) => ({
        severity: 'error',
        rule: 'font-coverage',
        message: notCoveredMessage([cp]),
      }));
      throw new OedrError(ExitCode.render, diagnostics);
    },
  };
}

/** Printable ASCII and white space only: text every face holds (here and in compose/coverage.ts). */
// eslint-disable-next-line no-control-regex
export const PRINTABLE_ASCII = /^[\x20-\x7e\t\n\r]*$/;

/**
 * Text shaped in one face. The PDF's fonts keep the TTF's glyph ids as their character ids (see
 * pdf-doc.ts), so `bytes`, the string a content stream shows, is the same in every document.
 */
export interface ShapedRun {
  /** The font file the glyph ids are of. */
  readonly font: TrueTypeFont;
  /** Sum of the advances, in ems: the width at a size is `advance * size`. */
  readonly advance: number;
  /** Glyph ids, one per drawn character. */
  readonly glyphs: readonly number[];
  /** The code point each glyph stands for (ToUnicode), index for index. */
  readonly codePoints: readonly number[];
  /**
   * The glyph ids as the body of a PDF literal string: two bytes each (high, low), one character per
   * byte (the content stream is written as latin1), escaped as in every PDF string (escapeLiteral).
   * Half the size of a hex string, so half as much for deflate to read: a third of a warm PDF.
   */
  readonly bytes: string;
  /** A run shaped by HarfBuzz (see pdf-shaping.ts): where each glyph goes, and the text it stands for. */
  readonly positioned?: Positioned;
}

export interface Positioned {
  /** Per glyph, in font units: its advance, then its x and y offset (marks, kerning). */
  readonly placement: Int32Array;
  /** Per glyph, the text it stands for, so that the glyphs read in order give the run's text (pdf-scripts.ts glyphTexts). */
  readonly texts: readonly string[];
  /**
   * The run's text where glyphs of one cluster are moved over each other (conjuncts, reph, marks):
   * readers that place text by where it is drawn (poppler) would split the word, so they are given
   * the text whole; pdf.js ignores ActualText and reads the glyphs' own texts, in order.
   */
  readonly actualText: string | undefined;
}

/**
 * Shaped runs kept per face, in two generations: when the young one is full it becomes the old one
 * (the previous old one is dropped) and a run found in the old one moves back, so common words stay
 * while each letter's own names and numbers age out. One map of 20,000 cleared when full let a
 * batch's live heap grow ~8.5 KB a letter (15 -> 26 MB over 1,500 letters in one thread); with
 * 1,000 a generation it stays at ~14 MB, and a letter took 11-12 ms of CPU instead of 12-13 (less
 * for the garbage collector to walk). Results never depend on what was cached, nor output.
 */
const LAYOUT_CACHE_LIMIT = 1000;

const COMBINING = /\p{M}/u;

/** Each byte as it stands in a PDF literal string. */
export const BYTE = Array.from({ length: 256 }, (_, b) => escapeLiteral(String.fromCharCode(b)));

/** `make(text)` once per distinct text, kept in two generations (see LAYOUT_CACHE_LIMIT). */
function twoGenerations<T>(make: (text: string) => T): (text: string) => T {
  let cache = new Map<string, T>();
  let old = new Map<string, T>();
  return (text) => {
    let run = cache.get(text);
    if (run !== undefined) return run;
    run = old.get(text) ?? make(text);
    if (cache.size >= LAYOUT_CACHE_LIMIT) {
      old = cache;
      cache = new Map();
    }
    cache.set(text, run);
    return run;
  };
}

/**
 * One glyph per character from the cmap, advances from hmtx: no GSUB/GPOS (no kerning, no fi/ffi
 * ligatures), so text also extracts from the PDF exactly as written. A word with a combining mark
 * is composed first (NFC), so "e" + U+0301 draws as the precomposed "é", not two glyphs. Each glyph
 * keeps the code point it was reached from, so the ToUnicode map of a letter depends on that letter
 * alone. Right to left (`mirror`, a neutral such as a bracket inside Arabic text), the characters
 * are drawn last first, each mirrored, and still map back to the character written.
 */
export function simpleRun(font: TrueTypeFont, text: string, rtl: boolean, mirror?: (ch: string) => string): ShapedRun {
  const glyphs: number[] = [];
  const codePoints: number[] = [];
  let advance = 0;
  let bytes = '';
  // Compose only where a combining mark follows a letter: NFC would also turn Ω (U+2126) into Ω
  // (U+03A9) and K (U+212A) into K, changing the text a reader extracts.
  let chars: string[] | string = COMBINING.test(text) ? text.normalize('NFC') : text;
  if (rtl) chars = [...chars].reverse();
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    // A soft hyphen marks where a word may break; this writer never breaks inside words, so it is not drawn.
    if (cp === 0xad) continue;
    const id = font.glyphId(mirror ? mirror(ch).codePointAt(0)! : cp);
    glyphs.push(id);
    codePoints.push(cp);
    advance += font.advanceWidth(id);
    bytes += BYTE[id >> 8]! + BYTE[id & 0xff]!;
  }
  return { font, advance: advance / font.unitsPerEm, glyphs, codePoints, bytes };
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A character as a message names it: `"中" (U+4E2D)`; a combining mark on a dotted circle so it has
 * something to sit on; an invisible one (control, format, space) by its code point alone.
 */
export function describeCodePoint(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/[\p{C}\p{Z}]/u.test(ch)) return codePointLabel(cp);
  return `"${/\p{M}/u.test(ch) ? `\u25CC${ch}` : ch}" (${codePointLabel(cp)})`;
}

/** Whether the PDF needs a glyph for this code point: white space is spacing, never drawn. */
export function needsGlyph(cp: number): boolean {
  return !/\s/u.test(String.fromCodePoint(cp));
}

/**
 * What a character the fonts lack is called everywhere (the writer, `oedr draft` at the spec line,
 * `oedr validate`), so a user meets one wording: `the character "中" (U+4E2D) is not covered …`.
 */
export function notCoveredMessage(cps: readonly number[]): string {
  const names = cps.map(describeCodePoint);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `the character${cps.length === 1 ? '' : 's'} ${list} ${cps.length === 1 ? 'is' : 'are'} not covered by the bundled fonts (${fontStyle.family}: Latin, Greek, Cyrillic; Noto Sans ${scripts.map((x) => x.name).join(', ')})`;
}
