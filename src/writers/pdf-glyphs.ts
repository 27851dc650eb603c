// Draws already laid-out text straight into the page's content stream: one string of glyph ids per
// run, each glyph registered with the document's subset of its font with the text it stands for
// (ToUnicode), so text extracts as written. A shaped run (pdf-shaping.ts) is placed glyph by glyph
// (TJ adjustments, Ts rises), its text-less marks last, each where it goes, and in ActualText where
// its glyphs are reordered.
import { num, pdfString, type DocFont, type PdfDocument } from './pdf-doc.js';
import { BYTE, type ShapedRun } from './pdf-fonts.js';

const glyphString = (cid: number) => BYTE[cid >> 8]! + BYTE[cid & 0xff]!;

/** A mark drawn after the run it belongs to: its id and where it goes (points from the line's start, rise). */
type Mark = [cid: number, x: number, rise: number];

export class GlyphPainter {
  constructor(private readonly doc: PdfDocument) {}

  /**
   * Draws `runs` (all of one font, as laid out) one after another at `size`, starting at `x` with
   * the top of the line box at `y` (the baseline one ascent below), in the fill colour already set.
   */
  show(size: number, x: number, y: number, runs: readonly ShapedRun[]): void {
    const doc = this.doc;
    if (runs.length === 0) return;
    const font = doc.font(runs[0]!.font);
    let ops = '';
    let bytes = '';
    let pen = 0;
    const marks: Mark[] = [];
    for (const run of runs) {
      const cids = this.register(font, run);
      if (cids === undefined) bytes += run.bytes;
      else {
        if (bytes !== '') ops += `(${bytes}) Tj\n`;
        bytes = '';
        ops += placed(run, cids, font, size, pen, marks);
      }
      pen += run.advance * size;
    }
    if (bytes !== '') ops += `(${bytes}) Tj\n`;
    if (ops === '') return;
    const page = doc.page;
    page.fonts.add(font);
    // The page's coordinates run down from the top (pdf-doc.ts flips them once per page); a text
    // matrix that flips again sets the glyphs upright at a baseline one ascent below `y`: Noto
    // Sans' ascent, whichever font draws, so that digits in Arabic text sit on the same line.
    const base = doc.baseFont;
    const baseline = y + (base.ascent / base.unitsPerEm) * size;
    // Marks come after the letters, each at its own place: moving back and forth between letters
    // reads to pdf.js as a space inside the word. They stand for no text: an empty ActualText for
    // readers that honour it (poppler), a zero-width space in the ToUnicode map for the others.
    if (marks.length > 0) {
      ops += '/Span << /ActualText () >> BDC\n';
      for (const [cid, mx, rise] of marks) ops += `1 0 0 -1 ${num(x + mx)} ${num(baseline - rise)} Tm\n(${glyphString(cid)}) Tj\n`;
      ops += 'EMC\n';
    }
    doc.addContent(`BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n${ops}ET`);
  }

  /**
   * Registers the glyphs of `run` with the document's font; returns the ids a shaped run is drawn
   * with. The run comes from the layout, which shaped it to measure it: looking it up again here
   * was a second cache look-up for every word drawn.
   */
  private register(font: DocFont, run: ShapedRun): readonly number[] | undefined {
    if (font.runs.has(run)) return font.runs.get(run);
    const { glyphs, codePoints, positioned } = run;
    if (positioned !== undefined) {
      const cids = glyphs.map((g, i) => cidFor(font, g, positioned.texts[i]!));
      font.runs.set(run, cids);
      return cids;
    }
    font.runs.set(run, undefined);
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      // First use wins: the glyph maps back to the code point it was first drawn for in this document.
      if (!font.codePoints.has(g)) font.codePoints.set(g, codePoints[i]!);
    }
    return undefined;
  }
}

/** The id a shaped glyph is drawn with for `text`: the glyph's own, unless it already stands for other text. */
function cidFor(font: DocFont, glyph: number, text: string): number {
  const first = font.codePoints.get(glyph);
  if (first === undefined) {
    font.codePoints.set(glyph, text);
    return glyph;
  }
  if (first === text || (typeof first === 'number' && String.fromCodePoint(first) === text)) return glyph;
  const key = `${glyph} ${text}`;
  let cid = font.cids.get(key);
  if (cid === undefined) {
    cid = font.ttf.numGlyphs + font.glyphOf.size;
    font.cids.set(key, cid);
    font.glyphOf.set(cid, glyph);
    font.codePoints.set(cid, text);
  }
  return cid;
}

/**
 * A shaped run's letters, each moved by its offset and followed by its own advance: TJ numbers are
 * thousandths of the size, against the width the font's /W gives the glyph; a y offset is a text
 * rise. Its marks without text of their own go to `marks`, `pen` points into the line.
 */
function placed(run: ShapedRun, cids: readonly number[], font: DocFont, size: number, pen: number, marks: Mark[]): string {
  const { placement, texts, actualText } = run.positioned!;
  const scale = font.scale;
  const em = size / font.ttf.unitsPerEm;
  let out = actualText === undefined ? '' : `/Span << /ActualText ${pdfString(actualText)} >> BDC\n`;
  let rise = 0;
  let array = '';
  let x = pen;
  const flush = () => {
    if (array !== '') out += `[${array}] TJ\n`;
    array = '';
  };
  run.glyphs.forEach((g, i) => {
    const [advance, dx, dy] = [placement[i * 3]!, placement[i * 3 + 1]!, placement[i * 3 + 2]!];
    if (advance === 0 && texts[i] === '') {
      marks.push([cids[i]!, x + dx * em, dy * em]);
      return;
    }
    if (dy !== rise) {
      flush();
      out += `${num(dy * em)} Ts\n`;
      rise = dy;
    }
    if (dx !== 0) array += `${num(-dx * scale)} `;
    array += `(${glyphString(cids[i]!)}) `;
    const back = (font.ttf.advanceWidth(g) + dx - advance) * scale;
    if (back !== 0) array += `${num(back)} `;
    x += advance * em;
  });
  // Skipped marks drew nothing and moved nothing: what follows must start after the run.
  flush();
  if (rise !== 0) out += '0 Ts\n';
  return actualText === undefined ? out : `${out}EMC\n`;
}
