// Every row of a delivered file against the requested fields, in one pass and bounded memory:
// type checks, empty required values, rows of the wrong length, dates outside the time range,
// duplicate rows and the number of distinct units in the key field.
import type { RequestedField } from './fields.js';
import { addLines, fmtCount, linesText, placesText, type Finding } from './model.js';
import { columnName, sheetRef } from './sheet-rows.js';
import type { UnitKey } from './units.js';
import { HashTable, Hasher } from './hash-table.js';
import type { RawRecord } from './csv-stream.js';
import { RowLog, UnitLog, type PartSink, type RowCursor } from './row-log.js';
import { quickTestAt, typeName, typeTest, type QuickTestAt, type TypeTest } from './types.js';

/** Examples kept per problem; counts are always exact. */
const EXAMPLES = 5;
/**
 * Distinct rows remembered, by a 64-bit hash and the line, to find duplicates: 48 MB at most
 * (hash-table.ts). Beyond it, rows are still checked but no longer remembered.
 */
export const MAX_REMEMBERED = 3_000_000;
/** Distinct units (polling stations…) counted, by hash: 16 MB at most. */
export const MAX_UNITS = 1_000_000;
const BATCH = 64;
/** Kinds of test in rowAt: none (a required text), a whole number, any other. */
const PLAIN = 0;
const WHOLE = 1;
const OTHER = 2;

export interface Sample { count: number; lines: number[]; values: string[] }
const sample = (): Sample => ({ count: 0, lines: [], values: [] });
function note(s: Sample, line: number, value = ''): void {
  s.count++;
  if (s.lines.length < EXAMPLES) { s.lines.push(line); s.values.push(value); }
}

/** Adds the problems of a later part of the file, whose line 1 is line base + 1: counts, then examples while there is room. */
function addSample(into: Sample, from: Sample, base: number): void {
  addLines(into, from, base, EXAMPLES, (k) => into.values.push(from.values[k]!));
}

/**
 * What a ValueChecker in part mode found on a later stretch of a file, for absorb(): everything
 * but the duplicates and units, whose hashes it sends on instead (row-log.ts), since whether a row
 * repeats one depends on every row before it.
 */
export interface ValuesPart {
  rows: number;
  ragged: Sample;
  fields: { bad: Sample; why: [string, number][]; empty: Sample; outside: Sample; min?: string; max?: string }[];
}

/** Whether v is empty or only white space, as v.trim() === '' says, without a new string for the common case. */
function blank(v: string): boolean {
  if (v.length === 0) return true;
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.trim() === '';
}

/** Whether the first n characters of a sort before those of b: a.slice(0, n) < b.slice(0, n), without the new strings. */
function before(a: string, b: string, n: number): boolean {
  return beforeAt(a, 0, a.length, b, 0, b.length, n);
}

/** before() on a.slice(a0, a1) and b.slice(b0, b1), read in place. */
function beforeAt(a: string, a0: number, a1: number, b: string, b0: number, b1: number, n: number): boolean {
  const la = Math.min(n, a1 - a0);
  const lb = Math.min(n, b1 - b0);
  const m = Math.min(la, lb);
  for (let i = 0; i < m; i++) {
    const x = a.charCodeAt(a0 + i);
    const y = b.charCodeAt(b0 + i);
    if (x !== y) return x < y;
  }
  return la < lb;
}

/** Whether t.slice(a, b) is the string u, without making it. */
function sameAt(t: string, a: number, b: number, u: string): boolean {
  if (b - a !== u.length) return false;
  for (let i = 0; i < u.length; i++) if (t.charCodeAt(a + i) !== u.charCodeAt(i)) return false;
  return true;
}

export interface ValueOptions {
  fields: RequestedField[];
  /** Column of each field, -1 when missing. */
  columns: number[];
  /** Number of columns every row should have (the header's). */
  width: number;
  decimal: string;
  timeRange?: { from: string; to: string };
  /** The fields (indexes into `fields`) that together name a unit (polling station, ward…), and its word. */
  key?: UnitKey;
  /** For a spreadsheet, the sheet's name: places are then cells (`Sheet1!C12`), not lines. */
  sheet?: string;
  /** The size of the whole file in bytes, when known: it bounds the number of rows (see rowsIn). */
  bytes?: number;
}

