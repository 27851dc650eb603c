// Pictures and the signature block for the PDF writer. Each picture is a Figure element with its alt
// text. The signature block puts each signer in a cell, two a row: room to sign (or the scanned
// signature), a line, then name, title and organisation; the block is measured whole so the caller
// can keep it on one page with the closing.
import type { Block, Image, Inline, Signer } from '../document.js';
import type { Canvas, Frame, StructElement } from './pdf-canvas.js';
import { drawLine, layoutInlines, TEXT_COLOR, type Line, type TextLook } from './pdf-inline.js';
import { paragraphs, signatures as look } from './style.js';

type Signatures = Extract<Block, { type: 'signatures' }>;
type ImageBlock = Extract<Block, { type: 'image' }>;

const text: TextLook = { size: paragraphs.body.size, color: TEXT_COLOR };

/** An image block's drawn height: its width in proportion, never taller than the style allows. */
export function imageBox(b: ImageBlock, frame: Frame): { width: number; height: number } {
  const width = Math.min(b.width, frame.width);
  return { width, height: (width * b.image.height) / b.image.width };
}

export function imageHeight(b: ImageBlock, frame: Frame): number {
  return imageBox(b, frame).height + look.imageSpaceAfter;
}

export function renderImage(c: Canvas, b: ImageBlock, parent: StructElement, frame: Frame): void {
  const { width, height } = imageBox(b, frame);
  c.ensure(height);
  const x = b.align === 'right' ? frame.left + frame.width - width : b.align === 'center' ? frame.left + (frame.width - width) / 2 : frame.left;
  figure(c, parent, b.image, x, c.y, width, height);
  c.y += height + look.imageSpaceAfter;
}

/** Draws an image as a Figure element with its alt text, its content marked as the figure's. */
function figure(c: Canvas, parent: StructElement, img: Image, x: number, y: number, w: number, h: number): void {
  const el = c.struct(parent, 'Figure', { alt: img.alt, bbox: [x, y, w, h] });
  c.beginContent(el, 'Figure');
  c.doc.drawImage(img, x, y, w, h);
  c.endContent();
  c.markUsed();
  el.end();
}

interface Cell {
  signer: Signer;
  lines: Line[];
}

function cells(c: Canvas, b: Signatures, frame: Frame): { cells: Cell[][]; width: number; lh: number } {
  const width = (frame.width - look.gap) / 2;
  return c.memo(b, String(frame.width), () => {
    const laid = b.signers.map((signer) => {
      const parts = [signer.name, signer.title, signer.organisation].filter((s): s is string => !!s);
      const inlines: Inline[] = parts.flatMap((s, i) => (i ? [{ type: 'break' } as const, { type: 'text', value: s } as const] : [{ type: 'text', value: s } as const]));
      return { signer, lines: layoutInlines(c, inlines, text, width) };
    });
    const rows: Cell[][] = [];
    for (let i = 0; i < laid.length; i += 2) rows.push(laid.slice(i, i + 2));
    return { cells: rows, width, lh: c.lineHeight(text.size) };
  });
}

const rowHeight = (row: Cell[], lh: number) => look.room + look.ruleGap + Math.max(...row.map((r) => r.lines.length)) * lh + look.rowGap;

/** The whole block's height: it is never split. */
export function signaturesHeight(c: Canvas, b: Signatures, frame: Frame): number {
  const t = cells(c, b, frame);
  return t.cells.reduce((s, row) => s + rowHeight(row, t.lh), 0);
}

/** Draws the block on one page, with room below it for `keepWith` (the notes that follow it). */
export function renderSignatures(c: Canvas, b: Signatures, parent: StructElement, frame: Frame, keepWith = 0): void {
  const t = cells(c, b, frame);
  c.ensure(signaturesHeight(c, b, frame) + keepWith);
  const group = c.struct(parent, 'Div');
  for (const row of t.cells) {
    row.forEach((cell, k) => {
      const x = frame.left + k * (t.width + look.gap);
      const el = c.struct(group, 'Div');
      const sig = cell.signer.signature;
      if (sig) {
        // The scanned signature sits on the line, as a hand-written one would.
        const h = Math.min(look.room - 4, (look.lineWidth * sig.height) / sig.width);
        const w = (h * sig.width) / sig.height;
        figure(c, el, sig, x, c.y + look.room - h, w, h);
      }
      c.artifact('Layout', () => {
        c.doc.save().lineWidth(0.6).strokeColor(TEXT_COLOR).moveTo(x, c.y + look.room).lineTo(x + Math.min(look.lineWidth, t.width), c.y + look.room).stroke().restore();
      });
      const p = c.struct(el, 'P');
      cell.lines.forEach((line, i) => drawLine(c, line, x, c.y + look.room + look.ruleGap + i * t.lh, text, { elem: p, tag: 'P' }));
      c.endContent();
      p.end();
      el.end();
    });
    c.y += rowHeight(row, t.lh);
  }
  group.end();
}
