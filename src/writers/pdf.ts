// The PDF writer: Document -> tagged A4 PDF bytes with the bundled Noto Sans embedded (subset),
// the same bytes for the same Document. Layout lives in pdf-blocks/pdf-inline/pdf-table.
import type PDFDocumentClass from 'pdfkit';
import { allText, type Document } from '../document.js';
import { ExitCode, fail } from '../errors.js';
import { renderBlocks } from './pdf-blocks.js';
import { Canvas } from './pdf-canvas.js';
import { loadFonts, type FontSet } from './pdf-fonts.js';
import { drawLine, layoutInlines, lineX, type TextLook } from './pdf-inline.js';
import { page } from './style.js';

export interface PdfWriter {
  extension: 'pdf';
  /** True when the bundled fonts have a glyph for this code point (used to point at the spec value that holds an uncovered character). */
  covers(codePoint: number): boolean;
  write(doc: Document): Promise<Uint8Array>;
}

/**
 * Loads pdfkit and parses the fonts once; the writer then renders any number of documents with
 * them (a batch pays the ~17 ms font parse once, not per letter).
 */
export async function createPdfWriter(): Promise<PdfWriter> {
  const [{ default: PDFDocument }, fonts] = await Promise.all([import('pdfkit'), loadFonts()]);
  return {
    extension: 'pdf',
    covers: fonts.covers,
    // async, so a refused document is a rejected promise rather than a synchronous throw.
    write: async (doc) => render(PDFDocument, fonts, doc),
  };
}

function render(PDFDocument: typeof PDFDocumentClass, fonts: FontSet, doc: Document): Promise<Uint8Array> {
  const { meta } = doc;
  const label = (n: number, total: number) => meta.pageLabel.replace('{page}', String(n)).replace('{pages}', String(total));
  // Everything drawn is checked before drawing: pdfkit would silently draw an empty box instead.
  fonts.check([...allText(doc.blocks), meta.footer ?? '', label(1, 1)]);
  const date = new Date(`${meta.date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.date) || Number.isNaN(date.getTime())) {
    fail(ExitCode.render, 'pdf-date', `expected the document date as YYYY-MM-DD, got "${meta.date}"`);
  }
  // From here to pdf.end() rendering is synchronous, so concurrent write() calls never interleave
  // their use of the shared fonts.
  const pdf = new PDFDocument({
    size: [page.width, page.height],
    margins: page.margin,
    pdfVersion: '1.7',
    bufferPages: true,
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    font: fonts.defaultSource as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join(', '),
      Creator: 'oedr',
      // Fixed dates make the trailer /ID (an MD5 of the info dictionary) and the bytes reproducible.
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on('end', () => resolve(concat(chunks)));
    pdf.on('error', reject);
  });
  const c = new Canvas(pdf, fonts);
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  renderBlocks(c, doc.blocks, root, { left: page.margin.left, width: page.width - page.margin.left - page.margin.right });
  c.endContent();
  drawFooters(c, meta.footer, label);
  root.end();
  pdf.end();
  return done;
}

/** "footer text ... Page X of Y" at the foot of every page, as a pagination artifact. */
function drawFooters(c: Canvas, footer: string | undefined, label: (n: number, total: number) => string): void {
  const pdf = c.doc;
  const { start, count } = pdf.bufferedPageRange();
  const look: TextLook = { size: page.footerSize, color: page.footerColor };
  const left = page.margin.left;
  const width = page.width - page.margin.left - page.margin.right;
  const lh = c.lineHeight(page.footerSize);
  const top = page.height - page.margin.bottom + 20;
  for (let i = 0; i < count; i++) {
    pdf.switchToPage(start + i);
    c.artifact('Pagination', () => {
      const [pageLine] = layoutInlines(c, [{ type: 'text', value: label(i + 1, count) }], look, width);
      drawLine(c, pageLine!, lineX(pageLine!, left, width, 'right'), top, look, null);
      if (!footer) return;
      // The footer wraps beside the page label rather than running into it.
      const lines = layoutInlines(c, [{ type: 'text', value: footer }], look, width - pageLine!.width - 18);
      lines.forEach((line, k) => drawLine(c, line, left, top + k * lh, look, null));
    });
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
