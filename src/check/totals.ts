// Whether the detail rows add up to the summary totals the institution sent with them
// (`oedr check detail.csv --summary totals.csv`). The summary is small and read whole; the detail
// rows are added up as they stream past in the same pass as the other checks, so memory grows
// with the number of summary rows, never with the detail file.
//
// Which columns are which: the summary's columns also found in the detail file (names compared
// as `fields.ts` does, ignoring case, spacing and accents) are either measures, added up, or
// grouping keys. A column the request asks for as integer or number is a measure; one it asks
// for with another type is a key; a column the request does not name is a measure when every
// value of it in the summary is a number. Key values are compared as written, spaces around
// them aside.
//
// Arithmetic: whole numbers are added exactly (JavaScript numbers are exact integers below 2^53,
// some 9 million billion). Numbers with decimals are added as floating point and compared with
// a tolerance of half a unit in the last decimal place the summary shows (a total written 12.5
// matches a sum from 12.45 to 12.55), since a summary is often rounded.
import { ExitCode, OedrError } from '../errors.js';
import { readRegularSync } from '../read-file.js';
import { basename } from 'node:path';
import { effectiveDialect } from '../spec/dialect.js';
import type { DatasetSpec } from '../spec/schema.js';
import { CsvStream } from './csv-stream.js';
import { decoderLabel, EncodingInspector } from './encoding.js';
import { normaliseName } from './fields.js';
import { detectedName, sniffFormat } from './format.js';
import { HashTable, Hasher } from './hash-table.js';
import { andList, fmtCount, readError, type Finding } from './model.js';
import { sniffDialect } from './sniff.js';

/** A summary larger than this is not a summary. */
export const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;
/** Mismatches and missing groups listed in full; the counts are always exact. */
const EXAMPLES = 10;
/** Groups of the detail that the summary lacks, counted by hash up to this many. */
const MAX_EXTRA = 1_000_000;

/** A detail row as the adding reads it: one cell at a time ('' past its end), as RawRecord gives them without making the others. */
export interface Cells {
  cell(k: number): string;
}

/** An array of cells as Cells. */
export const cellsOf = (cells: string[]): Cells => ({ cell: (k) => cells[k] ?? '' });

export interface Summary {
  file: string;
  header: string[];
  /** Data rows with the line each starts on. */
  rows: { cells: string[]; line: number }[];
}

/** The summary file, its dialect sniffed as the detail's is, with the requested one as the first guess. */
export async function readSummary(file: string, d: DatasetSpec): Promise<{ summary?: Summary; findings: Finding[] }> {
  // A summary that cannot be added up is one kind of deviation for a letter, whatever the reason.
  const fail = (status: Finding['status'], message: string) => ({ findings: [{ aspect: 'totals' as const, status, message, ...(status === 'deviation' ? { kind: 'summary-unreadable' } : {}) }] });
  let bytes: Buffer;
  try {
    const big = (size: number): never => {
      throw new OedrError(ExitCode.input, [{ severity: 'error', rule: 'file-too-large', file, message: `the summary is ${fmtCount(Math.round(size / 2 ** 20))} MiB; a summary of totals over ${MAX_SUMMARY_BYTES / 2 ** 20} MiB is not expected. Was the detail file given as --summary?` }]);
    };
    bytes = readRegularSync(file, { max: MAX_SUMMARY_BYTES, tooLarge: big });
  } catch (e) {
    return fail('unreadable', readError(e));
  }
  const kind = sniffFormat(bytes);
  if (kind === 'empty') return fail('deviation', 'The summary file is empty.');
  if (kind !== 'text') return fail('deviation', `The summary is ${detectedName[kind]}; oedr adds up totals from a CSV or TSV summary only. Ask for the summary as CSV.`);
  const dialect = effectiveDialect({ ...d, format: d.format === 'tsv' ? 'tsv' : 'csv' });
  const inspector = new EncodingInspector();
  inspector.push(bytes);
  const text = new TextDecoder(decoderLabel(dialect.encoding!, inspector.facts)).decode(bytes);
  const sniffed = sniffDialect(text.slice(0, 1 << 20), dialect.delimiter!, dialect.textQualifier!);
  const quote = sniffed.qualifier ?? dialect.textQualifier!;
  const delimiter = sniffed.delimiter ?? dialect.delimiter!;
  const rows: { cells: string[]; line: number }[] = [];
  const parser = new CsvStream(delimiter, quote, (cells, line) => rows.push({ cells, line }));
  parser.push(text);
  parser.end();
  const header = rows.shift();
  if (!header) return fail('deviation', 'The summary file holds no rows.');
  return { summary: { file, header: header.cells.map((c) => c.trim()), rows }, findings: [] };
}