/**
 * The most rows a file of `bytes` bytes can hold. A row is a record CsvStream hands on: blank lines
 * carry none, so each has at least one character (a value, a delimiter or a pair of qualifiers)
 * and, but for the last, a line break; no decoder makes more characters than there are bytes.
 */
export const rowsIn = (bytes: number) => Math.floor(bytes / 2) + 1;

interface FieldState { field: RequestedField; col: number; test?: TypeTest; quick?: QuickTestAt; dated: boolean; bad: Sample; why: Map<string, number>; empty: Sample; outside: Sample; min?: string; max?: string }

export class ValueChecker {
  rows = 0;
  private readonly ragged = sample();
  private readonly state: FieldState[];
  /** The fields with something to check on each row: a type, a required value or a date range. */
  private readonly busy: FieldState[];
  /** For each of them, its column and the kind of its test (PLAIN, WHOLE, OTHER). */
  private readonly cols: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly hasher = new Hasher();
  /**
   * Made at the size the file's rows need, up to the full size (48 MB, of which only the pages
   * written become resident): no growing, which on a 1 GB file held the old and new tables at once
   * (72 MB) and copied 2 million slots. Its cap is MAX_REMEMBERED whatever its first size (a file
   * that grew after its size was taken only makes it grow). None in part mode: the rows go to the
   * sink, and the checker of the rows before looks them up in its own.
   */
  private readonly seen?: HashTable;
  /**
   * Row hashes and lines waiting to be looked up in `seen`, BATCH rows at a time, in order: a look-up
   * in a table of tens of MB is a cache miss, and a tight loop of them lets the processor wait for
   * several at once instead of one per row. The verdicts are the same as one at a time.
   */
  private readonly pending = new Uint32Array(BATCH * 3);
  private npending = 0;
  private readonly dupes = sample();
  private readonly units = new HashTable(MAX_UNITS, false);
  /** The columns of the unit's fields; one, or none when a field is missing. */
  private readonly keyCols: number[];
  /** The first key column when it is the only one (the quick path of rowAt), else -1. */
  private readonly keyCol: number;
  /** The units of every file of a delivery (delivery.ts), when shared. */
  private union?: HashTable;
  private lastUnit: string | undefined;
  /** In part mode, the row and unit hashes go to the sink, in order, instead of into the tables. */
  private readonly rowLog?: RowLog;
  private readonly unitLog?: UnitLog;

  /**
   * With `sink`, part mode: the rows are a later stretch of a file, read on another thread; the
   * checker of the rows before takes in its verdicts (replay, addUnits, absorb).
   */
  constructor(private readonly o: ValueOptions, sink?: PartSink) {
    if (sink) { this.rowLog = new RowLog(sink); this.unitLog = new UnitLog(sink); } else {
      const rows = o.bytes === undefined ? MAX_REMEMBERED : Math.min(MAX_REMEMBERED, rowsIn(o.bytes));
      this.seen = new HashTable(MAX_REMEMBERED, true, HashTable.slotsFor(rows));
    }
    this.state = o.fields.map((field, k) => ({
      field, col: o.columns[k]!, test: typeTest(field.type, o.decimal), quick: quickTestAt(field.type, o.decimal),
      dated: o.timeRange !== undefined && (field.type === 'date' || field.type === 'datetime' || field.type === 'year'),
      bad: sample(), why: new Map(), empty: sample(), outside: sample(),
    })).filter((s) => s.col >= 0);
    this.busy = this.state.filter((s) => s.test || s.field.required || s.dated);
    this.cols = Int32Array.from(this.busy, (s) => s.col);
    this.kinds = Uint8Array.from(this.busy, (s) => (!s.test && !s.dated ? PLAIN : s.field.type === 'integer' ? WHOLE : OTHER));
    const keys = (o.key?.fields ?? []).map((f) => o.columns[f]!);
    this.keyCols = keys.every((c) => c >= 0) ? keys : [];
    this.keyCol = this.keyCols.length === 1 ? this.keyCols[0]! : -1;
  }

  /** One row: its cells, its first line, and the two running halves of its hash from CsvStream (what duplicates are judged on). */
  row(cells: string[], line: number, h1: number, h2: number): void {
    this.rows++;
    if (cells.length !== this.o.width) note(this.ragged, line, String(cells.length));
    const state = this.busy;
    for (let k = 0; k < state.length; k++) this.one(state[k]!, cells[state[k]!.col] ?? '', line);
    this.rest(line, h1, h2, this.unitOf((c) => cells[c] ?? ''));
  }

