// Block layout for the PDF writer: one handler per block type, each drawing below the cursor and
// adding its structure element (H1-H3, P, L/LI/Lbl/LBody, BlockQuote, Table, Figure) to the tag tree.
// Pagination keeps together what a reader needs together: a heading and what follows it, a closing
// and its signatures, a paragraph and the table it introduces (style.ts says which); no paragraph
// leaves one line alone at the foot or top of a page, no list its first or last item; and the page
// of the signature holds the letter's last lines (pdf-measure.ts).
import type { Block, Inline } from '../document.js';
import type { Canvas, Frame, StructElement } from './pdf-canvas.js';
import { drawLine, lineX, TEXT_COLOR, type TextLook } from './pdf-inline.js';
import { blockHeight, headingLook, itemHeight, linesOf, listLayout, paragraphLook, pullBeforeSignature, type Context, type List, type Pull } from './pdf-measure.js';
import { renderImage, renderSignatures } from './pdf-signatures.js';
import { renderTable, tableLead } from './pdf-table.js';
import { headings, keepsWithNext, list as listStyle, paragraphs, quote as quoteStyle } from './style.js';

export function renderBlocks(c: Canvas, blocks: readonly Block[], parent: StructElement, frame: Frame, ctx: Context = { quote: false, depth: 0 }): void {
  const pull = pullBeforeSignature(c, blocks, frame, ctx);
  blocks.forEach((b, i) => {
    // What must share a page with the end of this block: the start of the next one.
    const following = () => lead(c, blocks, i + 1, frame, ctx);
    const pulled = pull?.index === i ? pull : undefined;
    // A block that goes whole with the signature (the run before it starts with this block).
    if (pulled && pulled.lines === undefined && pulled.item === undefined) c.ensure(blockHeight(c, blocks, i, frame, ctx) + pulled.keepWith);
    switch (b.type) {
      case 'heading':
        renderHeading(c, b.level, b.children, parent, frame, following());
        break;
      case 'paragraph': {
        const p = paragraphLook(b, ctx);
        const keepWith = pulled?.lines !== undefined ? p.after + pulled.keepWith : keepsWithNext(b, blocks[i + 1]) ? p.after + following() : undefined;
        renderText(c, b.children, p.text, frame, c.struct(parent, 'P'), 'P', { before: p.before, together: p.together, keepWith, tail: pulled?.lines });
        c.y += p.after;
        break;
      }
      case 'list':
        renderList(c, b, parent, frame, ctx, pulled);
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
      case 'image':
        renderImage(c, b, parent, frame);
        break;
      case 'signatures':
        // The notes after the signatures come whole onto their page.
        renderSignatures(c, b, parent, frame, keepsWithNext(b, blocks[i + 1]) ? following() : 0);
        break;
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

/** Lines at the head of a paragraph kept together: all of a short one (three lines or fewer), else two. */
const headLines = (n: number) => (n <= 3 ? n : 2);

/**
 * The height at the top of blocks[i] that must be on the same page as a block kept with it: its
 * first lines, the whole of it when it is kept together, and on through what it keeps with.
 */
function lead(c: Canvas, blocks: readonly Block[], i: number, frame: Frame, ctx: Context): number {
  const b = blocks[i];
  if (b === undefined) return 0;
  switch (b.type) {
    case 'heading': {
      const h = headings[b.level];
      return h.spaceBefore + linesOf(c, b.children, headingLook(b.level), frame.width).length * c.lineHeight(h.size) + h.spaceAfter + lead(c, blocks, i + 1, frame, ctx);
    }
    case 'paragraph': {
      const p = paragraphLook(b, ctx);
      const n = linesOf(c, b.children, p.text, frame.width).length;
      const lh = c.lineHeight(p.text.size);
      const kept = keepsWithNext(b, blocks[i + 1]);
      if (p.together || (kept && n <= 3)) return p.before + n * lh + (kept ? p.after + lead(c, blocks, i + 1, frame, ctx) : 0);
      return p.before + headLines(n) * lh;
    }
    case 'list':
      return b.items.length ? Math.min(itemHeight(c, b, 0, frame, ctx), 3 * c.lineHeight(ctx.quote ? quoteStyle.size : paragraphs.body.size)) : 0;
    case 'table':
      return tableLead(c, b, frame);
    case 'quote':
      return lead(c, b.children, 0, quoteFrame(frame), { ...ctx, quote: true });
    case 'image':
      return blockHeight(c, blocks, i, frame, ctx);
    case 'signatures':
      return blockHeight(c, blocks, i, frame, ctx) + (keepsWithNext(b, blocks[i + 1]) ? lead(c, blocks, i + 1, frame, ctx) : 0);
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
  /** How many last lines go with what follows (default two). */
  tail?: number;
}

/**
 * Lays out inline content and draws it line by line, breaking pages between lines. A paragraph
 * never leaves a single line at the foot or the top of a page (three lines or fewer stay whole),
 * and what it keeps with starts on the page where it ends.
 */
export function renderText(c: Canvas, inlines: readonly Inline[], look: TextLook, frame: Frame, elem: StructElement, tag: string, keep: Keep = {}): void {
  const lines = linesOf(c, inlines, look, frame.width);
  const lh = c.lineHeight(look.size);
  const n = lines.length;
  let tail = keep.together ? n : Math.min(n, Math.max(2, keep.tail ?? 2));
  // Splitting would leave one line alone before the tail: the paragraph goes whole.
  if (n - tail === 1) tail = n;
  const head = keep.together || tail === n ? n : headLines(n);
  const before = keep.before ?? 0;
  c.ensure(before + head * lh + (tail === n ? keep.keepWith ?? 0 : 0));
  if (!c.atPageTop) c.y += before;
  lines.forEach((line, k) => {
    if (k > 0 && k === n - tail) c.ensure(tail * lh + (keep.keepWith ?? 0));
    else c.ensure(lh);
    drawLine(c, line, lineX(line, frame.left, frame.width, look.align, c.rtl), c.y, look, { elem, tag });
    c.y += lh;
  });
  c.endContent();
  elem.end();
}

function renderHeading(c: Canvas, level: 1 | 2 | 3, children: readonly Inline[], parent: StructElement, frame: Frame, following: number): void {
  const h = headings[level];
  const look = headingLook(level);
  if (!c.atPageTop) c.y += h.spaceBefore;
  // Keep the heading with the start of what follows (its first lines, a table's first row).
  const height = linesOf(c, children, look, frame.width).length * c.lineHeight(h.size);
  c.ensure(height + h.spaceAfter + following);
  renderText(c, children, look, frame, c.struct(parent, `H${level}`), `H${level}`, { together: true });
  c.y += h.spaceAfter;
}

/**
 * A list never leaves its first item alone at the foot of a page, nor its last alone at the top:
 * the first item goes with the start of the second, the one before last with the start of the last.
 */
function renderList(c: Canvas, b: List, parent: StructElement, frame: Frame, ctx: Context, pull?: Pull): void {
  const { items } = b;
  const l = listLayout(c, b, frame, ctx);
  const look: TextLook = { size: l.size, color: ctx.quote ? quoteStyle.color : TEXT_COLOR };
  // An item's first lines: all of one of three lines or fewer, as renderText keeps them.
  const first = (k: number) => Math.min(itemHeight(c, b, k, frame, ctx), 3 * c.lineHeight(l.size) + listStyle.spaceAfter);
  const end = ctx.depth === 0 ? paragraphs.body.spaceAfter - listStyle.spaceAfter : 0;
  const L = c.struct(parent, 'L');
  items.forEach((item, i) => {
    const li = c.struct(L, 'LI');
    const height = (k: number) => itemHeight(c, b, k, frame, ctx);
    if (pull?.item !== undefined && i === pull.item) {
      let rest = end + pull.keepWith;
      for (let k = i; k < items.length; k++) rest += height(k);
      c.ensure(rest);
    } else if (items.length === 3 && i === 0) c.ensure(height(0) + height(1) + first(2)); // the middle item is both
    else if (items.length > 1 && (i === 0 || i === items.length - 2)) c.ensure(height(i) + first(i + 1));
    else c.ensure(first(i));
    const lbl = c.struct(li, 'Lbl');
    c.beginContent(lbl, 'Lbl');
    c.text(l.size, look.color, c.rtl ? frame.left + frame.width - l.indent + l.gap : frame.left + l.indent - l.gap - l.widths[i]!, c.y, [l.runs[i]!]);
    c.endContent();
    c.markUsed();
    lbl.end();
    const lbody = c.struct(li, 'LBody');
    if (item.length === 0) c.y += c.lineHeight(l.size) + listStyle.spaceAfter;
    renderBlocks(c, item, lbody, l.body, { ...ctx, depth: ctx.depth + 1 });
    lbody.end();
    li.end();
  });
  L.end();
  c.y += end;
}
