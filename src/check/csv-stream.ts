// A streaming RFC 4180 reader for any one-character delimiter and text qualifier: text goes in by
// chunks, records come out with the line each starts on. Memory stays at one chunk plus one record.
// Lenient where files are often wrong (a stray quote, text after a closing quote), counting each case
// so the report can name the lines, instead of stopping at the first one.
import { addLines, type CountedLines } from './model.js';

export interface CsvStats {
  records: number;
  crlf: number;
  lf: number;
  cr: number;
  /** Lines where a quote appears inside an unquoted value, or text follows a closing quote. */
  badQuotes: CountedLines;
  /** Line where a quoted value starts that never ends (or grows past MAX_RECORD), if any. */
  unterminated?: number;
}

/** Lines kept of records with a stray quote; the count is always exact. */
const QUOTE_EXAMPLES = 10;

/**
 * Adds the stats of a later stretch of the same text, read by a reader of its own whose line 1 is
 * line `base` + 1 here (split.ts reads large files in parts, on worker threads).
 */
export function addStats(into: CsvStats, from: CsvStats, base: number): void {
  into.records += from.records;
  into.crlf += from.crlf;
  into.lf += from.lf;
  into.cr += from.cr;
  addLines(into.badQuotes, from.badQuotes, base, QUOTE_EXAMPLES);
  if (from.unterminated !== undefined) into.unterminated ??= from.unterminated + base;
}

/** A record longer than this (about 16 MB of text) means a quote that never closes. */
export const MAX_RECORD = 16 * 1024 * 1024;

export type OnRecord = (fields: string[], line: number) => void;
export type OnRaw = (row: RawRecord, line: number) => void;

/**
 * A record where its text lies, for readers that look at most values without keeping them: value k
 * is text[starts[k]..ends[k]) (for a quoted value, the text between the quotes), or, for a quoted
 * value that is not one stretch of the text (doubled quotes inside, text after the closing quote,
 * the file ending inside it), the string quoted[k], with starts[k] -1. Valid only during the
 * callback; cell(k) and cells() make strings of it.
 */
export class RawRecord {
  text = '';
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  quoted: (string | undefined)[] = [];

  cell(k: number): string {
    if (k >= this.count) return '';
    const a = this.starts[k]!;
    return a < 0 ? this.quoted[k]! : this.text.slice(a, this.ends[k]);
  }

  cells(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.cell(k));
    return out;
  }

  add(start: number, end: number, quoted: string | undefined): void {
    const k = this.count++;
    if (k === this.starts.length) {
      const s = new Int32Array(k * 2); s.set(this.starts); this.starts = s;
      const e = new Int32Array(k * 2); e.set(this.ends); this.ends = e;
    }
    this.starts[k] = start;
    this.ends[k] = end;
    this.quoted[k] = quoted;
  }
}

interface Parsed { end: number; fields: string[]; newlines: number; eol: 'crlf' | 'lf' | 'cr' | 'eof'; badQuote: boolean; quoted: boolean; h1: number; h2: number }

const P1 = 2654435761;
const P2 = 1597334677;
/**
 * After each value its length is mixed in with other multipliers, so that ["ab", ""] and ["a", "b"]
 * differ, and so do "a" and "a\u0000" (characters are hashed two by two, a last odd one alone).
 */
const P3 = 2246822519;
const P4 = 3266489917;

export class CsvStream {
  readonly stats: CsvStats = { records: 0, crlf: 0, lf: 0, cr: 0, badQuotes: { count: 0, lines: [] } };
  /**
   * With `hash` on, while onRecord runs: a 64-bit hash of the record's values, as two running
   * 32-bit halves that Hasher.finish (hash-table.ts) mixes. It is computed in the loop that finds
   * where each value ends, instead of in a second pass over every character.
   */
  h1 = 0;
  h2 = 0;
  private buf = '';
  private line = 1;
  private stopped = false;
  private readonly d: number;
  private readonly q: number;
  private readonly quote: string;
  /** With onRaw: the record being read, handed out without a string per value (and hashed). */
  private readonly raw?: RawRecord;
  /** The first qualifier in the buffer at or after where it was last looked for (its length when none; -1 before the first look). */
  private nextQ = -1;
  /** The same for line breaks inside quoted values. */
  private nextNl = -1;

