// The PDF file itself: pages and their content streams, Type0/CIDFontType2 fonts with subset
// TrueType files and ToUnicode maps, the structure tree (tagged PDF: MCIDs, parent tree, OBJR for
// link annotations), document info and XMP metadata, cross-reference table. Replaces pdfkit, whose
// import, per-document object machinery and fontkit subsetting were most of the PDF writer's time;
// the drawing calls keep pdfkit's names and write the same content-stream operators it wrote.
import { createHash } from 'node:crypto';
import { zlibDeflate } from './deflate.js';
import type { Image } from '../document.js';
import type { Face, ShapedRun } from './pdf-fonts.js';
import { imageXObject } from './pdf-image.js';
import type { TrueTypeFont } from './pdf-ttf.js';
import { glyphWidths, toUnicodeCmap } from './pdf-cmap.js';
import { xmlEscaper } from './xml.js';

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  /** The document's date (UTC midnight); the creation and modification dates, never the clock. */
  date: Date;
  /** BCP 47 language tag of the document. */
  lang: string;
}

/** A placed run of marked content: the page it is on and its MCID there. */
export interface StructContent {
  readonly page: Page;
  readonly mcid: number;
}

interface AnnotRef {
  readonly annot: number;
  readonly page: Page;
}

type StructKid = StructElement | StructContent | AnnotRef;

/**
 * Deflated font files and ToUnicode maps, per font, by what they hold. Letters of one batch mostly
 * draw the same glyphs, and deflating the font subsets was ~8% of a warm PDF. The bytes are the same
 * whether they come from here or are made anew, so output never depends on what was drafted
 * before. The last KEEP of each font are kept (a few KB each).
 */
const deflated = new WeakMap<object, Map<string, [string, Uint8Array]>>();
const KEEP = 32;
function once(font: object, key: string, make: () => [string, Uint8Array]): [string, Uint8Array] {
  let cache = deflated.get(font);
  if (!cache) deflated.set(font, (cache = new Map()));
  let hit = cache.get(key);
  if (hit) cache.delete(key);
  else {
    hit = make();
    if (cache.size >= KEEP) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, hit);
  return hit;
}

/** A structure element (P, H1, Table, Link, …); `end()` is kept for the callers' bracketing. */
export class StructElement {
  readonly kids: StructKid[] = [];
  parent: number;

  constructor(
    private readonly doc: PdfDocument,
    readonly num: number,
    readonly type: string,
    readonly attributes: string | undefined,
    /** Alternate description (a Figure's alt text). */
    readonly alt?: string,
  ) {
    this.parent = 0;
  }

  add(child: StructElement | StructContent): this {
    if (child instanceof StructElement) child.parent = this.num;
    else child.page.mcidOwners[child.mcid] = this.num;
    this.kids.push(child);
    return this;
  }

  /** Records a link annotation as this element's object reference (OBJR). */
  addAnnotation(annot: number, page: Page): void {
    this.kids.push({ annot, page });
    this.doc.parentTree.set(this.doc.nextStructParent++, `${this.num} 0 R`);
  }

  end(): void {}
}

export class Page {
  readonly content: string[] = [];
  readonly fonts = new Set<DocFont>();
  readonly annots: number[] = [];
  /** Image XObjects drawn on this page: resource name -> object number. */
  readonly xobjects = new Map<string, number>();
  /** Per MCID on this page: the object number of the structure element that owns it. */
  readonly mcidOwners: number[] = [];
  /** The page's key in the structure parent tree, given when it first gets marked content. */
  structParents: number | undefined;
  /** The fill colour in effect at the end of the content so far (black at the start), and the ones saved by q. */
  fill = '#000000';
  readonly saved: string[] = [];

  constructor(
    readonly num: number,
    readonly height: number,
  ) {}
}

/**
 * One face as used by one document. Its character ids are the TTF's glyph ids (CIDToGIDMap
 * Identity, and the subset keeps every glyph at its id), so a run's glyph string is the same in
 * every document and is made once per writer.
 */
