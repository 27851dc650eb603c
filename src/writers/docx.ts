// The DOCX writer: renders the Document model to Word bytes with named styles (docx-styles.ts) and
// normalises the zip (docx-normalise.ts) so the same Document always gives the same bytes.
import type * as Docx from 'docx';
import type { Block, Document, Inline } from '../document.js';
import * as look from './style.js';
import {
  BULLET_LIST,
  FOOTER_STYLE,
  LIST_STYLE,
  QUOTE_STYLE,
  TABLE_STYLE,
  TABLE_TEXT_STYLE,
  buildNumbering,
  buildSharedStyles,
  columnWidths,
  decimalList,
  listIndent,
  pageGeometry,
  roleStyleId,
  stylesFor,
  textWidth,
  twip,
} from './docx-styles.js';
import { normaliseDocx, partsCompiler, w3cdtfFromDate } from './docx-normalise.js';
import { createZipper } from './docx-zip.js';

export interface DocxWriter {
  extension: 'docx';
  write(doc: Document): Promise<Uint8Array>;
}


type DocxModule = typeof Docx;
type Child = Docx.Paragraph | Docx.Table;
type RunChild = Docx.ParagraphChild;

interface Marks {
  bold?: boolean;
  italics?: boolean;
  link?: boolean;
}
/**
 * Where a block sits: list depth (-1 outside lists), whether it is quoted, and whether it is the last
 * paragraph of an outermost list (which then gets the body's spacing after, not the list's).
 */
interface Place {
  level: number;
  quote: boolean;
  closing?: boolean;
}
/** Per-document state; never module-level, so a batch writes each letter as if it were alone. */
interface State {
  listInstance: number;
  breakBefore: boolean;
  afterTable: boolean;
}

export async function createDocxWriter(): Promise<DocxWriter> {
  // docx is about 20 ms to import, so it is loaded only when a DOCX is wanted.
  const docx = await import('docx');
  const shared = buildSharedStyles(docx);
  const numbering = buildNumbering(docx);
  const compile = partsCompiler(docx);
  const zip = createZipper();
  return {
    extension: 'docx',
    async write(doc) {
      const date = w3cdtfFromDate(doc.meta.date);
      return normaliseDocx(await compile(buildFile(docx, doc, shared, numbering)), date, zip);
    },
  };
}

function buildFile(
  docx: DocxModule,
  doc: Document,
  shared: ReturnType<typeof buildSharedStyles>,
  numbering: Docx.INumberingOptions,
): Docx.File {
  const { meta } = doc;
  const r = new Renderer(docx);
  return new docx.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    // docx writes "Un-named" unless told; the author is the only honest value.
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    // The model has no separate description; the subject is the letter's one-line summary.
    description: meta.subject,
    revision: 1,
    externalStyles: shared.externalStyles,
    styles: stylesFor(shared, meta.language),
    numbering,
    sections: [
      {
        properties: {
          page: {
            size: { width: pageGeometry.width, height: pageGeometry.height, orientation: docx.PageOrientation.PORTRAIT },
            margin: pageGeometry.margin,
          },
        },
        footers: { default: r.footer(meta.footer, meta.pageLabel) },
        children: r.document(doc.blocks),
      },
    ],
  });
}

class Renderer {
  private readonly state: State = { listInstance: 0, breakBefore: false, afterTable: false };
  constructor(private readonly docx: DocxModule) {}

  document(blocks: readonly Block[]): Child[] {
    const out = this.blocks(blocks, { level: -1, quote: false });
    // A page break at the very end still has to break: it needs a paragraph to live in.
    if (this.state.breakBefore) out.push(this.breakParagraph());
    return out;
  }

