// What `oedr check` finds about one delivered file: plain data, rendered by report.ts as text for
// an official or as JSON for CI.
import { OedrError } from '../errors.js';

/** ok: as requested. info: worth knowing, not a deviation. deviation: differs from the request. unreadable: could not be checked. */
export type Status = 'ok' | 'info' | 'deviation' | 'unreadable';

export type Aspect =
  | 'file' | 'format' | 'encoding' | 'delimiter' | 'text-qualifier' | 'line-endings' | 'header-row'
  | 'structure' | 'fields' | 'values' | 'required' | 'duplicates' | 'time-range' | 'units' | 'totals';

export interface Finding {
  aspect: Aspect;
  status: Status;
  /** One sentence an official can act on. */
  message: string;
  /** Further lines: each missing field, each failing value with its line. */
  details?: string[];
  /** The first lines concerned (line 1 is the first line of the file). */
  lines?: number[];
  /** How many lines, rows or values are concerned in all. */
  count?: number;
  /** The field concerned, for value findings. */
  field?: string;
  /**
   * Which deviation of its aspect this is (`missing`, `renamed`, …), and what the file has instead
   * (a delimiter, an encoding's name): a follow-up letter in another language says it in its own
   * words from these, since the message is English.
   */
  kind?: string;
  found?: string;
}

export interface FileReport {
  file: string;
  /** For a workbook, the sheet checked (one report a sheet). */
  sheet?: string;
  /** The dataset checked against: its number (1-based) and title. */
  dataset: { index: number; title: string };
  status: 'match' | 'deviations' | 'unreadable';
  bytes?: number;
  /** Data rows (not counting the header row). */
  rows?: number;
  columns?: string[];
  /** For a ZIP archive or a folder: the files (and sheets) it holds, each reported before it. */
  deliveryOf?: string[];
  /** For a summary of totals (--summary): the detail files it was compared with. */
  summaryOf?: string[];
  findings: Finding[];
}

export function statusOf(findings: Finding[]): FileReport['status'] {
  if (findings.some((f) => f.status === 'unreadable')) return 'unreadable';
  return findings.some((f) => f.status === 'deviation') ? 'deviations' : 'match';
}

export const fmtCount = (n: number) => n.toLocaleString('en-US');

/** Why a file (delivered or summary) could not be read, from the error of open or read. */
export const readError = (e: unknown): string => {
  if (!(e instanceof OedrError)) return errnoText(e as NodeJS.ErrnoException);
  const d = e.diagnostics[0]!;
  const known: Record<string, string> = { 'file-missing': 'There is no such file.', 'file-is-directory': 'This is a folder, not a file.' };
  return known[d.rule] ?? (d.message === 'permission denied' ? errnoText({ code: 'EACCES' } as NodeJS.ErrnoException) : sentence(d.message));
};
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
const errnoText = (e: NodeJS.ErrnoException): string =>
  e.code === 'ENOENT' ? 'There is no such file.'
    : e.code === 'EISDIR' ? 'This is a folder, not a file.'
      : e.code === 'EACCES' || e.code === 'EPERM' ? 'oedr has no permission to read this file.'
        : `The file could not be read (${e.code ?? e.message}).`;

/**
 * "a", "a and b", "a, b and c"; with another separator than ", ", the items are set apart by it
 * alone ("a; b; c").
 */
export function andList(xs: string[], sep = ', '): string {
  if (xs.length < 2) return xs.join('');
  return `${xs.slice(0, -1).join(sep)}${sep === ', ' ? ' and ' : sep}${xs.at(-1)}`;
}

/** "lines 4, 9 and 12" or "lines 4, 9, 12, … (57 in all)". */
export function linesText(lines: number[], count: number, word = 'line'): string {
  const head = andList(lines.map(String));
  if (count > lines.length) return `${word}s ${lines.join(', ')}, … (${fmtCount(count)} in all)`;
  return `${word}${lines.length === 1 ? '' : 's'} ${head}`;
}

/** Places named in full (`Sheet1!C4`): `Sheet1!C4 and Sheet1!C9` or `Sheet1!C4, Sheet1!C9, … (57 in all)`. */
export function placesText(places: string[], count: number): string {
  return count > places.length ? `${places.join(', ')}, … (${fmtCount(count)} in all)` : andList(places);
}

/** Lines counted, with the first few kept as examples. */
export interface CountedLines { count: number; lines: number[] }

/**
 * Adds the lines counted on a later stretch of the same file, read by a reader of its own whose
 * line 1 is line `base` + 1 here (split.ts): the count, then examples while fewer than `cap` are
 * kept; `each(k)` is told of each example k of `from` that is taken.
 */
export function addLines(into: CountedLines, from: CountedLines, base: number, cap: number, each?: (k: number) => void): void {
  into.count += from.count;
  for (let k = 0; k < from.lines.length && into.lines.length < cap; k++) {
    into.lines.push(from.lines[k]! + base);
    each?.(k);
  }
}
