// The PDF writer: Document -> tagged A4 PDF bytes with the bundled Noto Sans embedded (subset),
// the same bytes for the same Document. Layout lives in pdf-blocks/pdf-inline/pdf-table.
import { allText, inDigits, isRightToLeft, type Document } from '../document.js';
import { ExitCode, fail } from '../errors.js';
import { renderBlocks } from './pdf-blocks.js';
import { Canvas } from './pdf-canvas.js';
import { PdfDocument } from './pdf-doc.js';
import { loadFonts, type FontSet } from './pdf-fonts.js';
import { loadShaper, needsShaping } from './pdf-scripts.js';
import { drawLine, layoutInlines, lineX, type TextLook } from './pdf-inline.js';
import { page } from './style.js';

export interface PdfWriter {
  extension: 'pdf';
  /** True when the bundled fonts have a glyph for this code point (used to point at the spec value that holds an uncovered character). */
  covers(codePoint: number): boolean;
  write(doc: Document): Promise<Uint8Array>;
}

/** Reads the fonts once; the writer then renders any number of documents with them. */
export async function createPdfWriter(): Promise<PdfWriter> {
  const fonts = await loadFonts();
  return {
    extension: 'pdf',
    covers: fonts.covers,
    // async, so a refused document is a rejected promise rather than a synchronous throw, and so
    // that the shaper can load (once) before the first document with Arabic, Devanagari or Bangla.
    write: async (doc) => {
      const texts = allText(doc.blocks);
      const { footer = '', pageLabel, digits = '' } = doc.meta;
      if ([...texts, footer, pageLabel, digits].some(needsShaping)) await loadShaper();
      return render(fonts, doc, texts);
    },
  };
}

function render(fonts: FontSet, doc: Document, texts: string[]): Uint8Array {
  const { meta } = doc;
  const num = (n: number) => inDigits(String(n), meta.digits);
  const label = (n: number, total: number) => meta.pageLabel.replace('{page}', num(n)).replace('{pages}', num(total));
  // Everything drawn is checked before drawing: a missing glyph would silently draw an empty box.
  texts.push(meta.footer ?? '', label(1, 1));
  fonts.check(texts);
  const date = new Date(`${meta.date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.date) || Number.isNaN(date.getTime())) {
    fail(ExitCode.render, 'pdf-date', `expected the document date as YYYY-MM-DD, got "${meta.date}"`);
  }
  // Rendering is synchronous, so concurrent write() calls never interleave their use of the shared fonts.
  const pdf = new PdfDocument({
    width: page.width,
    height: page.height,
    fonts: fonts.fonts,
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords.join(', '),
      creator: 'oedr',
      // A fixed date makes the file ID and the bytes reproducible.
      date,
      lang: meta.language,
    },
  });
  const c = new Canvas(pdf, fonts, isRightToLeft(meta.language));
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  renderBlocks(c, doc.blocks, root, { left: page.margin.left, width: page.width - page.margin.left - page.margin.right });
  c.endContent();
  drawFooters(c, meta.footer, label);
  root.end();
  return pdf.end();
}

/** "footer text ... Page X of Y" at the foot of every page, as a pagination artifact. */
function drawFooters(c: Canvas, footer: string | undefined, label: (n: number, total: number) => string): void {
  const pdf = c.doc;
  const count = pdf.pageCount;
  const look: TextLook = { size: page.footerSize, color: page.footerColor };
  const left = page.margin.left;
  const width = page.width - page.margin.left - page.margin.right;
  const lh = c.lineHeight(page.footerSize);
  const top = page.height - page.margin.bottom + 20;
  for (let i = 0; i < count; i++) {
    pdf.switchToPage(i);
    c.artifact('Pagination', () => {
      const [pageLine] = layoutInlines(c, [{ type: 'text', value: label(i + 1, count) }], look, width);
      // The page label at the end of the line, the footer at its start: swapped right to left.
      drawLine(c, pageLine!, lineX(pageLine!, left, width, 'right', c.rtl), top, look, null);
      if (!footer) return;
      // The footer wraps beside the page label rather than running into it.
      const lines = layoutInlines(c, [{ type: 'text', value: footer }], look, width - pageLine!.width - 18);
      lines.forEach((line, k) => drawLine(c, line, lineX(line, left, width, 'left', c.rtl), top + k * lh, look, null));
    });
  }
}
