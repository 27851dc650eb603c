// The parts of a .docx that are the same in every letter (styles, numbering definitions, settings,
// font table, theme, relationships, content types), made by the docx library from an empty document
// and cut at the places where a letter's own content goes; docx-xml.ts writes the rest straight
// from the Document. `npm run build` saves the template to dist/docx-template.json
// (scripts/build-docx-template.mjs), so a run does not load docx at all (~130 ms of CPU cold);
// without that file, or with one made from other styles, it is made here once per process.
import { existsSync, readFileSync } from 'node:fs';
import type * as Docx from 'docx';
import { buildNumbering, buildSharedStyles, pageGeometry, stylesFor } from './docx-styles.js';
import type { Deflated } from './docx-zip.js';
import * as look from './style.js';

/** The stand-in language the template is made with, found again in styles.xml and cut out there. */
const LANGUAGE = 'x-oedr-language';

export interface Template {
  /** Every part name in the order docx zips them. */
  order: string[];
  /** The parts that never change, by name. */
  fixed: Record<string, string>;
  /** word/document.xml up to and including `<w:body>`, and from `<w:sectPr` (which has the footer reference) on. */
  documentHead: string;
  documentTail: string;
  /** word/styles.xml before and after the document language's value. */
  stylesHead: string;
  stylesTail: string;
  /** word/footer1.xml up to its root element's start tag. */
  footerHead: string;
  /** word/numbering.xml: up to the first abstractNum, the shared abstractNums, the decimal one, the default w:num. */
  numberingHead: string;
  abstractNums: string;
  decimalAbstractNum: string;
  defaultNum: string;
  bulletAbstractId: number;
  decimalAbstractId: number;
  /** The next free abstractNum id, for lists that start at another number than 1. */
  nextAbstractId: number;
  /** word/_rels/document.xml.rels before the font table's relationship, which comes after the links. */
  relsHead: string;
  /** The font table's relationship and the end of the part, before and after its number. */
  fontTableRel: [string, string];
  /** The font table's relationship id in a letter without links. */
  fontTableId: number;
  /** The fixed parts deflated at build time (dist/docx-template.json), so a first letter need not. */
  deflated?: Record<string, Deflated>;
}

/** dist/docx-template.json: the template, the styles it was made from, its fixed parts deflated (base64). */
export interface SavedTemplate {
  key: string;
  template: Template;
  deflated: Record<string, { crc: number; size: number; data: string }>;
}

export const FOOTER_PART = 'word/footer1.xml';

const SAVED = new URL('../../dist/docx-template.json', import.meta.url);

/**
 * The style sheet the template was made from: a saved template made from other styles is not used.
 * (docx-styles.ts and docx itself change dist/ only with a rebuild, which saves a new template.)
 */
export const templateKey = (): string =>
  JSON.stringify(['widowControl, fallback font', look.colors, look.page, look.font, look.headings, look.paragraphs, look.table, look.quote, look.list, look.link]);

let made: Promise<Template> | undefined;

/** The template: the one `npm run build` saved, or made on first use (docx loads only then). */
export function docxTemplate(): Promise<Template> {
  return (made ??= savedTemplate() ?? import('docx').then(makeTemplate));
}

function savedTemplate(): Promise<Template> | undefined {
  if (!existsSync(SAVED)) return undefined;
  let saved: SavedTemplate;
  try {
    saved = JSON.parse(readFileSync(SAVED, 'utf8')) as SavedTemplate;
  } catch {
    return undefined;
  }
  if (saved.key !== templateKey()) return undefined;
  const deflated: Record<string, Deflated> = {};
  for (const [name, d] of Object.entries(saved.deflated)) deflated[name] = { ...d, data: Buffer.from(d.data, 'base64') };
  return Promise.resolve({ ...saved.template, deflated });
}

