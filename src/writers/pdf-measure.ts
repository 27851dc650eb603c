// Heights of blocks before they are drawn, for the PDF writer's page-break rules: what a paragraph
// or list looks like where it sits, how tall a block is whole, and which lines before the signature
// must go with it so that its page holds at least `linesBeforeSignature` lines of the letter.
import type { Block, Inline } from '../document.js';
import type { Canvas, Frame } from './pdf-canvas.js';
import { layoutInlines, TEXT_COLOR, type Line, type TextLook } from './pdf-inline.js';
import { imageHeight, signaturesHeight } from './pdf-signatures.js';
import { tableLead } from './pdf-table.js';
import { headings, keepsWithNext, linesBeforeSignature, list as listStyle, paragraphs, quote as quoteStyle } from './style.js';

export interface Context {
  /** Inside a quote: smaller, grey text. */
  quote: boolean;
  /** Nesting depth of lists around this block (0 outside lists). */
  depth: number;
}

type Paragraph = Extract<Block, { type: 'paragraph' }>;
export type List = Extract<Block, { type: 'list' }>;

/** Bullets by nesting depth; both are in Noto Sans (checked by the tests). */
export const BULLETS = ['•', '–'] as const;

/** How a paragraph is drawn where it sits: its text look, spacing and page-break rules. */
export function paragraphLook(b: Paragraph, ctx: Context) {
  const look = paragraphs[b.style ?? 'body'];
  const text: TextLook = ctx.quote
    ? { size: quoteStyle.size, color: quoteStyle.color, bold: look.bold ?? false, align: look.align }
    : { size: look.size, color: look.color ?? TEXT_COLOR, bold: look.bold ?? false, align: look.align };
  return { text, before: look.spaceBefore ?? 0, after: ctx.depth > 0 ? listStyle.spaceAfter : look.spaceAfter, together: look.keepTogether === true };
}

/** Lines of inline content, laid out once per node even when measured before it is drawn. */
export function linesOf(c: Canvas, inlines: readonly Inline[], look: TextLook, width: number): Line[] {
  return c.memo(inlines, `${look.size} ${look.bold === true} ${width}`, () => layoutInlines(c, inlines, look, width));
}

export const headingLook = (level: 1 | 2 | 3): TextLook => ({ size: headings[level].size, color: TEXT_COLOR, bold: true, align: 'left' });

/** A list's labels, their widths and the frame its items' text goes in (a hanging indent). */
export function listLayout(c: Canvas, b: List, frame: Frame, ctx: Context) {
  const size = ctx.quote ? quoteStyle.size : paragraphs.body.size;
  const start = b.start ?? 1;
  const labels = b.items.map((_, i) => (b.ordered ? `${start + i}.` : BULLETS[ctx.depth % BULLETS.length]!));
  const runs = labels.map((l) => c.fonts.shaped('regular', l));
  const widths = runs.map((r) => r.advance * size);
  // Hanging indent: wide enough for the widest label ("10."), never less than the style's indent.
  const gap = size * 0.5;
  const indent = Math.max(listStyle.indent, Math.max(0, ...widths) + gap);
  // Right to left, the labels hang at the right and the items are indented from it.
  return { size, runs, widths, gap, indent, body: { left: c.rtl ? frame.left : frame.left + indent, width: frame.width - indent } as Frame };
}

/** Height of list item `i` whole. */
export function itemHeight(c: Canvas, b: List, i: number, frame: Frame, ctx: Context): number {
  const item = b.items[i]!;
  const l = listLayout(c, b, frame, ctx);
  if (item.length === 0) return c.lineHeight(l.size) + listStyle.spaceAfter;
  const inner = { ...ctx, depth: ctx.depth + 1 };
  return item.reduce((s, _, k) => s + blockHeight(c, item, k, l.body, inner), 0);
}

