// Word styles, list numbering and page geometry for the DOCX writer, built from writers/style.ts.
// Everything the letter looks like lives in named styles, so an organisation can restyle it in Word.
import type * as Docx from 'docx';
import type { Inline, ParagraphStyle } from '../document.js';
import * as look from './style.js';

type DocxModule = typeof Docx;

/** Points to twentieths of a point (twips), Word's unit for lengths. */
export const twip = (pt: number): number => Math.round(pt * 20);
/** Points to half-points, Word's unit for font sizes. */
const half = (pt: number): number => Math.round(pt * 2);
const hex = (color: string): string => color.replace(/^#/, '').toUpperCase();

/** Style ids for the paragraph roles; `body` is Word's Normal, so it has no style of its own. */
export const roleStyleId: Record<ParagraphStyle, string | undefined> = {
  body: undefined,
  organisation: 'Organisation',
  letterhead: 'Letterhead',
  date: 'LetterDate',
  address: 'Address',
  subject: 'LetterSubject',
  closing: 'Closing',
  signature: 'Signature',
  small: 'Small',
  note: 'LetterNote',
};
const roleStyleName: Record<ParagraphStyle, string> = {
  body: 'Normal',
  organisation: 'Organisation',
  letterhead: 'Letterhead',
  date: 'Letter Date',
  address: 'Address',
  subject: 'Letter Subject',
  closing: 'Closing',
  signature: 'Signature',
  small: 'Small',
  note: 'Letter Note',
};

export const TABLE_STYLE = 'LetterTable';
export const TABLE_TEXT_STYLE = 'TableText';
export const QUOTE_STYLE = 'Quote';
export const FOOTER_STYLE = 'Footer';
export const LIST_STYLE = 'ListParagraph';
export const BULLET_LIST = 'oedr-bullet';
export const DECIMAL_LIST = 'oedr-decimal';

export const pageGeometry = {
  width: twip(look.page.width),
  height: twip(look.page.height),
  margin: {
    top: twip(look.page.margin.top),
    bottom: twip(look.page.margin.bottom),
    left: twip(look.page.margin.left),
    right: twip(look.page.margin.right),
    header: twip(look.page.margin.top / 2),
    // The footer sits in the lower half of the bottom margin, clear of the text.
    footer: twip(look.page.margin.bottom / 2),
  },
};
/** The width of the text column, where the footer's right tab stop goes. */
export const textWidth = pageGeometry.width - pageGeometry.margin.left - pageGeometry.margin.right;

/** Left indent of list text at a nesting level (0-based). */
export const listIndent = (level: number): number => twip(look.list.indent * (level + 1));

// The PDF writer adds `lineGap` points between lines of Noto Sans (line height 1.362 em). Word's
// "auto" line spacing is a multiple of the font's own line height, so the same gap becomes a factor;
// a multiple, unlike an exact height, still works when Word substitutes another font.
const bodyLine = Math.round(240 * (1 + look.font.lineGap / (look.font.size * look.font.lineHeightEm)));

function roleStyles(): Docx.IParagraphStyleOptions[] {
  const out: Docx.IParagraphStyleOptions[] = [];
  for (const role of Object.keys(look.paragraphs) as ParagraphStyle[]) {
    const id = roleStyleId[role];
    if (id === undefined) continue;
    const p = look.paragraphs[role];
    out.push({
      id,
      name: roleStyleName[role],
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: half(p.size), bold: p.bold, ...(p.color ? { color: hex(p.color) } : {}) },
      paragraph: {
        alignment: p.align === 'right' ? 'right' : 'left',
        spacing: { ...(p.spaceBefore ? { before: twip(p.spaceBefore) } : {}), after: twip(p.spaceAfter) },
        // Word's own pagination does what the PDF writer does by hand (pdf-blocks.ts).
        ...(p.keepWithNext ? { keepNext: true } : {}),
        ...(p.keepTogether ? { keepLines: true } : {}),
      },
    });
  }
  return out;
}

