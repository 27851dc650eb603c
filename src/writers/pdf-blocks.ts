// Block layout for the PDF writer: one handler per block type, each drawing below the cursor and
// adding its structure element (H1-H3, P, L/LI/Lbl/LBody, BlockQuote, Table) to the tag tree.
// Pagination keeps together what a reader needs together: a heading and what follows it, a closing
// and its signature, a paragraph and the table it introduces (style.ts says which).
import type { Block, Inline } from '../document.js';
import type { Canvas, Frame, StructElement } from './pdf-canvas.js';
import { drawLine, layoutInlines, lineX, TEXT_COLOR, type Line, type TextLook } from './pdf-inline.js';
import { renderTable, tableLead } from './pdf-table.js';
import { headings, keepsWithNext, list as listStyle, paragraphs, quote as quoteStyle } from './style.js';

/** Bullets by nesting depth; both are in Noto Sans (checked by the tests). */
const BULLETS = ['•', '–'] as const;

interface Context {
  /** Inside a quote: smaller, grey text. */
  quote: boolean;
  /** Nesting depth of lists around this block (0 outside lists). */
  depth: number;
}

type Paragraph = Extract<Block, { type: 'paragraph' }>;

/** How a paragraph is drawn where it sits: its text look, spacing and page-break rules. */
function paragraphLook(b: Paragraph, ctx: Context) {
  const look = paragraphs[b.style ?? 'body'];
  const text: TextLook = ctx.quote
    ? { size: quoteStyle.size, color: quoteStyle.color, bold: look.bold ?? false, align: look.align }
    : { size: look.size, color: look.color ?? TEXT_COLOR, bold: look.bold ?? false, align: look.align };
  return { text, before: look.spaceBefore ?? 0, after: ctx.depth > 0 ? listStyle.spaceAfter : look.spaceAfter, together: look.keepTogether === true };
}

/** Lines of inline content, laid out once per node even when measured before it is drawn. */
function linesOf(c: Canvas, inlines: readonly Inline[], look: TextLook, width: number): Line[] {
  return c.memo(inlines, `${look.size} ${look.bold === true} ${width}`, () => layoutInlines(c, inlines, look, width));
}