/** Height of blocks[i] drawn whole, spacing included (a table or quote: its lead only). */
export function blockHeight(c: Canvas, blocks: readonly Block[], i: number, frame: Frame, ctx: Context): number {
  const b = blocks[i]!;
  switch (b.type) {
    case 'paragraph': {
      const p = paragraphLook(b, ctx);
      return p.before + linesOf(c, b.children, p.text, frame.width).length * c.lineHeight(p.text.size) + p.after;
    }
    case 'heading': {
      const h = headings[b.level];
      return h.spaceBefore + linesOf(c, b.children, headingLook(b.level), frame.width).length * c.lineHeight(h.size) + h.spaceAfter;
    }
    case 'list': {
      const end = ctx.depth === 0 ? paragraphs.body.spaceAfter - listStyle.spaceAfter : 0;
      return b.items.reduce((s, _, k) => s + itemHeight(c, b, k, frame, ctx), end);
    }
    case 'signatures':
      return signaturesHeight(c, b, frame);
    case 'image':
      return imageHeight(b, frame);
    case 'table':
      return tableLead(c, b, frame);
    case 'quote':
    case 'pageBreak':
      return 0;
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** Lines of text a block shows (a list: its items' paragraphs), for the signature-page count. */
function textLines(c: Canvas, b: Block, frame: Frame, ctx: Context): number {
  if (b.type === 'paragraph') return linesOf(c, b.children, paragraphLook(b, ctx).text, frame.width).length;
  if (b.type === 'list') {
    const l = listLayout(c, b, frame, ctx);
    return b.items.reduce((s, item) => s + Math.max(1, item.reduce((t, x) => t + textLines(c, x, l.body, { ...ctx, depth: ctx.depth + 1 }), 0)), 0);
  }
  return 0;
}

/**
 * What must go with the signature: from block `index` on (from its last `lines` lines, or for a
 * list from item `item`), everything to the end of the signature block is on one page; `keepWith`
 * is the height of what follows block `index` up to there.
 */
export interface Pull {
  index: number;
  lines?: number;
  item?: number;
  keepWith: number;
}

/** Walks back from the signature block over paragraphs, headings and lists until enough lines are gathered. */
export function pullBeforeSignature(c: Canvas, blocks: readonly Block[], frame: Frame, ctx: Context): Pull | undefined {
  const sig = blocks.findIndex((b) => b.type === 'signatures');
  if (sig < 0 || ctx.depth > 0 || ctx.quote) return undefined;
  let keepWith = blockHeight(c, blocks, sig, frame, ctx);
  // The notes kept with the signature block (style.ts keepsWithNext) come too.
  for (let j = sig + 1; keepsWithNext(blocks[j - 1]!, blocks[j]); j++) keepWith += blockHeight(c, blocks, j, frame, ctx);
  let need = linesBeforeSignature;
  for (let i = sig - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type !== 'paragraph' && b.type !== 'list' && b.type !== 'heading') {
      // A table, quote or picture is not split for this: what follows it goes whole.
      const first = i + 1;
      return first < sig ? { index: first, keepWith: keepWith - blockHeight(c, blocks, first, frame, ctx) } : undefined;
    }
    const counts = b.type === 'list' || (b.type === 'paragraph' && b.style !== 'closing' && b.style !== 'signature');
    const n = counts ? textLines(c, b, frame, ctx) : 0;
    if (n >= need) {
      const item = b.type === 'list' ? firstItemFor(c, b, need, frame, ctx) : undefined;
      // Taken whole, the block brings the headings above it too (a heading keeps with its text).
      if (i > 0 && blocks[i - 1]!.type === 'heading' && (item === 0 || (b.type === 'paragraph' && need >= n - 1))) return withHeadings(c, blocks, i, keepWith, frame, ctx);
      return item === undefined ? { index: i, lines: need, keepWith } : { index: i, item, keepWith };
    }
    need -= n;
    keepWith += blockHeight(c, blocks, i, frame, ctx);
  }
  return undefined;
}

/** Block `i` whole and the headings just above it go with the signature; `keepWith` is what follows block `i`. */
function withHeadings(c: Canvas, blocks: readonly Block[], i: number, keepWith: number, frame: Frame, ctx: Context): Pull {
  let first = i;
  let after = keepWith;
  while (first > 0 && blocks[first - 1]!.type === 'heading') after += blockHeight(c, blocks, first--, frame, ctx);
  return { index: first, keepWith: after };
}

/** The list item from which the list's last items hold `need` lines. */
function firstItemFor(c: Canvas, b: List, need: number, frame: Frame, ctx: Context): number {
  const l = listLayout(c, b, frame, ctx);
  for (let k = b.items.length - 1; k >= 0; k--) {
    need -= Math.max(1, b.items[k]!.reduce((t, x) => t + textLines(c, x, l.body, { ...ctx, depth: ctx.depth + 1 }), 0));
    if (need > 0) continue;
    // Never the last alone at the top of the next page, nor the first alone at the foot of this one.
    const from = k === b.items.length - 1 && k > 0 ? k - 1 : k;
    return from === 1 ? 0 : from;
  }
  return 0;
}