// A real Word table style, so header shading, borders and padding can be changed for every table at
// once. docx has no table style API, so it goes in as "external" styles XML, the one way docx keeps
// its own default styles beside imported ones (element order follows the schema).
function externalStylesXml(): string {
  const b = hex(look.table.border);
  const edge = (side: string): string => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${b}"/>`;
  const pad = twip(look.table.cellPadding);
  const mar = (side: string): string => `<w:${side} w:w="${pad}" w:type="dxa"/>`;
  return (
    `<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
    `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
    `xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">` +
    `<w:style w:type="table" w:styleId="${TABLE_STYLE}">` +
    `<w:name w:val="Letter Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    `<w:rPr><w:sz w:val="${half(look.table.size)}"/><w:szCs w:val="${half(look.table.size)}"/></w:rPr>` +
    `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(edge).join('')}</w:tblBorders>` +
    `<w:tblCellMar>${['top', 'left', 'bottom', 'right'].map(mar).join('')}</w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>` +
    `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${hex(look.table.headerFill)}"/></w:tcPr></w:tblStylePr>` +
    `</w:style></w:styles>`
  );
}

/** The parts of the styles that are the same for every document, built once per writer. */
export function buildSharedStyles(docx: DocxModule) {
  const h = (level: 1 | 2 | 3): Docx.IBaseParagraphStyleOptions => ({
    run: { size: half(look.headings[level].size), bold: true, color: hex(look.colors.text), font: look.font.family },
    paragraph: {
      spacing: { before: twip(look.headings[level].spaceBefore), after: twip(look.headings[level].spaceAfter) },
      keepNext: true,
      keepLines: true,
    },
  });
  const paragraphStyles: Docx.IParagraphStyleOptions[] = [
    ...roleStyles(),
    {
      id: QUOTE_STYLE,
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: half(look.quote.size), color: hex(look.quote.color) },
      paragraph: { indent: { left: twip(look.quote.indent) } },
    },
    {
      id: TABLE_TEXT_STYLE,
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: half(look.table.size) },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
    {
      id: FOOTER_STYLE,
      name: 'footer',
      basedOn: 'Normal',
      run: { size: half(look.page.footerSize), color: hex(look.page.footerColor) },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
  ];
  const defaults = {
    title: h(1),
    heading1: h(1),
    heading2: h(2),
    heading3: h(3),
    listParagraph: { paragraph: { spacing: { after: twip(look.list.spaceAfter) } } },
    hyperlink: { run: { color: hex(look.link.color), underline: { type: docx.UnderlineType.SINGLE } } },
  } satisfies Docx.IStylesOptions['default'];
  return { paragraphStyles, defaults, externalStyles: externalStylesXml() };
}
export type SharedStyles = ReturnType<typeof buildSharedStyles>;

/** The style options for one document: the shared parts plus its language. */
export function stylesFor(shared: SharedStyles, language: string): Docx.IStylesOptions {
  return {
    default: {
      ...shared.defaults,
      document: {
        run: { font: look.font.family, size: half(look.font.size), language: { value: language } },
        paragraph: { spacing: { after: twip(look.paragraphs.body.spaceAfter), line: bodyLine, lineRule: 'auto' } },
      },
    },
    paragraphStyles: shared.paragraphStyles,
  };
}

const bullets = ['•', '–', '•'];
function levels(docx: DocxModule, bullet: boolean, start = 1): Docx.ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: bullet ? docx.LevelFormat.BULLET : docx.LevelFormat.DECIMAL,
    text: bullet ? bullets[level % bullets.length]! : `%${level + 1}.`,
    alignment: docx.AlignmentType.LEFT,
    start,
    style: { paragraph: { indent: { left: listIndent(level), hanging: twip(look.list.indent) } } },
  }));
}

/**
 * Bullet and decimal lists, nine levels each. Every ordered list is its own instance and restarts;
 * one that starts at N gets a copy of the decimal definition starting at N (docx-xml.ts Numbering).
 */
export function buildNumbering(docx: DocxModule): Docx.INumberingOptions {
  return {
    config: [
      { reference: BULLET_LIST, levels: levels(docx, true) },
      { reference: DECIMAL_LIST, levels: levels(docx, false) },
    ],
  };
}

/**
 * Column widths in twips that follow the content: a column's share grows with its longest cell,
 * within limits, so a short code column does not take as much room as a description.
 */
export function columnWidths(rows: readonly (readonly Inline[][])[], columns: number): number[] {
  const weight = Array.from({ length: columns }, (_, c) => {
    const longest = Math.max(0, ...rows.map((r) => plainLength(r[c] ?? [])));
    return Math.min(Math.max(longest, 6), 40);
  });
  const total = weight.reduce((a, b) => a + b, 0);
  const widths = weight.map((w) => Math.floor((textWidth * w) / total));
  widths[widths.length - 1]! += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function plainLength(inlines: readonly Inline[]): number {
  let n = 0;
  for (const i of inlines) n += i.type === 'text' ? i.value.length : i.type === 'break' ? 0 : plainLength(i.children);
  return n;
}