  constructor(delimiter: string, quote: string | undefined, private readonly onRecord: OnRecord, private readonly hash = false, private readonly onRaw?: OnRaw) {
    this.d = delimiter.charCodeAt(0);
    this.quote = quote ?? '';
    this.q = quote ? quote.charCodeAt(0) : -1;
    if (onRaw) { this.raw = new RawRecord(); this.hash = true; }
  }

  push(text: string): void {
    if (this.stopped) return;
    if (this.buf) {
      // The record cut by the end of the last chunk is read on its own, up to the first line break
      // of this one, and the rest of the chunk where it lies: reading the characters of one long
      // joined string (a rope) is about a third slower than of the chunk itself.
      const nl = text.indexOf('\n');
      if (nl !== -1 && nl + 1 < text.length) {
        this.buf += text.slice(0, nl + 1);
        this.drain(false, 0, false);
        if (this.buf) this.buf += text.slice(nl + 1);
        else {
          this.buf = text;
          this.drain(false, nl + 1);
          return;
        }
      } else this.buf += text;
    } else this.buf = text;
    this.drain(false, 0);
  }

  end(): void {
    if (!this.stopped) this.drain(true, 0);
    this.buf = '';
  }

  /**
   * Whether every record pushed so far has been read: none is cut by the end of the text pushed,
   * and the reader has not stopped. Text pushed next then starts a record on line `nextLine`.
   */
  get atBoundary(): boolean {
    return this.buf === '' && !this.stopped;
  }

  get nextLine(): number {
    return this.line;
  }

  /** The length of the text held for the record cut by the end of the text pushed so far. */
  get pending(): number {
    return this.buf.length;
  }

  /** Whether the reader gave up on a record longer than MAX_RECORD. */
  get gaveUp(): boolean {
    return this.stopped;
  }

  /** Reads the records of the buffer from `i`, keeping what is left of it for the next chunk. */
  private drain(final: boolean, i: number, last = true): void {
    const s = this.buf;
    this.nextQ = -1;
    this.nextNl = -1;
    if (this.raw) this.raw.text = s;
    while (i < s.length) {
      const r = this.record(s, i, final);
      if (!r) break;
      i = r.end;
      const st = this.stats;
      if (r.eol !== 'eof') st[r.eol]++;
      if (r.badQuote) {
        st.badQuotes.count++;
        if (st.badQuotes.lines.length < QUOTE_EXAMPLES) st.badQuotes.lines.push(this.line);
      }
      // Blank lines carry no record.
      const raw = this.raw;
      if (raw ? r.quoted || raw.count > 1 || raw.ends[0]! > raw.starts[0]! : r.quoted || r.fields.length > 1 || r.fields[0] !== '') {
        st.records++;
        this.h1 = r.h1;
        this.h2 = r.h2;
        if (raw) this.onRaw!(raw, this.line);
        else this.onRecord(r.fields, this.line);
      }
      this.line += r.newlines + (r.eol === 'eof' ? 0 : 1);
    }
    this.buf = s.slice(i);
    if (!final && last && this.buf.length > MAX_RECORD) {
      this.stats.unterminated = this.line;
      this.stopped = true;
      this.buf = '';
    }
  }