export async function makeTemplate(docx: typeof Docx): Promise<Template> {
  const shared = buildSharedStyles(docx);
  const file = new docx.Document({
    externalStyles: shared.externalStyles,
    styles: stylesFor(shared, LANGUAGE),
    numbering: buildNumbering(docx),
    sections: [
      {
        properties: {
          page: {
            size: { width: pageGeometry.width, height: pageGeometry.height, orientation: docx.PageOrientation.PORTRAIT },
            margin: pageGeometry.margin,
          },
        },
        footers: { default: new docx.Footer({ children: [new docx.Paragraph({})] }) },
        children: [],
      },
    ],
  });
  const parts = await partsCompiler(docx)(file);
  for (const [name, data] of parts) {
    // docx gives links random relationship ids; the template has none, and must not.
    if (typeof data === 'string' && /\bId="(?!rId\d+")/.test(data)) throw new Error(`docx writer: unexpected relationship id in ${name}`);
  }
  const text = (name: string): string => {
    const t = parts.get(name);
    if (typeof t !== 'string') throw new Error(`docx writer: docx wrote no ${name}`);
    return t;
  };
  const cut = (s: string, re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(s);
    if (!m) throw new Error(`docx writer: unexpected ${what} from docx`);
    return m;
  };

  const document = cut(text('word/document.xml'), /^([^]*<w:body>)(<w:p\/>)?(<w:sectPr[^]*)$/, 'word/document.xml');
  // Widow and orphan control for every paragraph (docx has no option for it in the defaults).
  const styles = text('word/styles.xml').replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:widowControl/>').split(`w:val="${LANGUAGE}"`);
  if (styles.length !== 2) throw new Error('docx writer: unexpected word/styles.xml from docx');
  const footer = cut(text(FOOTER_PART), /^([^]*?<w:ftr\b[^>]*>)/, FOOTER_PART);
  const numbering = cut(
    text('word/numbering.xml'),
    /^([^]*?)(<w:abstractNum [^]*<\/w:abstractNum>)(<w:num w:numId="1">[^]*?<\/w:num>)<\/w:numbering>$/,
    'word/numbering.xml',
  );
  const abstractIds = [...numbering[2]!.matchAll(/<w:abstractNum w:abstractNumId="(\d+)"/g)].map((m) => Number(m[1]));
  // docx numbers its own default list 1, then the configured ones in order: bullet, decimal.
  const [bulletAbstractId, decimalAbstractId] = abstractIds.slice(-2) as [number, number];
  const decimalAbstractNum = cut(numbering[2]!, new RegExp(`<w:abstractNum w:abstractNumId="${decimalAbstractId}"[^]*?</w:abstractNum>`), 'decimal list')[0];
  const rels = cut(
    text('word/_rels/document.xml.rels'),
    /^([^]*)(<Relationship Id="rId)(\d+)("[^>]*Target="fontTable\.xml"\/>)(<\/Relationships>)$/,
    'word/_rels/document.xml.rels',
  );

  const varying = new Set(['word/document.xml', 'word/styles.xml', FOOTER_PART, 'word/numbering.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']);
  const fixed: Record<string, string> = {};
  for (const [name, data] of parts) {
    if (varying.has(name)) continue;
    if (typeof data !== 'string') throw new Error(`docx writer: unexpected binary part ${name}`);
    fixed[name] = name === 'word/fontTable.xml' ? withFallbackFont(data) : data;
  }
  return {
    order: [...parts.keys()],
    fixed,
    documentHead: document[1]!,
    documentTail: document[3]!,
    stylesHead: styles[0]!,
    stylesTail: styles[1]!,
    footerHead: footer[1]!,
    numberingHead: numbering[1]!,
    abstractNums: numbering[2]!,
    decimalAbstractNum,
    defaultNum: numbering[3]!,
    bulletAbstractId,
    decimalAbstractId,
    nextAbstractId: Math.max(...abstractIds) + 1,
    relsHead: rels[1]!,
    fontTableRel: [rels[2]!, rels[4]! + rels[5]!],
    fontTableId: Number(rels[3]),
  };
}

/**
 * The font table names Noto Sans with its PANOSE class and family (a sans-serif, "swiss") and Arial
 * as its alternative name: Word and LibreOffice without Noto Sans then set the letter in a metric-
 * similar sans-serif rather than their serif default. The fonts are not embedded (each face is
 * ~630 KB, four a letter); the PDF is the letter in its exact fonts.
 */
function withFallbackFont(table: string): string {
  const font = `<w:font w:name="${look.font.family}"><w:altName w:val="Arial"/><w:panose1 w:val="020B0502040504020204"/>` +
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>';
  return table.replace(/<w:fonts ([^>]*?)\/>$/, `<w:fonts $1>${font}</w:fonts>`);
}

/** The package's parts by path, in zip order: XML as text, anything else as bytes. */
export type Parts = Map<string, string | Uint8Array>;

/**
 * The package's parts before docx zips them, from docx's own compiler (private, hence the check;
 * docx is pinned exactly). Should a docx upgrade remove it, the public Packer gives the same parts
 * from its zip (tested).
 */
export function partsCompiler(docx: typeof Docx): (file: Docx.File) => Promise<Parts> {
  const compiler = (docx.Packer as unknown as { compiler?: { compile?: (file: Docx.File) => unknown } }).compiler;
  if (typeof compiler?.compile === 'function') {
    const compile = compiler.compile.bind(compiler);
    return async (file) => compile(file) as Parts;
  }
  return async (file) => {
    // fflate only here: a run with the saved template never needs it.
    const { strFromU8, unzipSync } = await import('fflate');
    const parts: Parts = new Map();
    // unzipSync keeps the central directory's order.
    for (const [name, data] of Object.entries(unzipSync(await docx.Packer.pack(file, 'uint8array')))) {
      parts.set(name, name.endsWith('.xml') || name.endsWith('.rels') ? strFromU8(data) : data);
    }
    return parts;
  };
}
