// Tables for the PDF writer: column widths from the content (as a browser's auto layout would),
// wrapped cells, rows that break across pages, and the header row repeated on each new page.
import type { Block, Inline } from '../document.js';
import type { Canvas, Frame, PageHook, StructElement } from './pdf-canvas.js';
import { drawLine, layoutInlines, lineX, measureInlines, TEXT_COLOR, type Line, type TextLook } from './pdf-inline.js';
import { paragraphs, table as tableStyle } from './style.js';

const BORDER_WIDTH = 0.5;
const pad = tableStyle.cellPadding;

/** One row laid out: the lines of each cell. */
type Row = Line[][];

type TableBlock = Extract<Block, { type: 'table' }>;

interface TableLayout {
  head: Row;
  body: Row[];
  widths: number[];
  lh: number;
}

const headLook: TextLook = { size: tableStyle.size, color: TEXT_COLOR, bold: true };
const bodyLook: TextLook = { size: tableStyle.size, color: TEXT_COLOR };

function layoutTable(c: Canvas, b: TableBlock, frame: Frame): TableLayout | null {
  return c.memo(b, String(frame.width), () => {
    const ncols = Math.max(b.header.length, ...b.rows.map((r) => r.length));
    if (ncols === 0) return null;
    const cells = (r: readonly Inline[][]) => Array.from({ length: ncols }, (_, i) => r[i] ?? []);
    const widths = columnWidths(c, cells(b.header), b.rows.map(cells), frame.width, headLook, bodyLook);
    const layout = (r: readonly Inline[][], look: TextLook): Row => cells(r).map((cell, i) => layoutInlines(c, cell, look, widths[i]! - 2 * pad));
    return { head: layout(b.header, headLook), body: b.rows.map((r) => layout(r, bodyLook)), widths, lh: c.lineHeight(tableStyle.size) };
  });
}

const rowHeight = (t: TableLayout, r: Row, from = 0) => Math.max(1, ...r.map((cell) => cell.length - from)) * t.lh + 2 * pad;

/**
 * The height of the header row and the first data row: never split from each other, nor from a
 * paragraph that introduces the table. A first row taller than a page counts as what fits.
 */
export function tableLead(c: Canvas, b: TableBlock, frame: Frame): number {
  const t = layoutTable(c, b, frame);
  if (!t) return 0;
  const head = rowHeight(t, t.head);
  return head + (t.body[0] ? Math.min(rowHeight(t, t.body[0]), c.bottom - c.top - head) : 0);
}

export function renderTable(c: Canvas, b: TableBlock, parent: StructElement, frame: Frame): void {
  const t = layoutTable(c, b, frame);
  if (!t) return;
  const { head, body, widths, lh } = t;
  const height = (r: Row) => rowHeight(t, r);
  const options = (look: TextLook, fill: string | null, tr: StructElement | null, kind: 'TH' | 'TD'): RowOptions =>
    ({ look, fill, tr, kind, left: frame.left, widths, lh });
  const draw = (r: Row, look: TextLook, fill: string | null, tr: StructElement | null, kind: 'TH' | 'TD') => drawRow(c, r, options(look, fill, tr, kind));

  const table = c.struct(parent, 'Table');
  // Never leave the header alone at the foot of a page: keep it with the first row.
  c.ensure(tableLead(c, b, frame));
  const headTr = c.struct(table, 'TR');
  draw(head, headLook, tableStyle.headerFill, headTr, 'TH');
  headTr.end();
  const previous = c.pageHook;
  c.pageHook = new RepeatedHeader(head, options(headLook, tableStyle.headerFill, null, 'TH'));
  try {
    for (const row of body) {
      const fresh = c.bottom - c.top - height(head);
      if (c.y + height(row) > c.bottom && height(row) <= fresh) c.newPage();
      const tr = c.struct(table, 'TR');
      draw(row, bodyLook, null, tr, 'TD');
      tr.end();
    }
  } finally {
    c.pageHook = previous;
  }
  table.end();
  c.y += paragraphs.body.spaceAfter;
}

/** On later pages the header is a visual repeat, not content: an artifact, so it is read once. */
class RepeatedHeader implements PageHook {
  constructor(
    private readonly head: Row,
    private readonly options: RowOptions,
  ) {}

