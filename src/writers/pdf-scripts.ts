// The script fonts the PDF writer falls back to for what Noto Sans lacks (Arabic, Devanagari,
// Bangla, Ethiopic, Georgian; fonts/SOURCES.txt), each read only when a letter has its text, and
// OpenType shaping with fontkit for the scripts that need it, loaded only then too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TrueTypeFont } from './pdf-ttf.js';

export interface Script {
  readonly name: string;
  /** The font file for regular and for bold text (italic text takes the upright face). */
  readonly files: readonly [regular: string, bold: string];
  /** The Unicode blocks of the script: a character in one is drawn from this font. */
  readonly ranges: readonly (readonly [number, number])[];
  /** Joining, reordering or conjuncts: drawn from fontkit's layout, not from the cmap glyph by glyph. */
  readonly shapes: boolean;
}

export const scripts: readonly Script[] = [
  { name: 'Arabic', files: ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'], shapes: true,
    ranges: [[0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]] },
  { name: 'Devanagari', files: ['NotoSansDevanagari-Regular.ttf', 'NotoSansDevanagari-Bold.ttf'], shapes: true,
    ranges: [[0x0900, 0x097f], [0xa8e0, 0xa8ff], [0x1cd0, 0x1cff]] },
  { name: 'Bangla', files: ['NotoSansBengali-Regular.ttf', 'NotoSansBengali-Bold.ttf'], shapes: true, ranges: [[0x0980, 0x09ff]] },
  { name: 'Ethiopic', files: ['NotoSansEthiopic-Regular.ttf', 'NotoSansEthiopic-Bold.ttf'], shapes: false,
    ranges: [[0x1200, 0x139f], [0x2d80, 0x2ddf], [0xab00, 0xab2f], [0x1e7e0, 0x1e7ff]] },
  { name: 'Georgian', files: ['NotoSansGeorgian-Regular.ttf', 'NotoSansGeorgian-Bold.ttf'], shapes: false,
    ranges: [[0x10a0, 0x10ff], [0x2d00, 0x2d2f], [0x1c90, 0x1cbf]] },
];

/** The script whose block holds `cp`, if any. */
export function scriptOf(cp: number): Script | undefined {
  if (cp < 0x0600) return undefined;
  return scripts.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
}

/** One script font face: its tables for the PDF, and fontkit's view of it once something is shaped. */
export class ScriptFace {
  readonly ttf: TrueTypeFont;
  private layoutFont: FontkitFont | undefined;

  constructor(
    readonly script: Script,
    bold: boolean,
  ) {
    this.ttf = new TrueTypeFont(readFileSync(new URL(`../../fonts/${script.files[bold ? 1 : 0]}`, import.meta.url)));
  }

  /** fontkit's layout of `text` (glyphs in visual order), the font parsed by fontkit on first use. */
  layout(text: string, rtl: boolean): FontkitRun {
    const font = (this.layoutFont ??= uncachedGlyphs(fontkit().create(Buffer.from(this.ttf.bytes.buffer, this.ttf.bytes.byteOffset, this.ttf.bytes.byteLength))));
    return font.layout(text, undefined, undefined, undefined, rtl ? 'rtl' : 'ltr');
  }
}

/** What this writer uses of fontkit's API (fontkit ships no types of its own). */
export interface FontkitRun {
  glyphs: { id: number; codePoints: number[] }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
}
/**
 * fontkit keeps one glyph object per id with the code points of its first use, even within one
 * layout: in "التالية" the shape ت and ي share would say ت twice. So each glyph it hands out is a
 * new object, with the code points it was reached from (the metrics are read again; the layouts
 * are cached per word, pdf-fonts.ts).
 */
function uncachedGlyphs(font: FontkitFont): FontkitFont {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    delete font._glyphs[id];
    return glyph;
  };
  return font;
}

interface FontkitFont {
  _glyphs: Record<number, unknown>;
  getGlyph(id: number, codePoints?: number[]): unknown;
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: 'ltr' | 'rtl'): FontkitRun;
}

let fontkitModule: { create(buffer: Buffer): FontkitFont } | undefined;
// Loaded synchronously (its CommonJS build) and only here: ~20 ms to import, which an English letter never pays.
const fontkit = () => (fontkitModule ??= createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): FontkitFont });
