// Draws already laid-out text straight into the page's content stream. pdfkit's text() would split,
// shape, measure and encode every word again (about half of a warm PDF write) although the writer
// has shaped and measured it already (pdf-fonts.ts, pdf-inline.ts). This writes exactly what
// pdfkit's _fragment writes for our text (no kerning, no offsets: one TJ string per run) and
// registers each glyph with the document's embedded font as EmbeddedFont.encode does, so the
// subset, the /W widths and the ToUnicode map (text extraction) come out the same.
import type { Face, FontSet } from './pdf-fonts.js';

/** The parts of pdfkit's EmbeddedFont (pdfkit 0.20.2, pinned exactly) that encoding touches. */
interface EmbeddedFont {
  id: string;
  /** 1000 / unitsPerEm: glyph widths in the PDF are in thousandths of the font size. */
  scale: number;
  /** Ascent in thousandths of the font size. */
  ascender: number;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}
interface PdfkitInternals {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** PDF numbers as pdfkit writes them (PDFObject.number): rounded to six decimals. */
const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

export class GlyphPainter {
  /** Per embedded font of this document: text -> its glyph ids in the subset, as hex. */
  private readonly encoded = new Map<EmbeddedFont, Map<string, string>>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontSet,
  ) {}

  /**
   * Draws `texts` one after another in `face` at `size`, starting at `x` with the top of the line
   * box at `y` (pdfkit's default baseline), in the fill colour already set.
   */
  show(face: Face, size: number, x: number, y: number, texts: readonly string[]): void {
    const doc = this.doc as unknown as PdfkitInternals;
    // Selecting the face makes pdfkit create the document's EmbeddedFont on first use, with the
    // same font ids (F1, F2, …) in the same order as text() would.
    this.fonts.use(this.doc, face, size);
    const font = doc._font;
    if (typeof font?.subset?.includeGlyph !== 'function') throw new Error('pdf writer: pdfkit internals changed (EmbeddedFont.subset)');
    let hex = '';
    for (const t of texts) hex += this.encode(font, face, t);
    if (hex === '') return;
    const page = doc.page;
    page.fonts[font.id] ??= font.ref();
    const baseline = page.height - y - (font.ascender / 1000) * size;
    // One write instead of eight: pdfkit ends every content write with a newline, so the bytes are
    // the same as its q / cm / BT / Tm / Tf / TJ / ET / Q lines.
    doc.addContent(
      `q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n[<${hex}> 0] TJ\nET\nQ`,
    );
  }

  /** The hex glyph string for `text`, registering its glyphs (in order) with the font's subset. */
  private encode(font: EmbeddedFont, face: Face, text: string): string {
    let byText = this.encoded.get(font);
    if (!byText) this.encoded.set(font, (byText = new Map()));
    let hex = byText.get(text);
    if (hex !== undefined) return hex;
    hex = '';
    for (const g of this.fonts.glyphs(face, text)) {
      const gid = font.subset.includeGlyph(g.id);
      hex += gid.toString(16).padStart(4, '0');
      // First use wins, as in EmbeddedFont.encode; the records are never mutated, so sharing them
      // between documents cannot carry one letter's code points into another.
      font.widths[gid] ??= g.advanceWidth * font.scale;
      font.unicode[gid] ??= g.codePoints as number[];
    }
    byText.set(text, hex);
    return hex;
  }
}
