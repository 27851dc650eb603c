// What the spreadsheet readers (xlsx-read, ods-read, xls-read) hand the checks: sheet by sheet,
// each row that holds a value with its row number, and each cell's text and kind as the file stores it.
import type { SaxesParser } from 'saxes';
import type { EntrySink } from './zip-stream.js';

/** A cell's kind as the file stores it: number, text, boolean, date (ISO text), error (#N/A…), empty. */
export type CellKind = 'n' | 's' | 'b' | 'd' | 'e' | '';

export interface SheetSink {
  /** A sheet begins; its rows follow. */
  sheet(name: string): void;
  /** One row (1 is the sheet's first): the cells' text (number cells as their digits) and kinds, by column from A. */
  row(line: number, values: string[], kinds: CellKind[]): void;
}

/** Column 0 as A, 25 as Z, 26 as AA. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `C12` as column 2 (the row is not needed: rows are numbered by their own element). */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

/** A sheet's name as a reference writes it: quoted when it holds anything but letters, digits and _. */
export const sheetRef = (name: string) => (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

/** Numbers as the file writes them; exponents (1E-3, which type checks refuse) spelled out. */
export const numberText = (v: string) => (/[eE]/.test(v) && Number.isFinite(Number(v)) ? String(Number(v)) : v);

/**
 * An XML entry of a ZIP archive fed to a saxes parser as it is inflated, decoded as UTF-8 in
 * pieces of 16 KiB: an inflated chunk is often ten times the bytes read, and text made from it
 * whole would be too large for the collector's young generation, kept until a full collection
 * (peak memory on a 40 MB workbook: 171 MB whole, see bench/check-xlsx.mjs for the figure now).
 */
export function xmlSink(saxes: typeof import('saxes'), setUp: (p: SaxesParser) => void): EntrySink {
  const parser = new saxes.SaxesParser({ position: false });
  const decoder = new TextDecoder('utf-8');
  setUp(parser);
  return (chunk, final) => {
    for (let at = 0; at < chunk.length; at += PIECE) parser.write(decoder.decode(chunk.subarray(at, at + PIECE), { stream: true }));
    if (final) parser.write(decoder.decode()).close();
  };
}
const PIECE = 1 << 14;
