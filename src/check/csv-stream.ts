// A streaming RFC 4180 reader for any one-character delimiter and text qualifier: text goes in by
// chunks, records come out with the line each starts on. Memory stays at one chunk plus one record.
// Lenient where files are often wrong (a stray quote, text after a closing quote), counting each case
// so the report can name the lines, instead of stopping at the first one.

export interface CsvStats {
  records: number;
  crlf: number;
  lf: number;
  cr: number;
  /** Lines where a quote appears inside an unquoted value, or text follows a closing quote. */
  badQuotes: { count: number; lines: number[] };
  /** Line where a quoted value starts that never ends (or grows past MAX_RECORD), if any. */
  unterminated?: number;
}

/** A record longer than this (about 16 MB of text) means a quote that never closes. */
export const MAX_RECORD = 16 * 1024 * 1024;

export type OnRecord = (fields: string[], line: number) => void;

interface Parsed { end: number; fields: string[]; newlines: number; eol: 'crlf' | 'lf' | 'cr' | 'eof'; badQuote: boolean; quoted: boolean; h1: number; h2: number }

const P1 = 2654435761;
const P2 = 1597334677;
/** Mixed in after each value, so that ["ab", ""] and ["a", "b"] differ: no character code equals it. */
const END = 0x10000;

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

  constructor(delimiter: string, quote: string | undefined, private readonly onRecord: OnRecord, private readonly hash = false) {
    this.d = delimiter.charCodeAt(0);
    this.quote = quote ?? '';
    this.q = quote ? quote.charCodeAt(0) : -1;
  }

  push(text: string): void {
    if (this.stopped) return;
    this.buf = this.buf ? this.buf + text : text;
    this.drain(false);
  }

  end(): void {
    if (!this.stopped) this.drain(true);
    this.buf = '';
  }

  private drain(final: boolean): void {
    const s = this.buf;
    let i = 0;
    while (i < s.length) {
      const r = this.record(s, i, final);
      if (!r) break;
      i = r.end;
      const st = this.stats;
      if (r.eol !== 'eof') st[r.eol]++;
      if (r.badQuote) {
        st.badQuotes.count++;
        if (st.badQuotes.lines.length < 10) st.badQuotes.lines.push(this.line);
      }
      // Blank lines carry no record.
      if (r.quoted || r.fields.length > 1 || r.fields[0] !== '') {
        st.records++;
        this.h1 = r.h1;
        this.h2 = r.h2;
        this.onRecord(r.fields, this.line);
      }
      this.line += r.newlines + (r.eol === 'eof' ? 0 : 1);
    }
    this.buf = s.slice(i);
    if (!final && this.buf.length > MAX_RECORD) {
      this.stats.unterminated = this.line;
      this.stopped = true;
      this.buf = '';
    }
  }

  /** One record from `i`, or undefined when the text ends inside it and more may come. */
  private record(s: string, i: number, final: boolean): Parsed | undefined {
    const fields: string[] = [];
    const n = s.length;
    let newlines = 0;
    let badQuote = false;
    let quoted = false;
    const hash = this.hash;
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (;;) {
      let value: string;
      if (s.charCodeAt(i) === this.q) {
        quoted = true;
        let parts = '';
        let seg = i + 1;
        let j = seg;
        for (;;) {
          const k = s.indexOf(this.quote, j);
          if (k === -1 || (k + 1 === n && !final)) {
            if (!final) return undefined;
            // The file ends inside quotes: keep what there is and say where it started.
            this.stats.unterminated ??= this.line + newlines;
            parts += s.slice(seg);
            j = n;
            break;
          }
          if (s.charCodeAt(k + 1) === this.q) { parts += s.slice(seg, k + 1); j = seg = k + 2; continue; }
          parts += s.slice(seg, k);
          j = k + 1;
          break;
        }
        for (let p = parts.indexOf('\n'); p !== -1; p = parts.indexOf('\n', p + 1)) newlines++;
        i = j;
        // Text after the closing quote belongs to the value, as spreadsheets read it.
        const stop = this.scan(s, i);
        if (stop === n && !final) return undefined;
        if (stop > i) { badQuote = true; parts += s.slice(i, stop); i = stop; }
        value = parts;
        if (hash) {
          for (let k = 0; k < parts.length; k++) {
            const c = parts.charCodeAt(k);
            h1 = Math.imul(h1 ^ c, P1);
            h2 = Math.imul(h2 ^ c, P2);
          }
        }
      } else {
        let stop: number;
        if (hash) {
          // scan(), hashing each character on the way.
          const d = this.d;
          let j = i;
          for (; j < n; j++) {
            const c = s.charCodeAt(j);
            if (c === d || c === 10 || c === 13) break;
            h1 = Math.imul(h1 ^ c, P1);
            h2 = Math.imul(h2 ^ c, P2);
          }
          stop = j;
        } else stop = this.scan(s, i);
        if (stop === n && !final) return undefined;
        value = s.slice(i, stop);
        if (this.q !== -1 && value.includes(this.quote)) badQuote = true;
        i = stop;
      }
      fields.push(value);
      if (hash) {
        h1 = Math.imul(h1 ^ END, P1);
        h2 = Math.imul(h2 ^ END, P2);
      }
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