  footer(text: string | undefined, label: string): Docx.Footer {
    const { docx } = this;
    const children: RunChild[] = text ? [new docx.TextRun(text)] : [];
    const fields = label.split(/(\{page\}|\{pages\})/).filter((s) => s !== '');
    const parts = fields.map((s) =>
      s === '{page}' ? docx.PageNumber.CURRENT : s === '{pages}' ? docx.PageNumber.TOTAL_PAGES : s,
    );
    children.push(new docx.TextRun({ children: [new docx.Tab(), ...parts] }));
    return new docx.Footer({ children: [new docx.Paragraph({
          style: FOOTER_STYLE,
          // docx has no tab stops in style options; the page count sits at the right margin.
          tabStops: [{ type: docx.TabStopType.RIGHT, position: textWidth }],
          children,
        })] });
  }

  private blocks(blocks: readonly Block[], place: Place): Child[] {
    const last = blocks.length - 1;
    return blocks.flatMap((b, i) => this.block(b, i === last ? place : { ...place, closing: false }, blocks[i + 1]));
  }

  private block(b: Block, place: Place, next: Block | undefined): Child[] {
    const { docx } = this;
    switch (b.type) {
      case 'heading': {
        const heading = [docx.HeadingLevel.HEADING_1, docx.HeadingLevel.HEADING_2, docx.HeadingLevel.HEADING_3][b.level - 1];
        return [this.paragraph({ heading }, b.children, place)];
      }
      case 'paragraph': {
        const role = b.style ?? 'body';
        const style = place.quote ? QUOTE_STYLE : role === 'body' && place.level >= 0 ? LIST_STYLE : roleStyleId[role];
        const indent = this.indentIn(place);
        return [this.paragraph({ style, ...(indent ? { indent: { left: indent } } : {}), ...keepNext(b, next) }, b.children, place)];
      }
      case 'list':
        return this.list(b, place);
      case 'table':
        return this.table(b.header, b.rows);
      case 'quote':
        return this.blocks(b.children, { ...place, quote: true });
      case 'pageBreak':
        this.state.breakBefore = true;
        return [];
      default: {
        const never: never = b;
        throw new Error(`docx writer: unknown block ${JSON.stringify(never)}`);
      }
    }
  }

  /** Extra left indent for a paragraph that continues a list item or sits in a quote inside a list. */
  private indentIn(place: Place): number | undefined {
    if (place.level < 0) return undefined;
    return listIndent(place.level) + (place.quote ? twip(look.quote.indent) : 0);
  }

  private paragraph(options: Docx.IParagraphOptions, inlines: readonly Inline[], place: Place): Docx.Paragraph {
    const { breakBefore: pageBreakBefore, afterTable } = this.state;
    this.state.breakBefore = this.state.afterTable = false;
    const gap = twip(look.paragraphs.body.spaceAfter);
    // Word has no space below a table, so the text after one keeps its distance itself (a heading
    // already has more space before it); and a list ends with the body's spacing, not the list's.
    const before = afterTable && options.heading === undefined ? { before: gap } : {};
    const after = place.closing && place.level >= 0 ? { after: gap } : {};
    const spacing = before.before ?? after.after ? { spacing: { ...before, ...after } } : {};
    return new this.docx.Paragraph({ ...options, ...spacing, pageBreakBefore, children: this.inlines(inlines, {}) });
  }

  private breakParagraph(): Docx.Paragraph {
    this.state.breakBefore = false;
    return new this.docx.Paragraph({ children: [new this.docx.PageBreak()] });
  }