  onNewPage(c: Canvas): void {
    c.artifact('Pagination', () => drawRow(c, this.head, this.options));
  }
}

interface RowOptions {
  look: TextLook;
  fill: string | null;
  /** The row's structure element; null draws an untagged artifact (a repeated header). */
  tr: StructElement | null;
  kind: 'TH' | 'TD';
  left: number;
  widths: number[];
  lh: number;
}

/** Draws a row, splitting it between lines when it is taller than what is left of the page. */
function drawRow(c: Canvas, row: Row, o: RowOptions): void {
  const cellEls =
    o.tr === null ? null : row.map(() => c.struct(o.tr!, o.kind, o.kind === 'TH' ? { scope: 'Column' } : {}));
  const total = Math.max(1, ...row.map((cell) => cell.length));
  let from = 0;
  while (from < total) {
    let fits = Math.floor((c.bottom - c.y - 2 * pad + 0.01) / o.lh);
    if (fits < 1) {
      c.newPage();
      fits = Math.floor((c.bottom - c.y - 2 * pad + 0.01) / o.lh);
    }
    const to = Math.min(total, from + Math.max(1, fits));
    drawSlice(c, row, cellEls, o, from, to);
    from = to;
  }
  cellEls?.forEach((el) => el.end());
}

function drawSlice(c: Canvas, row: Row, cellEls: StructElement[] | null, o: RowOptions, from: number, to: number): void {
  const h = (to - from) * o.lh + 2 * pad;
  const top = c.y;
  // Right to left, the first column is the rightmost.
  const xs = columnLefts(o.left, o.widths, c.rtl);
  const paint = () => {
    c.doc.save().lineWidth(BORDER_WIDTH).strokeColor(tableStyle.border);
    o.widths.forEach((w, i) => {
      if (o.fill) c.doc.rect(xs[i]!, top, w, h).fillAndStroke(o.fill, tableStyle.border);
      else c.doc.rect(xs[i]!, top, w, h).stroke();
    });
    c.doc.restore();
  };
  if (cellEls) c.artifact('Layout', paint);
  else paint();
  row.forEach((cell, i) => {
    const el = cellEls?.[i];
    cell.slice(from, to).forEach((line, k) => {
      drawLine(c, line, lineX(line, xs[i]! + pad, o.widths[i]! - 2 * pad, 'left', c.rtl), top + pad + k * o.lh, o.look, el ? { elem: el, tag: o.kind } : null);
    });
    c.endContent();
  });
  c.markUsed();
  c.y = top + h;
}

/** The left edge of each column, the first at the left (or, right to left, at the right). */
function columnLefts(left: number, widths: readonly number[], rtl: boolean): number[] {
  const xs: number[] = [];
  let x = left;
  for (const w of widths) {
    xs.push(x);
    x += w;
  }
  return rtl ? xs.map((_, i) => x - xs[i]! - widths[i]! + left) : xs;
}

/**
 * Widths like CSS automatic table layout: every column gets at least its longest word, and the
 * rest of the width goes to the columns in proportion to how much more their text wants. A
 * name/description/type table thus gives the description most of the page.
 */
function columnWidths(c: Canvas, header: Inline[][], rows: Inline[][][], width: number, headLook: TextLook, bodyLook: TextLook): number[] {
  const min = header.map(() => 0);
  const max = header.map(() => 0);
  const take = (cells: Inline[][], look: TextLook) =>
    cells.forEach((cell, i) => {
      const m = measureInlines(c, cell, look);
      min[i] = Math.max(min[i]!, m.min + 2 * pad);
      max[i] = Math.max(max[i]!, m.max + 2 * pad);
    });
  take(header, headLook);
  rows.forEach((r) => take(r, bodyLook));
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  const sMin = sum(min);
  const sMax = sum(max);
  if (sMax <= width) return max.map((m) => m + ((width - sMax) * m) / sMax);
  if (sMin >= width) return min.map((m) => (width * m) / sMin);
  return min.map((m, i) => m + ((max[i]! - m) * (width - sMin)) / (sMax - sMin));
}
