// Draws already laid-out text straight into the page's content stream: one string of glyph ids per
// run (no kerning, no offsets), each glyph registered with the document's subset of its face with
// the code point it stands for (ToUnicode), so text extracts as written.
import { num, type DocFont, type PdfDocument } from './pdf-doc.js';
import type { Face, ShapedRun } from './pdf-fonts.js';

export class GlyphPainter {
  constructor(private readonly doc: PdfDocument) {}

  /**
   * Draws `runs` (shaped in `face`, as laid out) one after another at `size`, starting at `x` with
   * the top of the line box at `y` (the baseline one ascent below), in the fill colour already set.
   */
  show(face: Face, size: number, x: number, y: number, runs: readonly ShapedRun[]): void {
    const doc = this.doc;
    const font = doc.font(face);
    let bytes = '';
    for (const run of runs) bytes += this.register(font, run);
    if (bytes === '') return;
    const page = doc.page;
    page.fonts.add(font);
    // The page's coordinates run down from the top (pdf-doc.ts flips them once per page); a text
    // matrix that flips again sets the glyphs upright at a baseline one ascent below `y`.
    const baseline = y + ((font.ttf.ascent * font.scale) / 1000) * size;
    doc.addContent(`BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n(${bytes}) Tj\nET`);
  }

  /**
   * The glyph string of `run` (see ShapedRun.bytes), its glyphs registered with the document's
   * font. The run comes from the layout, which shaped it to measure it: looking it up again here
   * was a second cache look-up for every word drawn.
   */
  private register(font: DocFont, run: ShapedRun): string {
    if (font.runs.has(run)) return run.bytes;
    font.runs.add(run);
    const { glyphs, codePoints } = run;
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      // First use wins: the glyph maps back to the code point it was first drawn for in this document.
      if (!font.codePoints.has(g)) font.codePoints.set(g, codePoints[i]!);
    }
    return run.bytes;
  }
}
