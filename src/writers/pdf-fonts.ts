// The bundled Noto Sans faces for the PDF writer: parsed once per writer and handed to pdfkit as
// ready fontkit objects, plus the coverage check that refuses text the fonts cannot draw.
import { readFile } from 'node:fs/promises';
import type { Font } from 'fontkit';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { font as fontStyle } from './style.js';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
const faces: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic'];

export function faceOf(bold: boolean, italic: boolean): Face {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** pdfkit's view of a font source; it accepts any object with `layout` (a fontkit font) at runtime. */
type PdfFontSource = Parameters<PDFKit.PDFDocument['font']>[0];

export interface FontSet {
  /** The parsed fontkit font per face, shared by every document of one writer. */
  readonly fonts: Readonly<Record<Face, Font>>;
  covers(codePoint: number): boolean;
  /** Width in points of `text` set in `face` at `size`, as it is drawn. */
  width(face: Face, text: string, size: number): number;
  /** The glyphs `text` is drawn with in `face`, shared by every document of the writer. */
  glyphs(face: Face, text: string): readonly GlyphRecord[];
  /** Selects a face on a pdfkit document without letting pdfkit parse the TTF again. */
  use(doc: PDFKit.PDFDocument, face: Face, size: number): void;
  /** The object to pass as pdfkit's default font, so pdfkit never loads its built-in Helvetica. */
  readonly defaultSource: PdfFontSource;
  /** Throws a font-coverage OedrError naming every distinct character the fonts lack. */
  check(texts: Iterable<string>): void;
}

export async function loadFonts(): Promise<FontSet> {
  // fontkit is pdfkit's own font engine (same package pdfkit imports), loaded only when a PDF is wanted.
  const { create } = await import('fontkit');
  const loaded = await Promise.all(
    faces.map(async (face) => {
      const bytes = await readFile(new URL(`../../fonts/${fontStyle.files[face]}`, import.meta.url));
      return [face, create(bytes)] as const;
    }),
  );
  const fonts = Object.fromEntries(loaded) as Record<Face, Font>;
  // pdfkit caches a document's fonts by the family string passed to font(); the PostScript name is
  // also the key pdfkit files its default font under, so the default and 'regular' share one entry.
  const keys = Object.fromEntries(faces.map((f) => [f, fonts[f].postscriptName])) as Record<Face, string>;
  // fontkit reads unitsPerEm through two getters on every access; this is asked once per word.
  const unitsPerEm = Object.fromEntries(faces.map((f) => [f, fonts[f].unitsPerEm])) as Record<Face, number>;
  const shapers = Object.fromEntries(faces.map((f) => [f, withLayoutCache(fonts[f])])) as Record<Face, Shaper>;
  const source = (f: Face) => shapers[f].font as unknown as PdfFontSource;
  // A character counts as covered only when every face has it, so bold or italic text can never fall
  // back to pdfkit's silent .notdef box.
  const coverage = new Map<number, boolean>();
  const covers = (cp: number) => {
    let yes = coverage.get(cp);
    if (yes === undefined) coverage.set(cp, (yes = faces.every((f) => fonts[f].hasGlyphForCodePoint(cp))));
    return yes;
  };

  return {
    fonts,
    covers,
    defaultSource: source('regular'),
    width(face, text, size) {
      return (shapers[face].shaped(text).advance / unitsPerEm[face]) * size;
    },
    glyphs(face, text) {
      return shapers[face].shaped(text).glyphs;
    },
    use(doc, face, size) {
      doc.font(source(face), keys[face], size);
    },
    check(texts) {
      const missing = new Set<number>();
      for (const t of texts) {
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

/** One glyph of shaped text: what pdfkit's EmbeddedFont needs to subset it, size it and map it back to text. */
export interface GlyphRecord {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
}
interface ShapedRun {
  /** Sum of the advances in font units. */
  advance: number;
  glyphs: readonly GlyphRecord[];
}
type FontkitInternals = Font & { glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };

/** Cleared when full; results do not depend on what was cached, so clearing never changes output. */
const LAYOUT_CACHE_LIMIT = 20_000;

interface Shaper {
  /** What pdfkit gets as the font: the parsed font (tables shared by prototype), never asked to lay out. */
  font: Font;
  shaped(text: string): ShapedRun;
}

/**
 * Shapes each distinct text once per writer. One glyph per character from the cmap, advances from
 * hmtx: no GSUB/GPOS. Parsing those tables cost 60-100 ms per face at every start (most of a cold
 * `oedr draft`), for kerning and the fi/ffi ligatures; without them, text also extracts from the
 * PDF exactly as written. A word with a combining mark is composed first (NFC), so "e" + U+0301 draws
 * as the precomposed "é", not two glyphs.
 *
 * Each glyph record is built fresh from the code point it was reached from: pdfkit writes the
 * ToUnicode map from a glyph's code points, and fontkit's own Glyph objects remember the code points
 * of the first request, so sharing them across documents would let one letter's text extraction and
 * bytes depend on the letters before it. The records are frozen: documents share them.
 */
const COMBINING = /\p{M}/u;

function withLayoutCache(font: Font): Shaper {
  const fk = font as FontkitInternals;
  const cache = new Map<string, ShapedRun>();
  const shape = (text: string): ShapedRun => {
    const glyphs: GlyphRecord[] = [];
    let advance = 0;
    // Compose only where a combining mark follows a letter: NFC would also turn Ω (U+2126) into Ω
    // (U+03A9) and K (U+212A) into K, changing the text a reader extracts.
    for (const ch of COMBINING.test(text) ? text.normalize('NFC') : text) {
      const cp = ch.codePointAt(0)!;
      // A soft hyphen marks where a word may break; this writer never breaks inside words, so it is not drawn.
      if (cp === 0xad) continue;
      const g = fk.glyphForCodePoint(cp);
      glyphs.push(Object.freeze({ id: g.id, codePoints: Object.freeze([cp]), advanceWidth: g.advanceWidth }));
      advance += g.advanceWidth;
    }
    return { advance, glyphs };
  };
  const shaped = (text: string): ShapedRun => {
    let run = cache.get(text);
    if (!run) {
      run = shape(text);
      if (cache.size >= LAYOUT_CACHE_LIMIT) cache.clear();
      cache.set(text, run);
    }
    return run;
  };
  // pdfkit takes any object with layout() for a fontkit font. The writer draws glyphs itself
  // (pdf-glyphs.ts), so pdfkit's text() must never run: it would shape with GSUB/GPOS after all.
  const layout = () => {
    throw new Error("pdf writer: pdfkit's text() is not used; draw laid-out lines with GlyphPainter");
  };
  return { font: Object.assign(Object.create(font) as Font, { layout }), shaped };
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
  return `the character${cps.length === 1 ? '' : 's'} ${list} ${cps.length === 1 ? 'is' : 'are'} not covered by the bundled fonts (${fontStyle.family}: Latin, Greek, Cyrillic)`;
}