export interface DocFont {
  readonly id: string;
  readonly ttf: TrueTypeFont;
  readonly num: number;
  /** 1000 / unitsPerEm. */
  readonly scale: number;
  /**
   * Character id -> the code point (or, for a shaped glyph, the text) it was first drawn for
   * (ToUnicode); its keys are the ids used. An id below the font's glyph count is that glyph.
   */
  readonly codePoints: Map<number, number | string>;
  /**
   * Ids past the glyph count, for a glyph drawn for other text too (Arabic letters that share one
   * dotless shape): `${glyph} ${text}` -> id, and id -> glyph for the CIDToGIDMap.
   */
  readonly cids: Map<string, number>;
  readonly glyphOf: Map<number, number>;
  /** The runs already registered (see GlyphPainter), with their ids in this document when shaped. */
  readonly runs: Map<ShapedRun, readonly number[] | undefined>;
}

/** PDF numbers as pdfkit writes them: rounded to six decimals. */
export const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** A PDF text string: ASCII as is, anything else UTF-16BE with a byte-order mark; escaped. */
export function pdfString(s: string): string {
  let body = s;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) {
    body = '\xfe\xff';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      body += String.fromCharCode(c >> 8, c & 0xff);
    }
  }
  return `(${escapeLiteral(body)})`;
}

/** The body of a PDF literal string: parentheses, backslash and the control characters readers would alter, escaped. */
export function escapeLiteral(body: string): string {
  return body.replace(/[\n\r\t\b\f()\\]/g, (c) => ESCAPES[c]!);
}
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };

/** Text for the XMP metadata: markup as numeric references, characters XML 1.0 cannot hold dropped. */
const xml = xmlEscaper(Object.fromEntries([...'<>&"\''].map((c) => [c, `&#${c.charCodeAt(0)};`])));

function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** Colours as pdfkit sets them: `/DeviceRGB cs` and the components in 0..1. */
const colorCache = new Map<string, string>();
function rgb(color: string): string {
  let c = colorCache.get(color);
  if (c === undefined) {
    const hex = parseInt(color.slice(1), 16);
    c = `${(hex >> 16) / 255} ${((hex >> 8) & 0xff) / 255} ${(hex & 0xff) / 255}`;
    colorCache.set(color, c);
  }
  return c;
}

export interface PdfDocumentOptions {
  width: number;
  height: number;
  info: PdfInfo;
  fonts: Readonly<Record<Face, TrueTypeFont>>;
}

/** A stream object: its dictionary (with `dict` in front) and its bytes, deflated. */
function deflatedStream(dict: string, data: Uint8Array): [string, Uint8Array] {
  const z = zlibDeflate(data);
  return [`<< ${dict}/Length ${z.length} /Filter /FlateDecode >>`, z];
}

/** A structure element's object, `parent` being the number of its parent. */
function structObject(el: StructElement, parent: number): string {
  let pg: Page | undefined;
  const kids: string[] = [];
  for (const k of el.kids) {
    if (k instanceof StructElement) kids.push(`${k.num} 0 R`);
    else if ('mcid' in k) {
      pg ??= k.page;
      kids.push(k.page === pg ? String(k.mcid) : `<< /Type /MCR /Pg ${k.page.num} 0 R /MCID ${k.mcid} >>`);
    } else kids.push(`<< /Type /OBJR /Obj ${k.annot} 0 R /Pg ${k.page.num} 0 R >>`);
  }
  return `<< /S /${el.type} /P ${parent} 0 R${pg ? ` /Pg ${pg.num} 0 R` : ''}${el.attributes ? ` /A ${el.attributes}` : ''}${el.alt !== undefined ? ` /Alt ${pdfString(el.alt)}` : ''} /K [${kids.join(' ')}] >>`;
}

/** The file ID from the document info (as pdfkit derives it), so the same letter gives the same bytes. */
function fileId(info: PdfInfo): string {
  return createHash('md5')
    .update(`${info.date.getTime()}\n${info.title}\n${info.author}\n${info.subject}\n${info.keywords}\n${info.creator}\n${info.lang}`)
    .digest('hex');
}

