// The one style sheet: how each part of a letter looks, shared by the DOCX and PDF writers.
// Sizes in points, colours as #RRGGBB. Content lives in templates, the frame in compose/, the look here.
import type { Block, ParagraphStyle } from '../document.js';

/** Text colour, and the grey of the letterhead's contact lines and the page footer. */
export const colors = { text: '#000000', muted: '#444444' };

export const page = {
  /** A4, the paper size of most of the world's ministries; margins of about 2 cm, as letters have. */
  width: 595.28,
  height: 841.89,
  margin: { top: 50, bottom: 56, left: 57, right: 57 },
  footerSize: 8,
  footerColor: colors.muted,
};

export const font = {
  /** Bundled in fonts/ (SIL OFL 1.1): covers Latin with all European diacritics, Greek and Cyrillic. */
  family: 'Noto Sans',
  files: {
    regular: 'NotoSans-Regular.ttf',
    bold: 'NotoSans-Bold.ttf',
    italic: 'NotoSans-Italic.ttf',
    boldItalic: 'NotoSans-BoldItalic.ttf',
  },
  size: 10.5,
  lineGap: 1.5,
  /** Noto Sans' ascent-to-descent height in ems; a line is this times the size, plus `lineGap`. */
  lineHeightEm: 1.362,
};

/**
 * The font Word and LibreOffice use for complex-script text (w:rFonts w:cs) in a letter of this
 * language (BCP 47 primary subtag): the family the PDF draws that script with (fonts/SOURCES.txt).
 */
export const complexScriptFonts: Record<string, string> = {
  ar: 'Noto Sans Arabic',
  ne: 'Noto Sans Devanagari',
  hi: 'Noto Sans Devanagari',
  mr: 'Noto Sans Devanagari',
  bn: 'Noto Sans Bengali',
  am: 'Noto Sans Ethiopic',
  ti: 'Noto Sans Ethiopic',
};

/**
 * The font Word and LibreOffice use for text outside ASCII that is not complex script (w:rFonts
 * w:hAnsi): Georgian is such a script to Word, so a Georgian letter names Noto Sans Georgian there,
 * and ASCII (digits, Latin names, which that font lacks) keeps Noto Sans (w:ascii).
 */
export const highAnsiFonts: Record<string, string> = {
  ka: 'Noto Sans Georgian',
};

/** Height of one line of body text (about 15.8 pt). */
const bodyLine = font.size * font.lineHeightEm + font.lineGap;


export const headings: Record<1 | 2 | 3, { size: number; spaceBefore: number; spaceAfter: number }> = {
  1: { size: 14, spaceBefore: 12, spaceAfter: 6 },
  2: { size: 11.5, spaceBefore: 8, spaceAfter: 3 },
  3: { size: 10.5, spaceBefore: 6, spaceAfter: 2 },
};

export interface ParagraphLook {
  size: number;
  bold?: boolean;
  align: 'left' | 'right';
  spaceAfter: number;
  /** Space above; kept even when the paragraph follows another (not at the top of a page). */
  spaceBefore?: number;
  color?: string;
  /** Never split across pages (Word: keep lines together). */
  keepTogether?: boolean;
  /** On the same page as the block after it (Word: keep with next). */
  keepWithNext?: boolean;
  /** The block before it stays on its page (writers give that block keep-with-next). */
  keepWithPrevious?: boolean;
}

export const paragraphs: Record<ParagraphStyle, ParagraphLook> = {
  body: { size: font.size, align: 'left', spaceAfter: 6 },
  organisation: { size: 14, bold: true, align: 'left', spaceAfter: 2 },
  letterhead: { size: 8.5, align: 'left', spaceAfter: 10, color: colors.muted },
  date: { size: font.size, align: 'right', spaceAfter: 8 },
  address: { size: font.size, align: 'left', spaceAfter: 10 },
  subject: { size: font.size, bold: true, align: 'left', spaceAfter: 8 },
  // "Yours sincerely," never ends a page alone: it keeps with the last paragraph and the signature.
  closing: { size: font.size, align: 'left', spaceAfter: 0, keepTogether: true, keepWithNext: true, keepWithPrevious: true },
  // Three lines of room above the name, for a handwritten signature.
  signature: { size: font.size, align: 'left', spaceBefore: Math.round(3 * bodyLine), spaceAfter: 10, keepTogether: true },
  small: { size: 8.5, align: 'left', spaceAfter: 4 },
  // A note after the signatures (the treaty text the body cites): whole, and on the signatures' page.
  note: { size: 8.5, align: 'left', spaceAfter: 4, keepTogether: true, keepWithPrevious: true },
};

/**
 * The signature block (Block 'signatures'): two signers a row, each with `room` to sign (about
 * 1.25 cm) above a line `lineWidth` long, then name, title and organisation. Pictures (logo,
 * letterhead) keep `imageSpaceAfter` below.
 */
export const signatures = { room: Math.round(2.25 * bodyLine), ruleGap: 4, rowGap: 6, gap: 24, lineWidth: 190, imageSpaceAfter: 10 };

/**
 * The fewest lines of text that end the letter on the page of the signature: fewer, and writers
 * pull lines over from the page before, so a signature never stands almost alone.
 */
export const linesBeforeSignature = 5;

export const table = {
  size: 9,
  headerFill: '#E8ECF2',
  border: '#9AA5B1',
  cellPadding: 2.5,
};

export const quote = { indent: 18, size: 9.5, color: '#333333' };
export const list = { indent: 16, spaceAfter: 3 };
export const link = { color: '#1F4E8C' };

/**
 * Whether a block must share a page with the one after it, beyond what a style says by itself: a
 * paragraph that introduces a table stays with the table's first rows, and the paragraph or
 * signature block before one whose style keeps with its previous (the closing, a note) stays with
 * that. Headings always keep with next.
 */
export function keepsWithNext(b: Block, next: Block | undefined): boolean {
  if (next === undefined) return false;
  const withPrevious = next.type === 'paragraph' && paragraphs[next.style ?? 'body'].keepWithPrevious === true;
  if (b.type === 'signatures') return withPrevious;
  if (b.type !== 'paragraph') return false;
  return paragraphs[b.style ?? 'body'].keepWithNext === true || next.type === 'table' || withPrevious;
}