  /**
   * row() on a record where it lies in the text (CsvStream's onRaw): the same checks, with a string
   * made only for a value that is quoted, fails a quick test, or starts with white space or a
   * character beyond ASCII.
   */
  rowAt(r: RawRecord, line: number, h1: number, h2: number): void {
    this.rows++;
    if (r.count !== this.o.width) note(this.ragged, line, String(r.count));
    const state = this.busy;
    const t = r.text;
    const starts = r.starts;
    const ends = r.ends;
    const cols = this.cols;
    const kinds = this.kinds;
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k]!;
      const a = col < r.count ? starts[col]! : -1;
      if (a >= 0) {
        const b = ends[col]!;
        const c = t.charCodeAt(a);
        if (b > a && c > 32 && c < 127) {
          // Not blank; in place when the quick test passes. Whole numbers, the commonest test,
          // are read here rather than through a function per value.
          const kind = kinds[k]!;
          if (kind === PLAIN) continue;
          if (kind === WHOLE) {
            let i = c === 43 || c === 45 ? a + 1 : a;
            const from = i;
            while (i < b) { const d = t.charCodeAt(i); if (d < 48 || d > 57) break; i++; }
            if (i === b && i > from) continue;
          } else {
            const s = state[k]!;
            if (!s.test || (s.quick && s.quick(t, a, b))) {
              if (s.dated) this.rangeAt(s, t, a, b, line);
              continue;
            }
          }
        } else if (b === a) { const s = state[k]!; if (s.field.required) note(s.empty, line); continue; }
      }
      this.one(state[k]!, r.cell(col), line);
    }
    const key = this.keyCol;
    if (key >= 0 && key < r.count && r.starts[key]! >= 0) {
      const a = r.starts[key]!;
      const b = r.ends[key]!;
      this.rest(line, h1, h2, this.lastUnit !== undefined && sameAt(t, a, b, this.lastUnit) ? this.lastUnit : t.slice(a, b));
    } else this.rest(line, h1, h2, this.unitOf((c) => r.cell(c)));
  }

  /** The unit a row names: its key cells, joined when there are several ('' for none). */
  private unitOf(cell: (col: number) => string): string {
    const cols = this.keyCols;
    if (cols.length < 2) return cols.length ? cell(cols[0]!) : '';
    if (cols.every((c) => blank(cell(c)))) return '';
    return cols.map(cell).join('\u0001');
  }

  /** Counts the units of this checker in `table` too (the delivery's, over all its files). */
  shareUnits(table: HashTable): void {
    this.union = table;
  }

  /** The checks of row() on one value. */
  private one(s: FieldState, v: string, line: number): void {
    if (blank(v)) { if (s.field.required) note(s.empty, line); return; }
    if (s.test && !(s.quick && s.quick(v, 0, v.length))) {
      const ok = s.test(v);
      if (ok !== true) { note(s.bad, line, v); s.why.set(ok, (s.why.get(ok) ?? 0) + 1); return; }
    }
    if (s.dated) this.range(s, v, line);
  }

  /** Duplicates and units, after the values. */
  private rest(line: number, h1: number, h2: number, unit: string): void {
    const h = this.hasher;
    const lo = h.finish(h1, h2);
    // A part only logs its rows' hashes (the main thread looks them up); the batch is for look-ups.
    if (this.rowLog) this.rowLog.add(lo, h.hi, line);
    else {
      const p = this.pending;
      const k = this.npending * 3;
      p[k] = lo;
      p[k + 1] = h.hi;
      p[k + 2] = line;
      if (++this.npending === BATCH) this.lookUp();
    }
    // An empty key names no unit (it is reported as a missing value, when required).
    if (this.keyCols.length && !blank(unit)) {
      // Rows of one unit usually come together (a row per candidate per polling station).
      if (unit !== this.lastUnit) {
        this.lastUnit = unit;
        const ulo = h.value(unit);
        if (this.unitLog) this.unitLog.add(ulo, h.hi); else { this.units.getOrAdd(ulo, h.hi, 1); this.union?.getOrAdd(ulo, h.hi, 1); }
      }
    }
  }

  /** The pending rows against the rows before them, in order. */
  lookUp(): void {
    const p = this.pending;
    const seen = this.seen!;
    for (let k = 0; k < this.npending * 3; k += 3) {
      const first = seen.getOrAdd(p[k]!, p[k + 1]!, p[k + 2]!);
      if (first !== 0) note(this.dupes, p[k + 2]!, String(first));
    }
    this.npending = 0;
  }

  /** range() on v.slice(a, b), read in place. */
  private rangeAt(s: FieldState, v: string, a: number, b: number, line: number): void {
    const { from, to } = this.o.timeRange!;
    const n = s.field.type === 'year' ? 4 : 10;
    if (s.min === undefined || beforeAt(v, a, b, s.min, 0, s.min.length, n)) s.min = v.slice(a, Math.min(b, a + n));
    if (s.max === undefined || beforeAt(s.max, 0, s.max.length, v, a, b, n)) s.max = v.slice(a, Math.min(b, a + n));
    if (beforeAt(v, a, b, from, 0, from.length, n) || beforeAt(to, 0, to.length, v, a, b, n)) note(s.outside, line, v.slice(a, b));
  }

  private range(s: FieldState, v: string, line: number): void {
    const { from, to } = this.o.timeRange!;
    const year = s.field.type === 'year';
    const n = year ? 4 : 10;
    // The date part compared in place; a new string only for a new first or last date.
    if (s.min === undefined || before(v, s.min, n)) s.min = v.slice(0, n);
    if (s.max === undefined || before(s.max, v, n)) s.max = v.slice(0, n);
    if (before(v, from, n) || before(to, v, n)) note(s.outside, line, v);
  }

  /** In part mode: what was found, for absorb(), the last hashes sent on. */
  part(): ValuesPart {
    this.rowLog!.send();
    this.unitLog!.send();
    return {
      rows: this.rows, ragged: this.ragged,
      fields: this.state.map((s) => ({ bad: s.bad, why: [...s.why], empty: s.empty, outside: s.outside, min: s.min, max: s.max })),
    };
  }

  /**
   * Rows of a part (RowLog), looked up and added as if read here, after every row read here and
   * every row of the parts before it (the caller keeps that order); `base` is the line before
   * the part's line 1. Call lookUp() first.
   */
  replay(c: RowCursor, hashes: Uint32Array, jumps: Uint32Array, base: number): void {
    const seen = this.seen!;
    let j = 0;
    for (let k = 0; k < hashes.length; k += 2, c.row++) {
      if (j < jumps.length && jumps[j] === c.row) { c.line = jumps[j + 1]!; j += 2; } else c.line++;
      const line = c.line + base;
      const first = seen.getOrAdd(hashes[k]!, hashes[k + 1]!, line);
      if (first !== 0) note(this.dupes, line, String(first));
    }
  }

  /**
   * Units of a part, in any order: the table ends with min(distinct, cap) units and is full when
   * there are more, whatever the order they came in.
   */
  addUnits(hashes: Uint32Array): void {
    for (let k = 0; k < hashes.length; k += 2) { this.units.getOrAdd(hashes[k]!, hashes[k + 1]!, 1); this.union?.getOrAdd(hashes[k]!, hashes[k + 1]!, 1); }
  }

  /**
   * The other verdicts of a part (part()), its line 1 being line base + 1 here, after those of
   * the rows read here and of the parts before it: counts added, examples kept in file order.
   */
  absorb(p: ValuesPart, base: number): void {
    this.rows += p.rows;
    addSample(this.ragged, p.ragged, base);
    this.state.forEach((s, k) => {
      const f = p.fields[k]!;
      addSample(s.bad, f.bad, base);
      addSample(s.empty, f.empty, base);
      addSample(s.outside, f.outside, base);
      // Map order is first-seen order, which breaks ties between hints: the part's hints come later.
      for (const [why, n] of f.why) s.why.set(why, (s.why.get(why) ?? 0) + n);
      const n = s.field.type === 'year' ? 4 : 10;
      if (f.min !== undefined && (s.min === undefined || before(f.min, s.min, n))) s.min = f.min;
      if (f.max !== undefined && (s.max === undefined || before(s.max, f.max, n))) s.max = f.max;
    });
  }

  findings(): Finding[] {
    this.lookUp();
    const out: Finding[] = [];
    const at = (line: number, col?: number) => this.at(line, col);
    const all = (s: Sample, col?: number) => this.atAll(s, col);
    const examples = (s: Sample, col?: number) => s.lines.map((l, k) => `${at(l, col)}: "${s.values[k]}"`);
    if (this.ragged.count) {
      out.push({ aspect: 'structure', status: 'deviation', kind: 'ragged', count: this.ragged.count, lines: this.ragged.lines,
        details: this.ragged.lines.map((l, k) => `${at(l)}: ${this.ragged.values[k]} fields`),
        message: `${fmtCount(this.ragged.count)} ${this.ragged.count === 1 ? 'row does' : 'rows do'} not have ${this.o.width} ${this.o.width === 1 ? 'field' : 'fields'} like the header row (${all(this.ragged)}); a value may hold an unquoted delimiter or line break.` });
    }
    for (const s of this.state) {
      if (s.bad.count) {
        const why = [...s.why.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        out.push({ aspect: 'values', status: 'deviation', kind: 'not-type', field: s.field.name, count: s.bad.count, lines: s.bad.lines, details: examples(s.bad, s.col),
          message: `${s.field.name}: ${fmtCount(s.bad.count)} ${s.bad.count === 1 ? 'value is' : 'values are'} not ${typeName[s.field.type!] ?? s.field.type} as requested${why.startsWith('expected') ? '' : ` (${why})`}; first at ${all(s.bad, s.col)}.` });
      }
      if (s.empty.count) {
        out.push({ aspect: 'required', status: 'deviation', kind: 'empty', field: s.field.name, count: s.empty.count, lines: s.empty.lines,
          message: `${s.field.name}: ${fmtCount(s.empty.count)} ${s.empty.count === 1 ? 'row has' : 'rows have'} no value, but every row should have one (${all(s.empty, s.col)}).` });
      }
      if (s.outside.count) {
        const { from, to } = this.o.timeRange!;
        out.push({ aspect: 'time-range', status: 'deviation', kind: 'outside', field: s.field.name, count: s.outside.count, lines: s.outside.lines, details: examples(s.outside, s.col),
          message: `${s.field.name}: ${fmtCount(s.outside.count)} ${s.outside.count === 1 ? 'date is' : 'dates are'} outside the requested period ${from} to ${to} (the file runs from ${s.min} to ${s.max}); first at ${all(s.outside, s.col)}.` });
      } else if (s.min !== undefined) {
        out.push({ aspect: 'time-range', status: 'ok', field: s.field.name, message: `${s.field.name}: every date is within the requested period (${s.min} to ${s.max}).` });
      }
    }
    if (this.dupes.count) {
      out.push({ aspect: 'duplicates', status: 'deviation', kind: 'repeated', count: this.dupes.count, lines: this.dupes.lines,
        details: this.dupes.lines.map((l, k) => `${at(l)} repeats ${at(Number(this.dupes.values[k]))}`),
        message: `${fmtCount(this.dupes.count)} ${this.dupes.count === 1 ? 'row repeats' : 'rows repeat'} an earlier row exactly (${all(this.dupes)}).` });
    }
    if (this.seen?.full) {
      out.push({ aspect: 'duplicates', status: 'info', message: `Duplicate rows were looked for among the first ${fmtCount(MAX_REMEMBERED)} distinct rows only.` });
    }
    const key = this.o.key;
    if (key && this.keyCols.length) {
      const names = key.fields.map((f) => this.o.fields[f]!.name);
      out.push({ aspect: 'units', status: 'info', field: names.join(' + '), count: this.units.size,
        message: `${this.units.full ? 'More than ' : ''}${fmtCount(this.units.size)} distinct ${key.unit} (${names.join(' + ')})${key.guess ? `, ${key.guess}` : ''}.` });
    }
    return out;
  }

  /** Where a line is: `line 12`; in a sheet, the cell (`Sheet1!C12`) or, for a whole row, `Sheet1!12:12`. */
  private at(line: number, col?: number): string {
    const sheet = this.o.sheet;
    if (sheet === undefined) return `line ${line}`;
    return col === undefined ? `${sheetRef(sheet)}!${line}:${line}` : `${sheetRef(sheet)}!${columnName(col)}${line}`;
  }

  /** The first places of some lines, and how many in all: `lines 4, 9 and 12` or `Sheet1!C4 and Sheet1!C9`. */
  private atAll(s: { lines: number[]; count: number }, col?: number): string {
    return this.o.sheet === undefined ? linesText(s.lines, s.count) : placesText(s.lines.map((l) => this.at(l, col)), s.count);
  }
}