export function renderBlocks(c: Canvas, blocks: readonly Block[], parent: StructElement, frame: Frame, ctx: Context = { quote: false, depth: 0 }): void {
  blocks.forEach((b, i) => {
    // What must share a page with the end of this block: the start of the next one.
    const following = () => lead(c, blocks, i + 1, frame, ctx);
    switch (b.type) {
      case 'heading':
        renderHeading(c, b.level, b.children, parent, frame, following());
        break;
      case 'paragraph': {
        const p = paragraphLook(b, ctx);
        const keepWith = keepsWithNext(b, blocks[i + 1]) ? p.after + following() : undefined;
        renderText(c, b.children, p.text, frame, c.struct(parent, 'P'), 'P', { before: p.before, together: p.together, keepWith });
        c.y += p.after;
        break;
      }
      case 'list':
        renderList(c, b, parent, frame, ctx);
        break;
      case 'table':
        renderTable(c, b, parent, frame);
        break;
      case 'quote': {
        const el = c.struct(parent, 'BlockQuote');
        renderBlocks(c, b.children, el, quoteFrame(frame), { ...ctx, quote: true });
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
  });
}

const quoteFrame = (frame: Frame): Frame => ({ left: frame.left + quoteStyle.indent, width: frame.width - 2 * quoteStyle.indent });

/**
 * The height at the top of blocks[i] that must be on the same page as a block kept with it: its
 * first two lines, the whole of it when it is kept together, and on through what it keeps with.
 */
function lead(c: Canvas, blocks: readonly Block[], i: number, frame: Frame, ctx: Context): number {
  const b = blocks[i];
  if (b === undefined) return 0;
  switch (b.type) {
    case 'heading': {
      const h = headings[b.level];
      const look: TextLook = { size: h.size, color: TEXT_COLOR, bold: true };
      return h.spaceBefore + linesOf(c, b.children, look, frame.width).length * c.lineHeight(h.size) + h.spaceAfter + lead(c, blocks, i + 1, frame, ctx);
    }
    case 'paragraph': {
      const p = paragraphLook(b, ctx);
      const n = linesOf(c, b.children, p.text, frame.width).length;
      const lh = c.lineHeight(p.text.size);
      const kept = keepsWithNext(b, blocks[i + 1]);
      if (p.together || (kept && n <= 2)) return p.before + n * lh + (kept ? p.after + lead(c, blocks, i + 1, frame, ctx) : 0);
      return p.before + Math.min(2, n) * lh;
    }
    case 'list':
      return 2 * c.lineHeight(ctx.quote ? quoteStyle.size : paragraphs.body.size);
    case 'table':
      return tableLead(c, b, frame);
    case 'quote':
      return lead(c, b.children, 0, quoteFrame(frame), { ...ctx, quote: true });
    case 'pageBreak':
      return 0;
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

interface Keep {
  /** Space above the first line, unless it starts a page. */
  before?: number;
  /** Never split across pages. */
  together?: boolean;
  /** Height after the last line that must be on the same page as the last lines (two, or all when together). */
  keepWith?: number;
}

/**
 * Lays out inline content and draws it line by line, breaking pages between lines. A paragraph
 * never leaves a single first line at the foot of a page, and what it keeps with starts on the
 * page where it ends.
 */
export function renderText(c: Canvas, inlines: readonly Inline[], look: TextLook, frame: Frame, elem: StructElement, tag: string, keep: Keep = {}): void {
  const lines = linesOf(c, inlines, look, frame.width);
  const lh = c.lineHeight(look.size);
  const n = lines.length;
  const head = keep.together ? n : Math.min(2, n);
  const tail = keep.together ? n : Math.min(2, n);
  const before = keep.before ?? 0;
  c.ensure(before + head * lh + (keep.keepWith !== undefined && tail === n ? keep.keepWith : 0));
  if (!c.atPageTop) c.y += before;
  lines.forEach((line, k) => {
    if (k > 0 && k === n - tail && keep.keepWith !== undefined) c.ensure(tail * lh + keep.keepWith);
    else c.ensure(lh);
    drawLine(c, line, lineX(line, frame.left, frame.width, look.align, c.rtl), c.y, look, { elem, tag });
    c.y += lh;
  });
  c.endContent();
  elem.end();
}

function renderHeading(c: Canvas, level: 1 | 2 | 3, children: readonly Inline[], parent: StructElement, frame: Frame, following: number): void {
  const h = headings[level];
  const look: TextLook = { size: h.size, color: TEXT_COLOR, bold: true, align: 'left' };
  if (!c.atPageTop) c.y += h.spaceBefore;
  // Keep the heading with the start of what follows (two lines of text, a table's first row).
  const height = linesOf(c, children, look, frame.width).length * c.lineHeight(h.size);
  c.ensure(height + h.spaceAfter + following);
  renderText(c, children, look, frame, c.struct(parent, `H${level}`), `H${level}`);
  c.y += h.spaceAfter;
}

function renderList(c: Canvas, b: Extract<Block, { type: 'list' }>, parent: StructElement, frame: Frame, ctx: Context): void {
  const { items } = b;
  const size = ctx.quote ? quoteStyle.size : paragraphs.body.size;
  const look: TextLook = { size, color: ctx.quote ? quoteStyle.color : TEXT_COLOR };
  const start = b.start ?? 1;
  const labels = items.map((_, i) => (b.ordered ? `${start + i}.` : BULLETS[ctx.depth % BULLETS.length]!));
  const runs = labels.map((l) => c.fonts.shaped('regular', l));
  const widths = runs.map((r) => r.advance * size);
  // Hanging indent: wide enough for the widest label ("10."), never less than the style's indent.
  const gap = size * 0.5;
  const indent = Math.max(listStyle.indent, Math.max(0, ...widths) + gap);
  // Right to left, the labels hang at the right and the items are indented from it.
  const body: Frame = { left: c.rtl ? frame.left : frame.left + indent, width: frame.width - indent };
  const L = c.struct(parent, 'L');
  items.forEach((item, i) => {
    const li = c.struct(L, 'LI');
    c.ensure(2 * c.lineHeight(size));
    const lbl = c.struct(li, 'Lbl');
    c.beginContent(lbl, 'Lbl');
    c.text(size, look.color, c.rtl ? frame.left + frame.width - indent + gap : frame.left + indent - gap - widths[i]!, c.y, [runs[i]!]);
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
