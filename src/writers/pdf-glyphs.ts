// Draws already laid-out text straight into the page's content stream: one string of glyph ids per
// run (no kerning, no offsets), each glyph registered with the document's subset of its face with
// the code point it stands for (ToUnicode), so text extracts as written.
import { num, type DocFont, type PdfDocument } from './pdf-doc.js';
import type { Face, FontSet } from './pdf-fonts.js';

export class GlyphPainter {
  constructor(
    private readonly doc: PdfDocument,
    private readonly fonts: FontSet,
  ) {}

  /**
   * Draws `texts` one after another in `face` at `size`, starting at `x` with the top of the line
   * box at `y` (the baseline one ascent below), in the fill colour already set.
   */
  show(face: Face, size: number, x: number, y: number, texts: readonly string[]): void {
    const doc = this.doc;
    const font = doc.font(face);
    let bytes = '';
    for (const t of texts) bytes += this.encode(font, face, t);
    if (bytes === '') return;
    const page = doc.page;
    page.fonts.add(font);
    // The page's coordinates run down from the top (pdf-doc.ts flips them once per page); a text
    // matrix that flips again sets the glyphs upright at a baseline one ascent below `y`.
    const baseline = y + ((font.ttf.ascent * font.scale) / 1000) * size;
    doc.addContent(`BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n(${bytes}) Tj\nET`);
  }

  /** The glyph string for `text` (see ShapedRun.bytes), registering its glyphs with the document's font. */
  private encode(font: DocFont, face: Face, text: string): string {
    const run = this.fonts.shaped(face, text);
    if (font.texts.has(text)) return run.bytes;
    font.texts.add(text);
    const { glyphs, codePoints } = run;
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      // First use wins: the glyph maps back to the code point it was first drawn for in this document.
      if (!font.codePoints.has(g)) font.codePoints.set(g, codePoints[i]!);
    }
    return run.bytes;
  }
}
