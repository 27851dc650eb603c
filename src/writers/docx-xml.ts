// The parts of a .docx that differ between letters, written as WordprocessingML text straight from
// the Document: the body, the footer, the list instances, the links' relationships and the document
// properties. The markup is what docx 9.15.2 wrote for the same options, element for element and in
// the same order, so letters kept their bytes when docx stopped building them (checked on the examples).
import { linkAllowed, type Block, type DocumentMeta, type Inline } from '../document.js';
import * as look from './style.js';
import {
  FOOTER_STYLE,
  LIST_STYLE,
  QUOTE_STYLE,
  TABLE_STYLE,
  TABLE_TEXT_STYLE,
  columnWidths,
  listIndent,
  roleStyleId,
  textWidth,
  twip,
} from './docx-styles.js';
import { keepNext, pullBeforeSignature } from './docx-keeps.js';
import { Media, mediaRel, pictureRun, signatureTable } from './docx-pictures.js';
import type { Template } from './docx-template.js';
import { xmlEscaper } from './xml.js';

const MARKUP = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Character data: markup escaped, characters XML 1.0 does not allow dropped. */
export const escapeText = xmlEscaper(MARKUP);
/** An attribute value in double quotes: tab and line ends escaped too, which a parser would otherwise turn into spaces. */
export const escapeAttr = xmlEscaper({ ...MARKUP, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' });

const t = (s: string): string => `<w:t xml:space="preserve">${escapeText(s)}</w:t>`;

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
/** A list's numbering: a bullet list, or one ordered list (each is its own instance and restarts). */
interface ListRef {
  key: string;
  ordered: boolean;
  start: number;
}
interface ParagraphProps {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  numbering?: { list: ListRef; level: number };
  indent?: { left: number; hanging?: number };
}

const BULLETS: ListRef = { key: 'bullet', ordered: false, start: 1 };

/**
 * The numbering instances (w:num) a letter uses, numbered in order of first use after docx's default
 * (numId 1), and a definition of its own (w:abstractNum) for each start number other than 1.
 */
class Numbering {
  private readonly ids = new Map<string, number>();
  private readonly nums: string[] = [];
  private readonly starts = new Map<number, number>();
  private readonly abstracts: string[] = [];
  constructor(private readonly template: Template) {}

  numId(list: ListRef): number {
    let id = this.ids.get(list.key);
    if (id !== undefined) return id;
    this.ids.set(list.key, (id = this.ids.size + 2));
    const abstract = list.ordered ? this.decimal(list.start) : this.template.bulletAbstractId;
    let overrides = '';
    for (let level = 0; level < 9; level++) overrides += `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${list.start}"/></w:lvlOverride>`;
    this.nums.push(`<w:num w:numId="${id}"><w:abstractNumId w:val="${abstract}"/>${overrides}</w:num>`);
    return id;
  }

  private decimal(start: number): number {
    if (start === 1) return this.template.decimalAbstractId;
    let id = this.starts.get(start);
    if (id === undefined) {
      this.starts.set(start, (id = this.template.nextAbstractId + this.starts.size));
      this.abstracts.push(
        this.template.decimalAbstractNum
          .replace(/w:abstractNumId="\d+"/, `w:abstractNumId="${id}"`)
          .replaceAll('<w:start w:val="1"/>', `<w:start w:val="${start}"/>`),
      );
    }
    return id;
  }

  xml(): string {
    const { numberingHead, abstractNums, defaultNum } = this.template;
    return `${numberingHead}${abstractNums}${this.abstracts.join('')}${defaultNum}${this.nums.join('')}</w:numbering>`;
  }
}

export interface Letter {
  document: string;
  numbering: string;
  relationships: string;
  /** The pictures, as parts of the package (word/media/…). */
  media: { name: string; bytes: Uint8Array }[];
}

/** word/document.xml, word/numbering.xml and word/_rels/document.xml.rels for a letter's blocks. */
export function letterParts(blocks: readonly Block[], template: Template, rtl = false): Letter {
  const body = new Body(template, rtl);
  body.document(blocks);
  const links = body.links;
  // docx numbered the font table after the links, and the links (random ids, renumbered) after that.
  const fontTable = template.fontTableId + links.length;
  let rels = template.relsHead;
  links.forEach(({ slot, url, empty }, k) => {
    const { target, anchor } = linkTarget(url);
    const id = fontTable + 1 + k;
    body.out[slot] = `<w:hyperlink w:history="1"${anchor === undefined ? '' : ` w:anchor="${escapeAttr(anchor)}"`} r:id="rId${id}"${empty ? '/>' : '>'}`;
    rels += `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${escapeAttr(target)}" TargetMode="External"/>`;
  });
  // Pictures come after the links; their ids are known only now, so the markup holds placeholders.
  const mediaId = (i: number) => fontTable + links.length + i;
  body.media.parts.forEach(({ name }, k) => {
    rels += `<Relationship Id="rId${mediaId(k + 1)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${name.slice('word/'.length)}"/>`;
  });
  let document = template.documentHead + body.out.join('') + template.documentTail;
  if (body.media.parts.length) document = document.replace(/\u0000media(\d+)\u0000/g, (_, i: string) => `rId${mediaId(Number(i))}`);
  return {
    document,
    numbering: body.numbering.xml(),
    relationships: rels + template.fontTableRel.join(String(fontTable)),
    media: body.media.parts.map((m) => ({ name: m.name, bytes: m.image.bytes })),
  };
}

/**
 * A URL's fragment goes in the hyperlink's w:anchor, as Word writes it, when it is at most 255
 * characters (Word's limit); the relationship has the rest (MS-OI29500 §17.16.22).
 */
function linkTarget(url: string): { target: string; anchor?: string } {
  const hash = url.indexOf('#');
  const length = url.length - hash - 1;
  return hash > 0 && length > 0 && length <= 255 ? { target: url.slice(0, hash), anchor: url.slice(hash + 1) } : { target: url };
}

/** The letter's body as markup, in document order; a link's start tag is filled in once all links are known. */
class Body {
  readonly out: string[] = [];
  readonly links: { slot: number; url: string; empty: boolean }[] = [];
  readonly numbering: Numbering;
  readonly media = new Media();
  private pictures = 0;
  /** Paragraphs that go with the signature block (see pullBeforeSignature). */
  private pulled = new Set<Block>();
  private lists = 0;
  private breakBefore = false;
  private afterTable = false;
  /** A right-to-left letter: every paragraph w:bidi, every table w:bidiVisual. */
  constructor(
    template: Template,
    private readonly rtl = false,
  ) {
    this.numbering = new Numbering(template);
  }

  document(blocks: readonly Block[]): void {
    this.pulled = pullBeforeSignature(blocks);
    this.blocks(blocks, { level: -1, quote: false });
    // A page break at the very end still has to break: it needs a paragraph to live in.
    if (this.breakBefore) this.breakParagraph();
  }

  private blocks(blocks: readonly Block[], place: Place): void {
    const last = blocks.length - 1;
    blocks.forEach((b, i) => this.block(b, i === last ? place : { ...place, closing: false }, blocks[i + 1]));
  }

  private block(b: Block, place: Place, next: Block | undefined): void {
    switch (b.type) {
      case 'heading':
        return this.paragraph({ style: `Heading${b.level}` }, b.children, place, true);
      case 'paragraph': {
        const role = b.style ?? 'body';
        const style = place.quote ? QUOTE_STYLE : role === 'body' && place.level >= 0 ? LIST_STYLE : roleStyleId[role];
        const left = this.indentIn(place);
        return this.paragraph({ style, ...(left ? { indent: { left } } : {}), ...this.keeps(b, next) }, b.children, place);
      }
      case 'list':
        return this.list(b, place);
      case 'table':
        return this.table(b.header, b.rows);
      case 'quote':
        return this.blocks(b.children, { ...place, quote: true });
      case 'pageBreak':
        this.breakBefore = true;
        return;
      case 'image': {
        const width = Math.min(b.width, textWidth / 20);
        const run = pictureRun(this.media, b.image, width, (width * b.image.height) / b.image.width, ++this.pictures);
        const jc = b.align === 'left' ? '' : `<w:jc w:val="${b.align}"/>`;
        this.out.push(`<w:p><w:pPr><w:keepNext/><w:spacing w:after="${twip(look.signatures.imageSpaceAfter)}"/>${jc}</w:pPr>${run}</w:p>`);
        return;
      }
      case 'signatures':
        if (this.breakBefore) this.breakParagraph();
        this.out.push(signatureTable(b.signers, this.media, () => ++this.pictures, look.keepsWithNext(b, next)));
        this.afterTable = true;
        return;
      default: {
        const never: never = b;
        throw new Error(`docx writer: unknown block ${JSON.stringify(never)}`);
      }
    }
  }

  /** A paragraph's keeps: with the signatures when pulled, else as style.ts says. */
  private keeps(b: Block, next: Block | undefined): { keepNext?: true; keepLines?: true } {
    return this.pulled.has(b) ? { keepNext: true, keepLines: true } : keepNext(b, next);
  }

  /** Extra left indent for a paragraph that continues a list item or sits in a quote inside a list. */
  private indentIn(place: Place): number | undefined {
    if (place.level < 0) return undefined;
    return listIndent(place.level) + (place.quote ? twip(look.quote.indent) : 0);
  }

  private paragraph(p: ParagraphProps, inlines: readonly Inline[], place: Place, heading = false): void {
    const { breakBefore, afterTable } = this;
    this.breakBefore = this.afterTable = false;
    const gap = twip(look.paragraphs.body.spaceAfter);
    // Word has no space below a table, so the text after one keeps its distance itself (a heading
    // already has more space before it); and a list ends with the body's spacing, not the list's.
    const before = afterTable && !heading ? gap : undefined;
    const after = place.closing && place.level >= 0 ? gap : undefined;
    // Element order is the schema's (CT_PPr): style, keepNext, pageBreakBefore, numPr, spacing, ind.
    let pPr = p.style ? `<w:pStyle w:val="${p.style}"/>` : '';
    if (p.keepNext) pPr += '<w:keepNext/>';
    if (p.keepLines) pPr += '<w:keepLines/>';
    if (breakBefore) pPr += '<w:pageBreakBefore/>';
    if (p.numbering) {
      pPr += `<w:numPr><w:ilvl w:val="${p.numbering.level}"/><w:numId w:val="${this.numbering.numId(p.numbering.list)}"/></w:numPr>`;
    }
    if (this.rtl) pPr += '<w:bidi/>';
    if (before !== undefined || after !== undefined) {
      pPr += `<w:spacing${after === undefined ? '' : ` w:after="${after}"`}${before === undefined ? '' : ` w:before="${before}"`}/>`;
    }
    if (p.indent) pPr += `<w:ind w:left="${p.indent.left}"${p.indent.hanging === undefined ? '' : ` w:hanging="${p.indent.hanging}"`}/>`;
    this.open(pPr, inlines);
  }

  /** A w:p with these properties and runs; an empty one is `<w:p/>`. */
  private open(pPr: string, inlines: readonly Inline[]): void {
    if (!pPr && inlines.length === 0) {
      this.out.push('<w:p/>');
      return;
    }
    this.out.push(pPr ? `<w:p><w:pPr>${pPr}</w:pPr>` : '<w:p>');
    this.inlines(inlines, {});
    this.out.push('</w:p>');
  }

  private breakParagraph(): void {
    this.breakBefore = false;
    this.out.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
  }

  private list(b: Extract<Block, { type: 'list' }>, place: Place): void {
    const level = place.level + 1;
    const list: ListRef = b.ordered ? { key: `ordered-${++this.lists}`, ordered: true, start: b.start ?? 1 } : BULLETS;
    const numbering = { list, level };
    const closing = place.level < 0 || place.closing === true;
    const style = place.quote ? QUOTE_STYLE : LIST_STYLE;
    // The numbering's indent would replace the Quote style's, so a list in a quote adds it back.
    const indent = place.quote ? { indent: { left: listIndent(level) + twip(look.quote.indent), hanging: twip(look.list.indent) } } : {};
    b.items.forEach((item, i) => {
      const inner: Place = { level, quote: place.quote, closing: closing && i === b.items.length - 1 };
      const [first, ...rest] = item;
      // The first paragraph carries the number; an item that opens with something else gets an
      // empty numbered paragraph so the number is still there.
      // The first item keeps with the second, the one before last with the last: never one alone.
      const edge = b.items.length > 1 && (i === 0 || i === b.items.length - 2) ? { keepNext: true } : {};
      if (first?.type === 'paragraph' || first?.type === 'heading') {
        this.paragraph({ style, numbering, ...indent, ...edge, ...this.keeps(first, rest[0]) }, first.children, rest.length ? { ...inner, closing: false } : inner);
        this.blocks(rest, inner);
      } else {
        this.paragraph({ style, numbering, ...indent }, [], { ...inner, closing: false });
        this.blocks(item, inner);
      }
    });
  }

  private table(header: Inline[][], rows: Inline[][][]): void {
    if (this.breakBefore) this.breakParagraph();
    const columns = Math.max(1, header.length, ...rows.map((r) => r.length));
    const widths = columnWidths([header, ...rows], columns);
    const { out } = this;
    out.push(
      `<w:tbl><w:tblPr><w:tblStyle w:val="${TABLE_STYLE}"/>${this.rtl ? '<w:bidiVisual/>' : ''}<w:tblW w:type="dxa" w:w="${textWidth}"/>` +
        '<w:tblLook w:firstRow="true" w:lastRow="false" w:firstColumn="false" w:lastColumn="false" w:noHBand="true" w:noVBand="true"/></w:tblPr>' +
        `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    );
    const row = (cells: Inline[][], isHeader: boolean): void => {
      // A repeating header row, kept on the page of the first data row (keepNext).
      out.push(`<w:tr><w:trPr><w:cantSplit/>${isHeader ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`);
      widths.forEach((width, i) => {
        out.push(`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/></w:tcPr>`);
        this.open(`<w:pStyle w:val="${TABLE_TEXT_STYLE}"/>${isHeader ? '<w:keepNext/>' : ''}${this.rtl ? '<w:bidi/>' : ''}`, cells[i] ?? []);
        out.push('</w:tc>');
      });
      out.push('</w:tr>');
    };
    row(header, true);
    for (const cells of rows) row(cells, false);
    out.push('</w:tbl>');
    this.afterTable = true;
  }

  private inlines(nodes: readonly Inline[], marks: Marks): void {
    for (const n of nodes) this.inline(n, marks);
  }

  private inline(n: Inline, marks: Marks): void {
    switch (n.type) {
      case 'text': {
        // A newline inside a text value is a line break in the letter, never a space Word invents.
        // Right-to-left text is a right-to-left run (w:rtl), so Word orders and shapes it as such.
        const rPr = runProperties(RTL_TEXT.test(n.value) ? { ...marks, rtl: true } : marks);
        n.value.split(/\r\n|\n|\r/).forEach((line, i) => this.out.push(`<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}${t(line)}</w:r>`));
        return;
      }
      case 'strong':
        return this.inlines(n.children, { ...marks, bold: true });
      case 'emphasis':
        return this.inlines(n.children, { ...marks, italics: true });
      case 'link': {
        // Word does not allow a hyperlink inside a hyperlink; the inner one keeps only its look.
        if (marks.link || !linkAllowed(n.url)) return this.inlines(n.children, marks);
        // The start tag needs the link's relationship id, known once every link is: letterParts fills it in.
        const link = { slot: this.out.length, url: n.url, empty: false };
        this.links.push(link);
        this.out.push('');
        this.inlines(n.children, { ...marks, link: true });
        if (this.out.length === link.slot + 1) link.empty = true;
        else this.out.push('</w:hyperlink>');
        return;
      }
      case 'break':
        this.out.push(`<w:r>${runProperties(marks)}<w:br/></w:r>`);
        return;
      default: {
        const never: never = n;
        throw new Error(`docx writer: unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Hebrew, Arabic, Syriac, Thaana, NKo and the Arabic presentation forms. */
const RTL_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

function runProperties(marks: Marks & { rtl?: boolean }): string {
  if (!marks.bold && !marks.italics && !marks.link && !marks.rtl) return '';
  // CT_RPr order: rStyle, b, bCs, i, iCs, …, rtl.
  return `<w:rPr>${marks.link ? '<w:rStyle w:val="Hyperlink"/>' : ''}${marks.bold ? '<w:b/><w:bCs/>' : ''}${marks.italics ? '<w:i/><w:iCs/>' : ''}${marks.rtl ? '<w:rtl/>' : ''}</w:rPr>`;
}

const field = (instruction: string): string =>
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
  `<w:r><w:instrText xml:space="preserve">${instruction}</w:instrText></w:r>` +
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';

/**
 * word/footer1.xml: the letter's footer text, then at the right margin the page label with PAGE and
 * NUMPAGES fields ("Page {page} of {pages}").
 */
export function footerPart(text: string | undefined, label: string, template: Template, rtl = false): string {
  let runs = text ? `<w:r>${t(text)}</w:r>` : '';
  const pieces = label.split(/(\{page\}|\{pages\})/).filter((s) => s !== '');
  // The tab and any text before the first field share a run; every field part is a run of its own.
  let open = true;
  runs += '<w:r><w:tab/>';
  for (const piece of pieces) {
    if (piece === '{page}' || piece === '{pages}') {
      if (open) runs += '</w:r>';
      open = false;
      runs += field(piece === '{page}' ? 'PAGE' : 'NUMPAGES');
    } else {
      runs += open ? t(piece) : `<w:r>${t(piece)}</w:r>`;
    }
  }
  if (open) runs += '</w:r>';
  return (
    `${template.footerHead}<w:p><w:pPr><w:pStyle w:val="${FOOTER_STYLE}"/>` +
    // Right to left (w:bidi) the tab stop counts from the right margin: the label goes to the left.
    `<w:tabs><w:tab w:val="right" w:pos="${textWidth}"/></w:tabs>${rtl ? '<w:bidi/>' : ''}</w:pPr>${runs}</w:p></w:ftr>`
  );
}

/** `2027-03-01` → `2027-03-01T00:00:00Z`, the W3CDTF form core.xml uses; never the clock. */
export function w3cdtfFromDate(date: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date)) {
    throw new Error(`docx writer: meta.date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return `${date}T00:00:00Z`;
}

/** docProps/core.xml: title, subject, author, keywords and the letter's date (W3CDTF) for created and modified. */
export function corePart(meta: DocumentMeta, date: string): string {
  const el = (name: string, value: string): string => (value ? `<${name}>${escapeText(value)}</${name}>` : '');
  const stamp = (name: string): string => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${date}</dcterms:${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties ' +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', meta.title) +
    el('dc:subject', meta.subject) +
    el('dc:creator', meta.author) +
    el('cp:keywords', meta.keywords.join(', ')) +
    // The model has no separate description; the subject is the letter's one-line summary.
    el('dc:description', meta.subject) +
    // The author is the only honest last editor (docx wrote "Un-named" unless told).
    el('cp:lastModifiedBy', meta.author) +
    '<cp:revision>1</cp:revision>' +
    stamp('created') +
    stamp('modified') +
    '</cp:coreProperties>'
  );
}
