// The PDF writer's drawing surface: one PDF document (pdf-doc.ts), the vertical cursor, page breaks and the
// bookkeeping of tagged (marked) content, so block code never talks to the marking API itself.
import type { PdfDocument, StructContent, StructElement } from './pdf-doc.js';
import type { FontSet, ShapedRun } from './pdf-fonts.js';
import { GlyphPainter } from './pdf-glyphs.js';
import { font as fontStyle, page } from './style.js';

export type { StructElement };

/** A horizontal slot to lay text into. */
export interface Frame {
  left: number;
  width: number;
}

/**
 * What runs after every page break: a table repeating its header row. An object the table makes,
 * not a closure: with renderTable's closure stored here while the table was drawn
 * (`c.onNewPage = () => ...`, reset afterwards), V8's minor GCs kept each letter's page content and
 * layout alive after the letter (a full GC freed them), so ~0.4 MB a letter was promoted to the old
 * generation. We did not find which V8 reference kept them; an object holding the table's data, as
 * here, measured clean. 300 letters on one thread (--trace-gc-nvp): 127 MB promoted, 395 ms of
 * minor GC and 7 full GCs before; 17 MB, 123 ms and 2 after.
 */
export interface PageHook {
  onNewPage(c: Canvas): void;
}

export class Canvas {
  /** Top of the next thing to draw, in points from the top of the page. */
  y = page.margin.top;
  readonly top = page.margin.top;
  readonly bottom = page.height - page.margin.bottom;
  /** The open marked-content sequence, if any: the element it belongs to and its tag. */
  private open: { elem: StructElement; tag: string; content: StructContent } | null = null;
  private pageHasContent = false;
  /** Run after every page break (see PageHook). */
  pageHook: PageHook | null = null;
  /** Layouts by the node they were made for: keeping blocks together measures what follows before drawing it. */
  private readonly layouts = new WeakMap<object, { key: string; value: unknown }>();

  private readonly painter: GlyphPainter;

  constructor(
    readonly doc: PdfDocument,
    readonly fonts: FontSet,
    /** The letter is in a right-to-left language: paragraphs start at the right, tables run right to left. */
    readonly rtl = false,
  ) {
    this.painter = new GlyphPainter(doc);
  }

  /** Draws `runs` (of one font) side by side from `x`, the top of the line box at `y`, at `size` in `color`. */
  text(size: number, color: string, x: number, y: number, runs: readonly ShapedRun[]): void {
    this.doc.fillColor(color);
    this.painter.show(size, x, y, runs);
  }

  /** Height of one line of text at `size`: the font's ascent-to-descent box plus the style's gap. */
  lineHeight(size: number): number {
    const f = this.fonts.fonts.regular;
    return ((f.ascent - f.descent) / f.unitsPerEm) * size + fontStyle.lineGap * (size / fontStyle.size);
  }

  /** Distance from the top of a line box to its baseline. */
  ascent(size: number): number {
    const f = this.fonts.fonts.regular;
    return (f.ascent / f.unitsPerEm) * size;
  }

  /** `make()` once per node and key (e.g. the width laid out into); the same node drawn again reuses it. */
  memo<T>(node: object, key: string, make: () => T): T {
    const hit = this.layouts.get(node);
    if (hit?.key === key) return hit.value as T;
    const value = make();
    this.layouts.set(node, { key, value });
    return value;
  }

  get atPageTop(): boolean {
    return !this.pageHasContent;
  }

  /** Notes that something was drawn on the current page (a pageBreak on an empty page is skipped). */
  markUsed(): void {
    this.pageHasContent = true;
  }

  /** Starts a new page when `height` does not fit below the cursor (and the page is not empty). */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 0.01 && this.pageHasContent) this.newPage();
  }

  newPage(): void {
    // Close the open marked content on this page and reopen it on the next, so a paragraph that
    // runs over a page break stays one structure element with a piece on each page.
    const reopen = this.open;
    this.endContent();
    this.doc.addPage();
    this.y = this.top;
    this.pageHasContent = false;
    this.pageHook?.onNewPage(this);
    if (reopen) this.beginContent(reopen.elem, reopen.tag);
  }

  /** A new structure element under `parent`; call `end()` on it when its content is drawn. */
  struct(parent: StructElement, type: string, options?: { scope?: 'Column' | 'Row'; alt?: string; bbox?: [number, number, number, number] }): StructElement {
    const el = this.doc.struct(type, options);
    parent.add(el);
    return el;
  }

  /** Opens marked content for `elem`; text drawn until endContent() belongs to it. */
  beginContent(elem: StructElement, tag: string): void {
    if (this.open?.elem === elem) return;
    this.endContent();
    this.open = { elem, tag, content: this.doc.markStructureContent(tag) };
  }

  endContent(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    this.doc.endMarkedContent();
    open.elem.add(open.content);
  }

  /** Draws page furniture (borders, fills, repeated headers, footers) outside the structure tree. */
  artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
    const reopen = this.open;
    this.endContent();
    this.doc.markArtifact(type);
    draw();
    this.doc.endMarkedContent();
    if (reopen) this.beginContent(reopen.elem, reopen.tag);
  }
}