  /** One record from `i`, or undefined when the text ends inside it and more may come. */
  private record(s: string, i: number, final: boolean): Parsed | undefined {
    const fields: string[] = [];
    const raw = this.raw;
    if (raw) raw.count = 0;
    const n = s.length;
    let newlines = 0;
    let badQuote = false;
    let quoted = false;
    const hash = this.hash;
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (;;) {
      let value = '';
      if (s.charCodeAt(i) === this.q) {
        quoted = true;
        // The value is the text between the quotes (s[seg, end)) unless it holds doubled quotes,
        // runs to the end of the file, or has text after its closing quote: then `parts`, joined.
        let parts = '';
        let whole = true;
        const seg = i + 1;
        let from = seg;
        let end = -1;
        let j = seg;
        for (;;) {
          const k = s.indexOf(this.quote, j);
          if (k === -1 || (k + 1 === n && !final)) {
            if (!final) return undefined;
            // The file ends inside quotes: keep what there is and say where it started.
            this.stats.unterminated ??= this.line + newlines;
            parts += s.slice(from);
            whole = false;
            j = n;
            break;
          }
          if (s.charCodeAt(k + 1) === this.q) { parts += s.slice(from, k + 1); whole = false; j = from = k + 2; continue; }
          end = k;
          j = k + 1;
          break;
        }
        // Line breaks inside the quotes, found from where the last search for one stopped.
        const last = end >= 0 ? end : n;
        if (this.nextNl < seg) this.nextNl = this.find(s, '\n', seg);
        while (this.nextNl < last) { newlines++; this.nextNl = this.find(s, '\n', this.nextNl + 1); }
        if (!whole && end >= 0) parts += s.slice(from, end);
        i = j;
        // Text after the closing quote belongs to the value, as spreadsheets read it.
        const stop = this.scan(s, i);
        if (stop === n && !final) return undefined;
        if (stop > i) {
          badQuote = true;
          if (whole) { parts = s.slice(seg, end); whole = false; }
          parts += s.slice(i, stop);
          i = stop;
        }
        if (whole) {
          if (raw) raw.add(seg, end, undefined);
          else value = s.slice(seg, end);
        } else {
          value = parts;
          if (raw) raw.add(-1, -1, parts);
        }
        if (hash) {
          const t = whole ? s : parts;
          const a = whole ? seg : 0;
          const m = whole ? end : parts.length;
          let k = a;
          for (; k + 1 < m; k += 2) {
            const c = t.charCodeAt(k) | (t.charCodeAt(k + 1) << 16);
            h1 = Math.imul(h1 ^ c, P1);
            h2 = Math.imul(h2 ^ c, P2);
          }
          if (k < m) {
            const c = t.charCodeAt(k);
            h1 = Math.imul(h1 ^ c, P1);
            h2 = Math.imul(h2 ^ c, P2);
          }
          h1 = Math.imul(h1 ^ (m - a), P3);
          h2 = Math.imul(h2 ^ (m - a), P4);
        }
      } else {
        let stop: number;
        if (hash) {
          // scan(), hashing the characters two by two on the way (as for a quoted value above).
          const d = this.d;
          let j = i;
          for (;;) {
            if (j >= n) break;
            const a = s.charCodeAt(j);
            if (a === d || a === 10 || a === 13) break;
            const b = j + 1 < n ? s.charCodeAt(j + 1) : 10;
            if (b === d || b === 10 || b === 13) {
              h1 = Math.imul(h1 ^ a, P1);
              h2 = Math.imul(h2 ^ a, P2);
              j++;
              break;
            }
            const c = a | (b << 16);
            h1 = Math.imul(h1 ^ c, P1);
            h2 = Math.imul(h2 ^ c, P2);
            j += 2;
          }
          stop = j;
          h1 = Math.imul(h1 ^ (j - i), P3);
          h2 = Math.imul(h2 ^ (j - i), P4);
        } else stop = this.scan(s, i);
        if (stop === n && !final) return undefined;
        if (this.q !== -1 && this.quoteBefore(s, i, stop)) badQuote = true;
        if (raw) raw.add(i, stop, undefined);
        else value = s.slice(i, stop);
        i = stop;
      }
      if (!raw) fields.push(value);
      if (i >= n) return { end: n, fields, newlines, eol: 'eof', badQuote, quoted, h1, h2 };
      const c = s.charCodeAt(i);
      if (c === this.d) { i++; continue; }
      if (c === 10) return { end: i + 1, fields, newlines, eol: 'lf', badQuote, quoted, h1, h2 };
      // c is a carriage return
      if (i + 1 === n && !final) return undefined;
      if (s.charCodeAt(i + 1) === 10) return { end: i + 2, fields, newlines, eol: 'crlf', badQuote, quoted, h1, h2 };
      return { end: i + 1, fields, newlines, eol: 'cr', badQuote, quoted, h1, h2 };
    }
  }

  /** s.indexOf(c, i), or the length of s when c is not there. */
  private find(s: string, c: string, i: number): number {
    const k = s.indexOf(c, i);
    return k === -1 ? s.length : k;
  }

  /** Whether the qualifier appears in s[i..stop): one search of the buffer for each qualifier in it, not one for each value. */
  private quoteBefore(s: string, i: number, stop: number): boolean {
    if (this.nextQ < i) {
      const k = s.indexOf(this.quote, i);
      this.nextQ = k === -1 ? s.length : k;
    }
    return this.nextQ < stop;
  }

  /** The index of the next delimiter or line break from `i`, or the end of `s`. */
  private scan(s: string, i: number): number {
    const n = s.length;
    const d = this.d;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === d || c === 10 || c === 13) return i;
      i++;
    }
    return n;
  }
}
