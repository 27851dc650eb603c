// The one style sheet: how each part of a letter looks, shared by the DOCX and PDF writers.
// Sizes in points. Content lives in templates, the frame in compose/, the look here.
import type { ParagraphStyle } from '../document.js';

export const page = {
  /** A4, the paper size of most of the world's ministries. */
  width: 595.28,
  height: 841.89,
  margin: { top: 62, bottom: 62, left: 68, right: 68 },
  footerSize: 8,
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
  lineGap: 2.5,
};

export const headings: Record<1 | 2 | 3, { size: number; spaceBefore: number; spaceAfter: number }> = {
  1: { size: 15, spaceBefore: 14, spaceAfter: 8 },
  2: { size: 12.5, spaceBefore: 12, spaceAfter: 6 },
  3: { size: 11, spaceBefore: 10, spaceAfter: 4 },
};

export interface ParagraphLook {
  size: number;
  bold?: boolean;
  align: 'left' | 'right';
  spaceAfter: number;
  color?: string;
}

export const paragraphs: Record<ParagraphStyle, ParagraphLook> = {
  body: { size: font.size, align: 'left', spaceAfter: 7 },
  organisation: { size: 14, bold: true, align: 'left', spaceAfter: 2 },
  letterhead: { size: 8.5, align: 'left', spaceAfter: 14, color: '#444444' },
  date: { size: font.size, align: 'right', spaceAfter: 12 },
  address: { size: font.size, align: 'left', spaceAfter: 12 },
  subject: { size: font.size, bold: true, align: 'left', spaceAfter: 10 },
  signature: { size: font.size, align: 'left', spaceAfter: 10 },
  small: { size: 9, align: 'left', spaceAfter: 5 },
};

export const table = {
  size: 9,
  headerFill: '#E8ECF2',
  border: '#9AA5B1',
  cellPadding: 4,
};

export const quote = { indent: 18, size: 9.5, color: '#333333' };
export const list = { indent: 16, spaceAfter: 3 };
export const link = { color: '#1F4E8C' };