export class PdfDocument {
  /** Object bodies by number (index 0 unused): a dictionary, or a dictionary and its stream. */
  private readonly objects: (string | [string, Uint8Array] | null)[] = [null];
  private readonly pages: Page[] = [];
  page!: Page;
  private readonly fontsByFile = new Map<TrueTypeFont, DocFont>();
  private fontCount = 1;
  readonly parentTree = new Map<number, string>();
  nextStructParent = 0;
  private readonly structs: StructElement[] = [];
  private root: StructElement | null = null;
  private readonly catalog: number;
  private readonly pagesNum: number;

  constructor(private readonly options: PdfDocumentOptions) {
    this.catalog = this.alloc();
    this.pagesNum = this.alloc();
    this.addPage();
  }

  private alloc(): number {
    this.objects.push(null);
    return this.objects.length - 1;
  }

  addPage(): this {
    this.page = new Page(this.alloc(), this.options.height);
    this.pages.push(this.page);
    // pdfkit flips the y axis at the start of every page; the drawing code keeps its coordinates.
    this.page.content.push(`1 0 0 -1 0 ${num(this.options.height)} cm`);
    return this;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  switchToPage(i: number): void {
    const p = this.pages[i];
    if (!p) throw new Error(`pdf writer: no page ${i}`);
    this.page = p;
  }

  addContent(s: string): this {
    this.page.content.push(s);
    return this;
  }

  /** Sets the fill colour, unless it is the one in effect already (q/Q tracked). */
  fillColor(color: string): this {
    if (this.page.fill === color) return this;
    this.page.fill = color;
    return this.addContent(`/DeviceRGB cs\n${rgb(color)} scn`);
  }

  strokeColor(color: string): this {
    return this.addContent(`/DeviceRGB CS\n${rgb(color)} SCN`);
  }

  save(): this {
    this.page.saved.push(this.page.fill);
    return this.addContent('q');
  }

  restore(): this {
    this.page.fill = this.page.saved.pop() ?? '#000000';
    return this.addContent('Q');
  }

  lineWidth(w: number): this {
    return this.addContent(`${num(w)} w`);
  }

  moveTo(x: number, y: number): this {
    return this.addContent(`${num(x)} ${num(y)} m`);
  }

  lineTo(x: number, y: number): this {
    return this.addContent(`${num(x)} ${num(y)} l`);
  }

  rect(x: number, y: number, w: number, h: number): this {
    return this.addContent(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
  }

  stroke(): this {
    return this.addContent('S');
  }

  fillAndStroke(fill: string, stroke: string): this {
    this.fillColor(fill);
    this.strokeColor(stroke);
    return this.addContent('B');
  }

  /** Noto Sans regular: its ascent sets the baseline of every line (see GlyphPainter). */
  get baseFont(): TrueTypeFont {
    return this.options.fonts.regular;
  }

  /** The document's font for a font file, created on first use (F1 is always the regular Noto Sans face). */
  font(ttf: TrueTypeFont): DocFont {
    let f = this.fontsByFile.get(ttf);
    if (!f) {
      const id = ttf === this.options.fonts.regular ? 'F1' : `F${++this.fontCount}`;
      f = { id, ttf, num: this.alloc(), scale: 1000 / ttf.unitsPerEm, codePoints: new Map(), runs: new Map(), cids: new Map(), glyphOf: new Map() };
      this.fontsByFile.set(ttf, f);
    }
    return f;
  }

  // --- structure tree --------------------------------------------------------------------------

  /** `bbox` (x, y, w, h, top-left origin) gives a Figure its Layout BBox, as PDF/UA asks. */
  struct(type: string, options: { scope?: 'Column' | 'Row'; alt?: string; bbox?: [number, number, number, number] } = {}): StructElement {
    const b = options.bbox;
    const H = this.options.height;
    const attributes = options.scope ? `<< /O /Table /Scope /${options.scope} >>`
      : b ? `<< /O /Layout /BBox [${num(b[0])} ${num(H - b[1] - b[3])} ${num(b[0] + b[2])} ${num(H - b[1])}] >>` : undefined;
    const el = new StructElement(this, this.alloc(), type, attributes, options.alt);
    this.structs.push(el);
    return el;
  }

  /** Makes `el` the top of the structure tree (its one child of the StructTreeRoot). */
  addStructure(el: StructElement): void {
    this.root = el;
  }

  private structParents(page: Page): number {
    if (page.structParents === undefined) page.structParents = this.nextStructParent++;
    return page.structParents;
  }

  /** Opens marked content for a structure element: `/Tag <</MCID n>> BDC`. */
  markStructureContent(tag: string): StructContent {
    const page = this.page;
    this.structParents(page);
    const mcid = page.mcidOwners.length;
    page.mcidOwners.push(0);
    this.addContent(`/${tag} <<\n/MCID ${mcid}\n>> BDC`);
    return { page, mcid };
  }

  /** Opens an artifact (page furniture, outside the structure tree). */
  markArtifact(type: string): void {
    this.addContent(`/Artifact <<\n/Type /${type}\n>> BDC`);
  }

  endMarkedContent(): void {
    this.addContent('EMC');
  }

  /** A URI link annotation over (x, y, w, h) (top-left origin), joined to `parent` as an OBJR. */
  link(x: number, y: number, w: number, h: number, url: string, parent: StructElement, contents: string): void {
    const page = this.page;
    const n = this.alloc();
    const H = page.height;
    const uri = pdfString(url.replace(/[^\x00-\x7f]+/g, (s) => encodeURI(s)));
    const key = this.nextStructParent;
    parent.addAnnotation(n, page);
    this.objects[n] =
      `<< /Type /Annot /Subtype /Link /A << /S /URI /URI ${uri} >> /Contents ${pdfString(contents)} /StructParent ${key}` +
      ` /Rect [${num(x)} ${num(H - y - h)} ${num(x + w)} ${num(H - y)}] /Border [0 0 0] /F 4 >>`;
    page.annots.push(n);
  }

  // --- images ----------------------------------------------------------------------------------

  /** Image XObjects by the image they were made from: a picture drawn twice is embedded once. */
  private readonly images = new Map<Image, { name: string; num: number }>();

  /** Draws `img` in the box (x, y, w, h), top-left origin like the text. */
  drawImage(img: Image, x: number, y: number, w: number, h: number): void {
    let xo = this.images.get(img);
    if (!xo) {
      const parts = imageXObject(img);
      const num = this.alloc();
      let smask = '';
      if (parts.smask) {
        const m = this.alloc();
        this.objects[m] = [`<< ${parts.smask[0]} /Length ${parts.smask[1].length} >>`, parts.smask[1]];
        smask = ` /SMask ${m} 0 R`;
      }
      this.objects[num] = [`<< ${parts.image[0]}${smask} /Length ${parts.image[1].length} >>`, parts.image[1]];
      this.images.set(img, (xo = { name: `Im${this.images.size + 1}`, num }));
    }
    this.page.xobjects.set(xo.name, xo.num);
    // The page's y axis points down (see addPage); the image's unit square is flipped back upright.
    this.addContent(`q\n${num(w)} 0 0 ${num(-h)} ${num(x)} ${num(y + h)} cm\n/${xo.name} Do\nQ`);
  }

  // --- output -----------------------------------------------------------------------------------

  /**
   * The finished file. In steps of a few small methods rather than one long one: in a batch V8
   * recompiled a long end() up to 10 times (each time a letter met a case its optimized code had not
   * seen), ~70 ms of compiling each time on the other core.
   */
  end(): Uint8Array {
    this.endPages();
    for (const f of this.fontsByFile.values()) this.embedFont(f);
    const treeRoot = this.endStructTree();
    const infoNum = this.endInfo(treeRoot);
    return this.serialize(infoNum, fileId(this.options.info));
  }

  /** Each page's content stream and page object, and the page tree. */
  private endPages(): void {
    const { width, height } = this.options;
    for (const page of this.pages) {
      const content = this.alloc();
      this.objects[content] = deflatedStream('', Buffer.from(page.content.join('\n') + '\n', 'latin1'));
      const fonts = [...page.fonts].map((f) => `/${f.id} ${f.num} 0 R`).join(' ');
      this.objects[page.num] =
        `<< /Type /Page /Parent ${this.pagesNum} 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] /Contents ${content} 0 R` +
        ` /Resources << /ProcSet [/PDF /Text${page.xobjects.size ? ' /ImageB /ImageC /ImageI' : ''}] /Font << ${fonts} >>${xobjects(page)} >>` +
        (page.annots.length ? ` /Annots [${page.annots.map((a) => `${a} 0 R`).join(' ')}]` : '') +
        (page.structParents !== undefined ? ` /StructParents ${page.structParents} /Tabs /S` : '') +
        ' >>';
      if (page.structParents !== undefined) this.parentTree.set(page.structParents, `[${page.mcidOwners.map((o) => (o === 0 ? 'null' : `${o} 0 R`)).join(' ')}]`);
    }
    this.objects[this.pagesNum] = `<< /Type /Pages /Count ${this.pages.length} /Kids [${this.pages.map((p) => `${p.num} 0 R`).join(' ')}] >>`;
  }

  /** The structure elements and the StructTreeRoot with its parent tree; returns the root's number. */
  private endStructTree(): number {
    const treeRoot = this.alloc();
    for (const el of this.structs) {
      const parent = el === this.root ? treeRoot : el.parent;
      // An element never attached to the tree is left out of it, as pdfkit leaves it unwritten.
      if (parent !== 0) this.objects[el.num] = structObject(el, parent);
    }
    const keys = [...this.parentTree.keys()].sort((a, b) => a - b);
    const nums = keys.map((k) => `${k} ${this.parentTree.get(k)}`).join(' ');
    this.objects[treeRoot] =
      `<< /Type /StructTreeRoot /K [${this.root ? `${this.root.num} 0 R` : ''}] /ParentTree << /Nums [${nums}] >> /ParentTreeNextKey ${this.nextStructParent} >>`;
    return treeRoot;
  }

  /** The document info, the XMP metadata and the catalog; returns the info's number. */
  private endInfo(treeRoot: number): number {
    const { info } = this.options;
    const date = pdfDate(info.date);
    const infoNum = this.alloc();
    this.objects[infoNum] =
      `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Subject ${pdfString(info.subject)} /Keywords ${pdfString(info.keywords)}` +
      ` /Creator ${pdfString(info.creator)} /Producer ${pdfString(info.creator)} /CreationDate (${date}) /ModDate (${date}) >>`;
    const metadata = this.alloc();
    const xmp = Buffer.from(this.xmp(), 'utf8');
    this.objects[metadata] = [`<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>`, xmp];
    this.objects[this.catalog] =
      `<< /Type /Catalog /Pages ${this.pagesNum} 0 R /Lang ${pdfString(info.lang)} /MarkInfo << /Marked true >> /StructTreeRoot ${treeRoot} 0 R` +
      ` /Metadata ${metadata} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>`;
    return infoNum;
  }

  private serialize(infoNum: number, id: string): Uint8Array {
    const parts: Uint8Array[] = [];
    let offset = 0;
    let text = '%PDF-1.7\n%\xff\xff\xff\xff\n';
    const offsets: number[] = [];
    const flushText = () => {
      if (text === '') return;
      const b = Buffer.from(text, 'latin1');
      parts.push(b);
      offset += b.length;
      text = '';
    };
    for (let n = 1; n < this.objects.length; n++) {
      const body = this.objects[n];
      offsets.push(offset + text.length);
      if (body == null) {
        text += `${n} 0 obj\nnull\nendobj\n`;
      } else if (typeof body === 'string') {
        text += `${n} 0 obj\n${body}\nendobj\n`;
      } else {
        text += `${n} 0 obj\n${body[0]}\nstream\n`;
        flushText();
        parts.push(body[1]);
        offset += body[1].length;
        text += '\nendstream\nendobj\n';
      }
    }
    const xref = offset + text.length;
    text += `xref\n0 ${this.objects.length}\n0000000000 65535 f \n`;
    for (const o of offsets) text += `${String(o).padStart(10, '0')} 00000 n \n`;
    text += `trailer\n<< /Size ${this.objects.length} /Root ${this.catalog} 0 R /Info ${infoNum} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
    flushText();
    // A plain Uint8Array, not a Buffer: readers such as pdf.js refuse Buffers.
    const out = new Uint8Array(offset);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private embedFont(f: DocFont): void {
    const { ttf, scale } = f;
    const d = ttf.descriptor();
    const familyClass = d.familyClass >> 8;
    let flags = 1 << 2; // symbolic: the glyphs are addressed by CID, not a standard encoding
    if (d.fixedPitch) flags |= 1;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
    if (familyClass === 10) flags |= 1 << 3;
    if (ttf.italic) flags |= 1 << 6;
    // The subset tag pdfkit derives from the font id: F1 -> BZZZZZ, F2 -> CZZZZZ, …
    const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((f.id.charCodeAt(i) || 73) + 17)).join('');
    const name = `${tag}+${ttf.postscriptName.replaceAll(' ', '_')}`;
    const used = [...f.codePoints.keys()].sort((a, b) => a - b);
    const glyphs = f.glyphOf.size === 0 ? used : [...new Set(used.map((c) => f.glyphOf.get(c) ?? c))].sort((a, b) => a - b);
    const fileNum = this.alloc();
    this.objects[fileNum] = once(ttf, `font ${name} ${glyphs.join(',')}`, () => {
      const file = ttf.subset(glyphs);
      return deflatedStream(`/Length1 ${file.length} `, file);
    });
    const { bbox } = ttf;
    const descriptor = this.alloc();
    this.objects[descriptor] =
      `<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${num(bbox.minX * scale)} ${num(bbox.minY * scale)} ${num(bbox.maxX * scale)} ${num(bbox.maxY * scale)}]` +
      ` /ItalicAngle ${num(d.italicAngle)} /Ascent ${num(ttf.ascent * scale)} /Descent ${num(ttf.descent * scale)} /CapHeight ${num(d.capHeight * scale)}` +
      ` /XHeight ${num(d.xHeight * scale)} /StemV 0 /FontFile2 ${fileNum} 0 R >>`;
    const cid = this.alloc();
    this.objects[cid] =
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>` +
      ` /FontDescriptor ${descriptor} 0 R /W [${glyphWidths(ttf, used, scale, f.glyphOf)}] /CIDToGIDMap ${this.cidToGid(f)} >>`;
    const toUnicode = this.alloc();
    const cmap = toUnicodeCmap(used, f.codePoints);
    this.objects[toUnicode] = once(ttf, `cmap ${cmap}`, () => deflatedStream('', Buffer.from(cmap, 'latin1')));
    this.objects[f.num] = `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`;
  }

  /** /Identity, or a stream mapping each id to its glyph when some ids are past the glyph count. */
  private cidToGid(f: DocFont): string {
    if (f.glyphOf.size === 0) return '/Identity';
    const n = f.ttf.numGlyphs + f.glyphOf.size;
    const map = new Uint8Array(n * 2);
    for (let cid = 0; cid < n; cid++) {
      const g = f.glyphOf.get(cid) ?? (cid < f.ttf.numGlyphs ? cid : 0);
      map[cid * 2] = g >> 8;
      map[cid * 2 + 1] = g & 0xff;
    }
    const obj = this.alloc();
    this.objects[obj] = deflatedStream('', map);
    return `${obj} 0 R`;
  }

  private xmp(): string {
    const { info } = this.options;
    const iso = info.date.toISOString().split('.')[0] + 'Z';
    return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${iso}</xmp:CreateDate>
<xmp:ModifyDate>${iso}</xmp:ModifyDate>
<xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${xml(info.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${xml(info.creator)}</pdf:Producer>
<pdf:Keywords>${xml(info.keywords)}</pdf:Keywords>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  }
}

/** A page's image resources, or nothing for a page without images (the bytes of such pages stay as they were). */
function xobjects(page: Page): string {
  if (!page.xobjects.size) return '';
  return ` /XObject << ${[...page.xobjects].map(([name, n]) => `/${name} ${n} 0 R`).join(' ')} >>`;
}
