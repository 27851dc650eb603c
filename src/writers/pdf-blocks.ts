// Block layout for the PDF writer: one handler per block type, each drawing below the cursor and
// adding its structure element (H1-H3, P, L/LI/Lbl/LBody, BlockQuote, Table) to the tag tree.
import type { Block, Inline } from '../document.js';
import type { Canvas, Frame, StructElement } from './pdf-canvas.js';
import { drawLine, layoutInlines, lineX, TEXT_COLOR, type TextLook } from './pdf-inline.js';
import { renderTable } from './pdf-table.js';
import { font as fontStyle, headings, list as listStyle, paragraphs, quote as quoteStyle } from './style.js';

/** Bullets by nesting depth; both are in Noto Sans (checked by the tests). */
const BULLETS = ['•', '–'] as const;

interface Context {
  /** Inside a quote: smaller, grey text. */
  quote: boolean;
  /** Nesting depth of lists around this block (0 outside lists). */
  depth: number;
}

export function renderBlocks(c: Canvas, blocks: readonly Block[], parent: StructElement, frame: Frame, ctx: Context = { quote: false, depth: 0 }): void {
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        renderHeading(c, b.level, b.children, parent, frame);
        break;
      case 'paragraph': {
        const look = paragraphs[b.style ?? 'body'];
        const text: TextLook = ctx.quote
          ? { size: quoteStyle.size, color: quoteStyle.color, bold: look.bold ?? false, align: look.align }
          : { size: look.size, color: look.color ?? TEXT_COLOR, bold: look.bold ?? false, align: look.align };
        renderText(c, b.children, text, frame, c.struct(parent, 'P'), 'P');
        c.y += ctx.depth > 0 ? listStyle.spaceAfter : look.spaceAfter;
        break;
      }
      case 'list':
        renderList(c, b.ordered, b.items, parent, frame, ctx);
        break;
      case 'table':
        renderTable(c, b.header, b.rows, parent, frame);
        break;
      case 'quote': {
        const el = c.struct(parent, 'BlockQuote');
        const inner = { left: frame.left + quoteStyle.indent, width: frame.width - 2 * quoteStyle.indent };
        renderBlocks(c, b.children, el, inner, { ...ctx, quote: true });
        el.end();
        break;
      }
      case 'pageBreak':
        if (!c.atPageTop) c.newPage();
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
}

/**
 * Lays out inline content and draws it line by line, breaking pages between lines. A paragraph
 * never leaves a single first line at the foot of a page.
 */
export function renderText(c: Canvas, inlines: readonly Inline[], look: TextLook, frame: Frame, elem: StructElement, tag: string): void {
  const lines = layoutInlines(c, inlines, look, frame.width);
  const lh = c.lineHeight(look.size);
  c.ensure(Math.min(2, lines.length) * lh);
  for (const line of lines) {
    c.ensure(lh);
    drawLine(c, line, lineX(line, frame.left, frame.width, look.align), c.y, look, { elem, tag });
    c.y += lh;
  }
  c.endContent();
  elem.end();
}

function renderHeading(c: Canvas, level: 1 | 2 | 3, children: readonly Inline[], parent: StructElement, frame: Frame): void {
  const h = headings[level];
  const look: TextLook = { size: h.size, color: TEXT_COLOR, bold: true, align: 'left' };
  if (!c.atPageTop) c.y += h.spaceBefore;
  // Keep the heading with the first two lines of what follows.
  const height = layoutInlines(c, children, look, frame.width).length * c.lineHeight(h.size);
  c.ensure(height + h.spaceAfter + 2 * c.lineHeight(fontStyle.size));
  renderText(c, children, look, frame, c.struct(parent, `H${level}`), `H${level}`);
  c.y += h.spaceAfter;
}

function renderList(c: Canvas, ordered: boolean, items: readonly Block[][], parent: StructElement, frame: Frame, ctx: Context): void {
  const size = ctx.quote ? quoteStyle.size : paragraphs.body.size;
  const look: TextLook = { size, color: ctx.quote ? quoteStyle.color : TEXT_COLOR };
  const labels = items.map((_, i) => (ordered ? `${i + 1}.` : BULLETS[ctx.depth % BULLETS.length]!));
  const widths = labels.map((l) => c.fonts.width('regular', l, size));
  // Hanging indent: wide enough for the widest label ("10."), never less than the style's indent.
  const gap = size * 0.5;
  const indent = Math.max(listStyle.indent, Math.max(0, ...widths) + gap);
  const body: Frame = { left: frame.left + indent, width: frame.width - indent };
  const L = c.struct(parent, 'L');
  items.forEach((item, i) => {
    const li = c.struct(L, 'LI');
    c.ensure(2 * c.lineHeight(size));
    const lbl = c.struct(li, 'Lbl');
    const label = labels[i]!;
    c.beginContent(lbl, 'Lbl');
    c.face('regular', size, look.color);
    c.doc.text(label, frame.left + indent - gap - widths[i]!, c.y, { lineBreak: false });
    c.endContent();
    c.markUsed();
    lbl.end();
    const lbody = c.struct(li, 'LBody');
    if (item.length === 0) c.y += c.lineHeight(size) + listStyle.spaceAfter;
    renderBlocks(c, item, lbody, body, { ...ctx, depth: ctx.depth + 1 });
    lbody.end();
    li.end();
  });
  L.end();
  if (ctx.depth === 0) c.y += paragraphs.body.spaceAfter - listStyle.spaceAfter;
}