  private list(b: Extract<Block, { type: 'list' }>, place: Place): Child[] {
    const level = place.level + 1;
    const numbering = b.ordered
      ? { reference: decimalList(this.docx, b.start ?? 1), level, instance: ++this.state.listInstance }
      : { reference: BULLET_LIST, level };
    const closing = place.level < 0 || place.closing === true;
    const style = place.quote ? QUOTE_STYLE : LIST_STYLE;
    // The numbering's indent would replace the Quote style's, so a list in a quote adds it back.
    const indent = place.quote ? { indent: { left: listIndent(level) + twip(look.quote.indent), hanging: twip(look.list.indent) } } : {};
    return b.items.flatMap((item, i) => {
      const inner: Place = { level, quote: place.quote, closing: closing && i === b.items.length - 1 };
      const [first, ...rest] = item;
      // The first paragraph carries the number; an item that opens with something else gets an
      // empty numbered paragraph so the number is still there.
      if (first?.type === 'paragraph' || first?.type === 'heading') {
        const head = this.paragraph({ style, numbering, ...indent, ...keepNext(first, rest[0]) }, first.children, rest.length ? { ...inner, closing: false } : inner);
        return [head, ...this.blocks(rest, inner)];
      }
      return [this.paragraph({ style, numbering, ...indent }, [], { ...inner, closing: false }), ...this.blocks(item, inner)];
    });
  }

  private table(header: Inline[][], rows: Inline[][][]): Child[] {
    const { docx } = this;
    const out: Child[] = this.state.breakBefore ? [this.breakParagraph()] : [];
    const columns = Math.max(1, header.length, ...rows.map((r) => r.length));
    const widths = columnWidths([header, ...rows], columns);
    const row = (cells: Inline[][], isHeader: boolean): Docx.TableRow =>
      new docx.TableRow({
        tableHeader: isHeader,
        cantSplit: true,
        children: widths.map(
          (width, i) =>
            new docx.TableCell({
              width: { size: width, type: docx.WidthType.DXA },
              // keepNext in the header row keeps it on the page of the first data row.
              children: [new docx.Paragraph({ style: TABLE_TEXT_STYLE, ...(isHeader ? { keepNext: true } : {}), children: this.inlines(cells[i] ?? [], {}) })],
            }),
        ),
      });
    out.push(
      new docx.Table({
        style: TABLE_STYLE,
        width: { size: textWidth, type: docx.WidthType.DXA },
        columnWidths: widths,
        tableLook: { firstRow: true, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
        rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
      }),
    );
    this.state.afterTable = true;
    return out;
  }

  private inlines(nodes: readonly Inline[], marks: Marks): RunChild[] {
    return nodes.flatMap((n) => this.inline(n, marks));
  }

  private inline(n: Inline, marks: Marks): RunChild[] {
    const { docx } = this;
    switch (n.type) {
      case 'text':
        return textRuns(docx, n.value, marks);
      case 'strong':
        return this.inlines(n.children, { ...marks, bold: true });
      case 'emphasis':
        return this.inlines(n.children, { ...marks, italics: true });
      case 'link': {
        const runs = this.inlines(n.children, { ...marks, link: true });
        // Word does not allow a hyperlink inside a hyperlink; the inner one keeps only its look.
        return marks.link ? runs : [new docx.ExternalHyperlink({ link: n.url, children: runs })];
      }
      case 'break':
        return [new docx.TextRun({ ...runMarks(marks), break: 1 })];
      default: {
        const never: never = n;
        throw new Error(`docx writer: unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
}

/**
 * Keep-with-next as direct formatting where the style does not already say it: a paragraph that
 * introduces a table, or the last one before the closing (style.ts keepsWithNext).
 */
function keepNext(b: Block, next: Block | undefined): { keepNext?: true } {
  const own = b.type === 'paragraph' && look.paragraphs[b.style ?? 'body'].keepWithNext === true;
  return !own && look.keepsWithNext(b, next) ? { keepNext: true } : {};
}

function runMarks(marks: Marks): Docx.IRunOptions {
  return {
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.link ? { style: 'Hyperlink' } : {}),
  };
}

/** A newline inside a text value is a line break in the letter, never a space Word invents. */
function textRuns(docx: DocxModule, value: string, marks: Marks): Docx.TextRun[] {
  const lines = value.split(/\r\n|\n|\r/);
  return lines.map((text, i) => new docx.TextRun({ ...runMarks(marks), text, ...(i > 0 ? { break: 1 } : {}) }));
}
