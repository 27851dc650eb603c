// The character encoding of a delivered file, judged byte by byte as it streams past: what it
// looks like (ASCII, UTF-8 with or without BOM, a single-byte Western encoding, UTF-16), and the
// lines holding bytes that the requested encoding cannot have.
import { isAscii } from 'node:buffer';
import { addLines, type CountedLines } from './model.js';

/** At most this many line numbers are kept per kind of problem; the counts are always exact. */
export const MAX_EXAMPLES = 10;

export type LineSample = CountedLines;

const sample = (): LineSample => ({ count: 0, lines: [] });

/** Windows-1252 leaves these five bytes undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export interface EncodingFacts {
  bom?: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';
  /** Lines with any byte of 0x80 or above. */
  nonAscii: LineSample;
  /** Lines with bytes that are not valid UTF-8. */
  invalidUtf8: LineSample;
  /** Lines with a valid multi-byte UTF-8 character. */
  utf8Multibyte: LineSample;
  /** Lines with bytes 0x80-0x9F (printable in Windows-1252, control codes in ISO-8859-1). */
  c1: LineSample;
  /** Lines with bytes Windows-1252 does not define. */
  undefined1252: LineSample;
}

/**
 * Adds the facts of a later stretch of the same file, inspected on its own from just after a line
 * break, its line 1 being line `base` + 1 here (split.ts): no line is in both.
 */
export function addFacts(into: EncodingFacts, from: EncodingFacts, base: number): void {
  for (const k of KINDS) addLines(into[k], from[k], base, MAX_EXAMPLES);
}

/** The kinds of line counted, in the order of their indexes in EncodingInspector. */
const KINDS = ['nonAscii', 'invalidUtf8', 'utf8Multibyte', 'c1', 'undefined1252'] as const;
const NON_ASCII = 0;
const INVALID = 1;
const MULTIBYTE = 2;
const C1 = 3;
const UNDEFINED = 4;

/** Feed it every byte of the file in order; `facts` then describes the whole file. */
export class EncodingInspector {
  readonly facts: EncodingFacts = {
    nonAscii: sample(), invalidUtf8: sample(), utf8Multibyte: sample(), c1: sample(), undefined1252: sample(),
  };
  private cur = 1;
  /** The line each kind of problem was last noted on, so that lines are counted, not bytes (also once the examples are full). */
  private readonly last = new Float64Array(KINDS.length);
  private readonly samples = KINDS.map((k) => this.facts[k]);
  /** Continuation bytes still expected in the current UTF-8 sequence, and the bounds of the next one. */
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;
  private seqLine = 1;
  private first: boolean;

  /** `fileStart` false: the bytes start within a file (just after a line break), where a BOM is not one. */
  constructor(fileStart = true) {
    this.first = fileStart;
  }

  /** The line the next byte is on, counting line feeds from 1. */
  get line(): number {
    return this.cur;
  }

  private note(kind: number, line: number): void {
    if (this.last[kind] === line) return;
    this.last[kind] = line;
    const s = this.samples[kind]!;
    s.count++;
    if (s.lines.length < MAX_EXAMPLES) s.lines.push(line);
  }

  push(b: Uint8Array): void {
    if (this.first && b.length) this.readBom(b);
    // Most files are ASCII throughout: a native scan of the chunk, then only its line breaks counted.
    if (!this.need && isAscii(b)) {
      const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) this.cur++;
      return;
    }
    for (let i = 0; i < b.length; i++) {
      const x = b[i]!;
      if (x < 0x80) {
        if (this.need) { this.note(INVALID, this.seqLine); this.need = 0; }
        if (x === 0x0a) this.cur++;
        continue;
      }
      this.note(NON_ASCII, this.cur);
      if (x <= 0x9f) this.note(C1, this.cur);
      if (UNDEFINED_1252.has(x)) this.note(UNDEFINED, this.cur);
      this.utf8(x);
    }
  }

  end(): void {
    if (this.need) this.note(INVALID, this.seqLine);
    this.need = 0;
  }

  private readBom(b: Uint8Array): void {
    this.first = false;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.facts.bom = 'UTF-8';
    else if (b[0] === 0xff && b[1] === 0xfe) this.facts.bom = 'UTF-16LE';
    else if (b[0] === 0xfe && b[1] === 0xff) this.facts.bom = 'UTF-16BE';
  }

  /** One byte of 0x80 or above through the UTF-8 state machine (Unicode table 3-7). */
  private utf8(x: number): void {
    if (this.need) {
      if (x >= this.lo && x <= this.hi) {
        this.lo = 0x80; this.hi = 0xbf;
        if (--this.need === 0) this.note(MULTIBYTE, this.seqLine);
        return;
      }
      this.note(INVALID, this.seqLine);
      this.need = 0;
    }
    this.seqLine = this.cur;
    this.lo = 0x80; this.hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) this.need = 1;
    else if (x >= 0xe0 && x <= 0xef) { this.need = 2; if (x === 0xe0) this.lo = 0xa0; if (x === 0xed) this.hi = 0x9f; }
    else if (x >= 0xf0 && x <= 0xf4) { this.need = 3; if (x === 0xf0) this.lo = 0x90; if (x === 0xf4) this.hi = 0x8f; }
    else this.note(INVALID, this.cur);
  }
}

export type EncodingGuess = 'ASCII' | 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252' | 'single-byte';

/** What the bytes look like. Single-byte encodings cannot be told apart for certain; say so. */
export function guessEncoding(f: EncodingFacts): EncodingGuess {
  if (f.bom === 'UTF-16LE' || f.bom === 'UTF-16BE') return f.bom;
  if (f.nonAscii.count === 0) return f.bom ? 'UTF-8' : 'ASCII';
  if (f.invalidUtf8.count === 0) return 'UTF-8';
  if (f.c1.count > 0 && f.undefined1252.count === 0) return 'Windows-1252';
  return 'single-byte';
}

export const guessName = (g: EncodingGuess, f: EncodingFacts): string => {
  switch (g) {
    case 'ASCII': return 'plain ASCII (which is also valid UTF-8)';
    case 'UTF-8': return f.bom ? 'UTF-8 with a byte-order mark (BOM)' : 'UTF-8';
    case 'Windows-1252': return 'Windows-1252 (the Western "ANSI" encoding of Windows)';
    case 'single-byte': return 'a single-byte encoding such as ISO-8859-1 or Windows-1252';
    default: return g;
  }
};

/** The WHATWG label TextDecoder should read the file with, given the request and what was seen. */
export function decoderLabel(requested: string, head: EncodingFacts): string {
  if (head.bom) return head.bom.toLowerCase();
  const g = guessEncoding(head);
  const wantsUtf8 = /^utf-?8$/i.test(requested) || /^ascii$/i.test(requested);
  if (wantsUtf8 && (g === 'Windows-1252' || g === 'single-byte')) return 'windows-1252';
  if (!wantsUtf8 && g === 'UTF-8' && head.utf8Multibyte.count > 0) return 'utf-8';
  try {
    return new TextDecoder(requested).encoding;
  } catch {
    return 'utf-8';
  }
}
