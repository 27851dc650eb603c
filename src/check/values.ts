// Every row of a delivered file against the requested fields, in one pass and bounded memory:
// type checks, empty required values, rows of the wrong length, dates outside the time range,
// duplicate rows and the number of distinct units in the key field.
import type { RequestedField } from './fields.js';
import { fmtCount, linesText, type Finding } from './model.js';
import { typeName, typeTest, type TypeTest } from './types.js';

/** Examples kept per problem; counts are always exact. */
const EXAMPLES = 5;
/** Rows remembered to find duplicates and distinct units: bounds memory at some tens of MB. */
export const MAX_REMEMBERED = 1_000_000;

interface Sample { count: number; lines: number[]; values: string[] }
const sample = (): Sample => ({ count: 0, lines: [], values: [] });
function note(s: Sample, line: number, value = ''): void {
  s.count++;
  if (s.lines.length < EXAMPLES) { s.lines.push(line); s.values.push(value); }
}

/** 53-bit hash (cyrb53) of a row's cells: a duplicate row is reported only when its hash repeats. */
function hashRow(cells: string[]): number {
  let h1 = 0xdeadbeef ^ cells.length;
  let h2 = 0x41c6ce57 ^ cells.length;
  for (const s of cells) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator that no character code equals, so ["ab", ""] and ["a", "b"] differ.
    h1 = Math.imul(h1 ^ 0x10000, 2654435761);
    h2 = Math.imul(h2 ^ 0x10000, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export interface ValueOptions {
  fields: RequestedField[];
  /** Column of each field, -1 when missing. */
  columns: number[];
  /** Number of columns every row should have (the header's). */
  width: number;
  decimal: string;
  timeRange?: { from: string; to: string };
  /** Index into `fields` of the field that names the unit (polling station, ward…), and its word. */
  key?: { field: number; unit: string };
}

interface FieldState { field: RequestedField; col: number; test?: TypeTest; bad: Sample; why: Map<string, number>; empty: Sample; outside: Sample; min?: string; max?: string }

export class ValueChecker {
  rows = 0;
  private readonly ragged = sample();
  private readonly state: FieldState[];
  private readonly seen = new Map<number, number>();
  private readonly dupes = sample();
  private readonly units = new Set<string>();
  private unitsCapped = false;
  private dupesCapped = false;

  constructor(private readonly o: ValueOptions) {
    this.state = o.fields.map((field, k) => ({ field, col: o.columns[k]!, test: typeTest(field.type, o.decimal), bad: sample(), why: new Map(), empty: sample(), outside: sample() }));
  }

  row(cells: string[], line: number): void {
    this.rows++;
    if (cells.length !== this.o.width) note(this.ragged, line, String(cells.length));
    for (const s of this.state) {
      if (s.col < 0) continue;
      const v = cells[s.col] ?? '';
      if (v.trim() === '') { if (s.field.required) note(s.empty, line); continue; }
      if (s.test) {
        const ok = s.test(v);
        if (ok !== true) { note(s.bad, line, v); s.why.set(ok, (s.why.get(ok) ?? 0) + 1); continue; }
      }
      if (this.o.timeRange && (s.field.type === 'date' || s.field.type === 'datetime' || s.field.type === 'year')) this.range(s, v, line);
    }
    const h = hashRow(cells);
    const first = this.seen.get(h);
    if (first !== undefined) note(this.dupes, line, String(first));
    else if (this.seen.size < MAX_REMEMBERED) this.seen.set(h, line);
    else this.dupesCapped = true;
    const key = this.o.key && this.state[this.o.key.field];
    if (key && key.col >= 0) {
      const v = cells[key.col] ?? '';
      if (this.units.size < MAX_REMEMBERED) this.units.add(v);
      else if (!this.units.has(v)) this.unitsCapped = true;
    }
  }

  private range(s: FieldState, v: string, line: number): void {
    const { from, to } = this.o.timeRange!;
    const [lo, hi, d] = s.field.type === 'year' ? [from.slice(0, 4), to.slice(0, 4), v] : [from, to, v.slice(0, 10)];
    if (s.min === undefined || d < s.min) s.min = d;
    if (s.max === undefined || d > s.max) s.max = d;
    if (d < lo || d > hi) note(s.outside, line, v);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    const examples = (s: Sample) => s.lines.map((l, k) => `line ${l}: "${s.values[k]}"`);
    if (this.ragged.count) {
      out.push({ aspect: 'structure', status: 'deviation', count: this.ragged.count, lines: this.ragged.lines,
        details: this.ragged.lines.map((l, k) => `line ${l}: ${this.ragged.values[k]} fields`),
        message: `${fmtCount(this.ragged.count)} rows do not have ${this.o.width} fields like the header row (${linesText(this.ragged.lines, this.ragged.count)}); a value may hold an unquoted delimiter or line break.` });
    }
    for (const s of this.state) {
      if (s.bad.count) {
        const why = [...s.why.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        out.push({ aspect: 'values', status: 'deviation', field: s.field.name, count: s.bad.count, lines: s.bad.lines, details: examples(s.bad),
          message: `${s.field.name}: ${fmtCount(s.bad.count)} ${s.bad.count === 1 ? 'value is' : 'values are'} not ${typeName[s.field.type!] ?? s.field.type} as requested${why.startsWith('expected') ? '' : ` (${why})`}; first at ${linesText(s.bad.lines, s.bad.count)}.` });
      }
      if (s.empty.count) {
        out.push({ aspect: 'required', status: 'deviation', field: s.field.name, count: s.empty.count, lines: s.empty.lines,
          message: `${s.field.name}: ${fmtCount(s.empty.count)} ${s.empty.count === 1 ? 'row has' : 'rows have'} no value, but every row should have one (${linesText(s.empty.lines, s.empty.count)}).` });
      }
      if (s.outside.count) {
        const { from, to } = this.o.timeRange!;
        out.push({ aspect: 'time-range', status: 'deviation', field: s.field.name, count: s.outside.count, lines: s.outside.lines, details: examples(s.outside),
          message: `${s.field.name}: ${fmtCount(s.outside.count)} ${s.outside.count === 1 ? 'date is' : 'dates are'} outside the requested period ${from} to ${to} (the file runs from ${s.min} to ${s.max}); first at ${linesText(s.outside.lines, s.outside.count)}.` });
      } else if (s.min !== undefined) {
        out.push({ aspect: 'time-range', status: 'ok', field: s.field.name, message: `${s.field.name}: every date is within the requested period (${s.min} to ${s.max}).` });
      }
    }
    if (this.dupes.count) {
      out.push({ aspect: 'duplicates', status: 'deviation', count: this.dupes.count, lines: this.dupes.lines,
        details: this.dupes.lines.map((l, k) => `line ${l} repeats line ${this.dupes.values[k]}`),
        message: `${fmtCount(this.dupes.count)} ${this.dupes.count === 1 ? 'row repeats' : 'rows repeat'} an earlier row exactly (${linesText(this.dupes.lines, this.dupes.count)}).` });
    }
    if (this.dupesCapped) {
      out.push({ aspect: 'duplicates', status: 'info', message: `Duplicate rows were looked for among the first ${fmtCount(MAX_REMEMBERED)} distinct rows only.` });
    }
    const key = this.o.key;
    if (key && this.state[key.field]!.col >= 0) {
      out.push({ aspect: 'units', status: 'info', field: this.state[key.field]!.field.name, count: this.units.size,
        message: `${this.unitsCapped ? 'More than ' : ''}${fmtCount(this.units.size)} distinct ${key.unit} (${this.state[key.field]!.field.name}).` });
    }
    return out;
  }
}
