// CSV as RFC 4180 writes it (comma, double-quote qualifier, "" for a quote inside a quoted value,
// line breaks inside quotes), with the line and column where each cell starts, so that a problem
// in a recipient list is reported at its cell. Small enough to own rather than add a dependency:
// csv-parse would give the same rows, but not the column of every cell.
import type { Diagnostic } from '../errors.js';

export interface Cell { value: string; line: number; col: number }

export interface Csv { rows: Cell[][]; diagnostics: Diagnostic[] }

/** Splits `text` into rows of cells. Blank lines are skipped; a syntax error ends the parse. */
export function parseCsv(text: string, file: string): Csv {
  const rows: Cell[][] = [];
  const diagnostics: Diagnostic[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  // Columns count characters (code points), as an editor shows them.
  const colAt = (offset: number) => [...text.slice(lineStart, offset)].length + 1;
  const error = (message: string, at: { line: number; col: number }) =>
    diagnostics.push({ severity: 'error', rule: 'csv-syntax', message, file, ...at });

  while (i < text.length) {
    const row: Cell[] = [];
    let quoted = false;
    for (;;) {
      const cell: Cell = { value: '', line, col: colAt(i) };
      if (text[i] === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (i >= text.length) {
            error('this quoted value has no closing double quote; end it with " (write a quote inside it as "")', cell);
            return { rows, diagnostics };
          }
          const c = text[i]!;
          if (c === '"' && text[i + 1] === '"') { cell.value += '"'; i += 2; continue; }
          if (c === '"') { i++; break; }
          // A line break inside quotes is one line break in the value, whether written LF or CRLF
          // (RFC 4180 writes CRLF; so does a Windows checkout).
          if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
          if (c === '\n') { line++; lineStart = i + 1; }
          cell.value += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
          error(`expected a comma or the end of the line after the closing double quote; got ${JSON.stringify(next)} (write a quote inside a quoted value as "")`,
            { line, col: colAt(i) });
          return { rows, diagnostics };
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') {
            error('a double quote inside a value that does not start with one; put the whole value in double quotes and write the quote as ""',
              { line, col: colAt(i) });
            return { rows, diagnostics };
          }
          cell.value += text[i];
          i++;
        }
      }
      row.push(cell);
      if (text[i] === ',') { i++; continue; }
      break;
    }
    // At a line end (or the end of the text).
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    // Blank lines, and rows of empty cells (",,,", which spreadsheets write for formatted empty rows), are skipped.
    if (quoted || row.some((c) => c.value.trim() !== '')) rows.push(row);
  }
  return { rows, diagnostics };
}