/** "12", "-3", "4.5" (with the requested decimal separator) as a number, or undefined. */
function parseNumber(v: string, decimal: string): number | undefined {
  const s = v.trim();
  if (s === '') return undefined;
  const n = s.length;
  let i = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? 1 : 0;
  let x = 0;
  const start = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    x = x * 10 + (c - 48);
  }
  if (i === start) return undefined;
  if (i === n) return s.charCodeAt(0) === 45 ? -x : x;
  if (s[i] !== decimal || i + 1 === n) return undefined;
  for (let j = i + 1; j < n; j++) { const c = s.charCodeAt(j); if (c < 48 || c > 57) return undefined; }
  return Number(decimal === '.' ? s : s.replace(decimal, '.'));
}

const decimalsOf = (v: string, decimal: string) => { const k = v.trim().indexOf(decimal); return k < 0 ? 0 : v.trim().length - k - 1; };

interface Group {
  line: number;
  key: string[];
  /** Per measure: the summary's total (undefined when it is not a number), its text, the tolerance, the detail's sum. */
  expected: (number | undefined)[];
  written: string[];
  tolerance: number[];
  sums: number[];
  rows: number;
}

/** Adds up the detail rows by the summary's groups, over one or more detail files. */
export class Totals {
  private keys: string[] = [];
  private measures: string[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly notes: Finding[] = [];
  private decided = false;
  /** Detail rows whose group the summary lacks: distinct groups by hash, the first few by name. */
  private readonly extra = new HashTable(MAX_EXTRA, true, 1 << 8);
  private extraRows = 0;
  private readonly extraExamples: string[] = [];
  private readonly hasher = new Hasher();
  /** Detail values of a measure that are not numbers, left out of the sums. */
  private notNumbers = 0;
  private readonly notNumberExamples: string[] = [];
  private readonly unread: string[] = [];
  private duplicates: string[] = [];
  /** Measures that a detail file lacks: their sums leave out its rows. */
  private readonly incomplete = new Set<string>();
  /** Whether a detail file lacks a key column, so that its rows are in no group. */
  private ungrouped = false;

  /** The requested decimal separator, of the detail's numbers and the summary's. */
  private readonly decimal: string;

  constructor(private readonly summary: Summary, private readonly d: DatasetSpec) {
    this.decimal = effectiveDialect(d).decimalSeparator;
  }

  /** Sets up the adding for a detail file with these column names; undefined when nothing can be added up. */
  bind(file: string, header: string[]): ((row: Cells, line: number) => void) | undefined {
    const norm = header.map((h) => normaliseName(h));
    if (!this.decided) this.decide(norm);
    const keyCols = this.keys.map((k) => norm.indexOf(normaliseName(k)));
    const measureCols = this.measures.map((m) => norm.indexOf(normaliseName(m)));
    if (!this.measures.length) return undefined;
    const lackKeys = this.keys.filter((_, k) => keyCols[k] === -1);
    const lackMeasures = this.measures.filter((_, m) => measureCols[m] === -1);
    if (lackKeys.length || lackMeasures.length) {
      // The sums then leave out this file's rows: the totals concerned cannot be judged, and are
      // not compared group by group (each would differ by this file's share).
      const name = basename(file);
      const columns = `no ${[...lackKeys, ...lackMeasures].join(' or ')} column`;
      if (lackKeys.length) {
        this.ungrouped = true;
        this.notes.push({ aspect: 'totals', status: 'deviation', kind: 'not-compared',
          message: `No total can be judged: ${name} has ${columns}, so its rows cannot be put in the summary's groups.` });
        return undefined;
      }
      for (const m of lackMeasures) this.incomplete.add(m);
      this.notes.push({ aspect: 'totals', status: 'deviation', kind: 'not-compared',
        message: `The ${andList(lackMeasures)} totals cannot be judged: ${name} has ${columns}, so its rows are left out of the sums.` });
    }
    const decimal = this.decimal;
    const nk = keyCols.length;
    return (row, line) => {
      let key = nk ? row.cell(keyCols[0]!).trim() : '';
      for (let k = 1; k < nk; k++) key += '\u0001' + row.cell(keyCols[k]!).trim();
      const g = this.groups.get(key);
      if (!g) {
        this.extraRows++;
        const lo = this.hasher.value(key);
        if (this.extra.getOrAdd(lo, this.hasher.hi, line) === 0 && this.extraExamples.length < EXAMPLES && !this.extra.full) {
          this.extraExamples.push(`${this.groupText(key.split('\u0001'))} (first at line ${line} of ${basename(file)})`);
        }
        return;
      }
      g.rows++;
      for (let m = 0; m < measureCols.length; m++) {
        if (measureCols[m] === -1) continue;
        const v = row.cell(measureCols[m]!);
        const x = parseNumber(v, decimal);
        if (x === undefined) {
          if (v.trim() === '') continue;
          this.notNumbers++;
          if (this.notNumberExamples.length < 5) this.notNumberExamples.push(`line ${line} of ${basename(file)}: ${this.measures[m]} "${v}"`);
          continue;
        }
        g.sums[m]! += x;
      }
    };
  }

  /** A detail file whose rows could not be added up (not CSV, unreadable). */
  missed(file: string): void {
    this.unread.push(basename(file));
  }

  /** Keys and measures from the first detail file's header, and the summary's groups. */
  private decide(detail: string[]): void {
    this.decided = true;
    const { header, rows } = this.summary;
    const decimal = this.decimal;
    // A column of the summary that the request asks of the detail is shared even when the first
    // detail file lacks it: that file's rows are then missing from its totals (see bind).
    const requested = new Set(this.d.fields.map((f) => normaliseName(f.name)));
    const shared = header.map((h, i) => ({ h, i })).filter(({ h }) => h !== '' && (detail.includes(normaliseName(h)) || requested.has(normaliseName(h))));
    const unused = header.filter((h, i) => !shared.some((s) => s.i === i) && h !== '');
    if (unused.length) {
      this.notes.push({ aspect: 'totals', status: 'info', details: unused,
        message: `${unused.length === 1 ? 'One column' : `${unused.length} columns`} of the summary ${unused.length === 1 ? 'is' : 'are'} not in the detail file and ${unused.length === 1 ? 'was' : 'were'} not compared: ${unused.join(', ')}.` });
    }
    const measureCols: number[] = [];
    const keyCols: number[] = [];
    for (const { h, i } of shared) {
      const field = this.d.fields.find((f) => normaliseName(f.name) === normaliseName(h));
      const numeric = field?.type !== undefined
        ? field.type === 'integer' || field.type === 'number'
        : rows.some((r) => (r.cells[i] ?? '').trim() !== '') && rows.every((r) => (r.cells[i] ?? '').trim() === '' || parseNumber(r.cells[i]!, decimal) !== undefined);
      (numeric ? measureCols : keyCols).push(i);
    }
    this.keys = keyCols.map((i) => header[i]!);
    this.measures = measureCols.map((i) => header[i]!);
    if (!this.measures.length) return;
    const seen = new Map<string, number>();
    for (const r of rows) {
      const key = keyCols.map((i) => (r.cells[i] ?? '').trim());
      const joined = key.join('\u0001');
      const first = seen.get(joined);
      if (first !== undefined) {
        if (this.duplicates.length < EXAMPLES) this.duplicates.push(`${this.groupText(key)} (lines ${first} and ${r.line})`);
        continue;
      }
      seen.set(joined, r.line);
      const written = measureCols.map((i) => (r.cells[i] ?? '').trim());
      this.groups.set(joined, {
        line: r.line, key, written,
        expected: written.map((w) => parseNumber(w, decimal)),
        tolerance: written.map((w) => (decimalsOf(w, decimal) ? 0.5 * 10 ** -decimalsOf(w, decimal) : 0)),
        sums: measureCols.map(() => 0), rows: 0,
      });
    }
  }

  /** `county Belknap, office President, district (empty)`; `the whole file` for a grand total. */
  private groupText(key: string[]): string {
    if (!this.keys.length) return 'the whole file';
    return this.keys.map((k, i) => `${k} ${key[i] === '' ? '(empty)' : key[i]}`).join(', ');
  }

  findings(): Finding[] {
    const out: Finding[] = [...this.notes];
    const totals = (n: number) => `${fmtCount(n)} ${n === 1 ? 'total' : 'totals'}`;
    const per = this.keys.length ? ` per ${andList(this.keys)}` : ' for the whole file';
    const asked = this.d.summary_totals === undefined
      ? [{ aspect: 'totals' as const, status: 'info' as const, message: 'The request did not ask for summary totals; the summary given was checked all the same.' }]
      : [];
    if (this.unread.length) {
      return [...asked, ...out, { aspect: 'totals', status: 'deviation', kind: 'not-compared', message: `The totals were not compared: ${this.unread.join(', ')} could not be read as delimited text, so its rows are not in the sums.` }];
    }
    if (!this.measures.length) {
      // Nothing compared is never a pass.
      return [...asked, ...out, { aspect: 'totals', status: 'deviation', kind: 'not-compared',
        message: `No totals could be compared: the summary has no column of numbers that the detail file also has (summary columns: ${this.summary.header.join(', ')}).` }];
    }
    out.unshift(...asked);
    if (this.duplicates.length) {
      out.push({ aspect: 'totals', status: 'deviation', kind: 'duplicate-groups', details: this.duplicates,
        message: `The summary lists ${this.duplicates.length === 1 ? 'one group' : 'some groups'} more than once (${this.duplicates[0]}); only the first is compared.` });
    }
    const decimal = this.decimal;
    let compared = 0;
    let mismatches = 0;
    const mismatchText: string[] = [];
    const missing: string[] = [];
    let missingCount = 0;
    const judged = this.measures.filter((m) => !this.incomplete.has(m));
    for (const g of this.ungrouped ? [] : this.groups.values()) {
      if (g.rows === 0) {
        missingCount++;
        if (missing.length < EXAMPLES) missing.push(`${this.groupText(g.key)} (line ${g.line} of the summary)`);
        continue;
      }
      this.measures.forEach((m, k) => {
        if (this.incomplete.has(m)) return;
        compared++;
        const want = g.expected[k];
        const got = g.sums[k]!;
        if (want !== undefined && Math.abs(got - want) <= g.tolerance[k]!) return;
        mismatches++;
        if (mismatchText.length >= EXAMPLES) return;
        const sum = fmtNumber(got, g.written[k]!, decimal);
        if (want === undefined) {
          mismatchText.push(`${this.groupText(g.key)}: ${m} "${g.written[k]}" in the summary is not a number; the detail rows add up to ${sum}`);
        } else {
          const diff = got - want;
          const by = fmtNumber(Math.abs(diff), g.written[k]!, decimal);
          mismatchText.push(`${this.groupText(g.key)}: ${m} ${fmtNumber(want, g.written[k]!, decimal)} in the summary, ${sum} in the detail rows (${by} ${diff < 0 ? 'fewer' : 'more'} in the detail)`);
        }
      });
    }
    if (mismatches) {
      out.push({ aspect: 'totals', status: 'deviation', kind: 'mismatch', count: mismatches, details: mismatchText,
        message: `${fmtCount(mismatches)} of ${totals(compared)} in the summary ${mismatches === 1 ? 'does' : 'do'} not match the sum of the detail rows; the first: ${mismatchText[0]}.` });
    } else if (compared) {
      out.push({ aspect: 'totals', status: 'ok', count: compared,
        message: `All ${totals(compared)} in the summary add up: the detail rows give the same ${judged.join(', ')}${per}.` });
    } else if (!missingCount && !out.some((f) => f.status === 'deviation')) {
      out.push({ aspect: 'totals', status: 'deviation', kind: 'not-compared',
        message: 'No total was compared: no group of the summary could be matched with rows of the detail, so nothing shows that the detail adds up.' });
    }
    if (missingCount) {
      out.push({ aspect: 'totals', status: 'deviation', kind: 'missing-groups', count: missingCount, details: missing,
        message: `${fmtCount(missingCount)} ${missingCount === 1 ? 'group' : 'groups'} of the summary ${missingCount === 1 ? 'has' : 'have'} no rows in the detail: ${missing[0]}${missingCount > 1 ? ', …' : ''}. The detail may be incomplete.` });
    }
    if (this.extraRows) {
      const n = this.extra.size;
      out.push({ aspect: 'totals', status: 'deviation', kind: 'extra-groups', count: n, details: this.extraExamples,
        message: `${this.extra.full ? 'More than ' : ''}${fmtCount(n)} ${n === 1 ? 'group' : 'groups'} of the detail (${fmtCount(this.extraRows)} ${this.extraRows === 1 ? 'row' : 'rows'}) ${n === 1 ? 'is' : 'are'} not in the summary: ${this.extraExamples[0]}${n > 1 ? ', …' : ''}. The summary may be incomplete.` });
    }
    if (this.notNumbers) {
      out.push({ aspect: 'totals', status: 'info', count: this.notNumbers, details: this.notNumberExamples,
        message: `${fmtCount(this.notNumbers)} ${this.notNumbers === 1 ? 'value' : 'values'} to be added up in the detail ${this.notNumbers === 1 ? 'is not a number and was' : 'are not numbers and were'} left out of the sums (first at ${this.notNumberExamples[0]}).` });
    }
    return out;
  }
}

/** A sum written with as many decimals as the summary's figure and its decimal separator, whole numbers with thousands separators. */
function fmtNumber(x: number, like: string, decimal: string): string {
  const decimals = decimalsOf(like, decimal);
  return decimals ? x.toFixed(decimals).replace('.', decimal) : fmtCount(Math.round(x));
}
