// A quick reader for the plain block YAML that request specs are written in: mappings and lists
// by indentation, one-line plain and quoted values, and `|` / `>` text blocks. For anything else
// (anchors, tags, flow collections, multi-line plain or quoted values, tabs, CRLF, duplicate keys,
// a comment that may cut a value short, anything ambiguous) it gives up and returns undefined, and
// the `yaml` library reads the file as before. Why: yaml's lexer, parser and composer take ~1 ms for
// a 5 KB spec, most of `oedr validate`'s time on a batch; this takes a few hundredths of that.
// tests/spec/yaml-fast.test.ts holds it to the `yaml` library's data and positions.

/** A value with the offsets `locate` and `sourceAt` need, as yaml's node ranges give them. */
export interface FastNode {
  start: number;
  end: number;
  value: unknown;
  /** `key:` with nothing after it (yaml's empty scalar); located at its key. */
  empty?: boolean;
  pairs?: Map<string, { key: number; node: FastNode }>;
  items?: FastNode[];
}

const GIVE_UP = Symbol('give up');
const giveUp = (): never => { throw GIVE_UP; };

/** Characters the subset does not handle: tabs, CR, controls, BOM, Unicode line separators. */
const UNHANDLED = /[\0-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]|^(?:---|\.\.\.|%)/m;
const KEY = /[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/my;
const NOT_A_NAME = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '__proto__']);
/** Integers and decimals read exactly as yaml's core schema reads them (no leading zeros, <= 15 digits). */
const SAFE_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
const SAFE_DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
/** Anything else the core schema would read as a number: left to yaml. */
const NUMBER_LIKE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** First characters a plain value may not start with, or that this reader leaves to yaml. */
const INDICATORS = new Set(',[]{}#&*!|>\'"%@`?:');
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };

export function fastYaml(source: string): FastNode | undefined {
  if (UNHANDLED.test(source)) return undefined;
  try {
    return new Reader(source).document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

class Reader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Column where each line's content starts; a `- key:` line's is moved to the key's column. */
  private readonly indents: number[] = [];
  private line = 0;

  constructor(private readonly s: string) {
    for (let pos = 0; pos <= s.length;) {
      let end = s.indexOf('\n', pos);
      if (end === -1) end = s.length;
      let k = pos;
      while (k < end && s.charCodeAt(k) === 32) k++;
      this.starts.push(pos);
      this.ends.push(end);
      this.indents.push(k - pos);
      pos = end + 1;
    }
  }

  document(): FastNode {
    const first = this.nextContent();
    if (first === this.starts.length || this.indents[first] !== 0) giveUp();
    const root = this.block(0);
    if (this.nextContent() !== this.starts.length) giveUp();
    return root;
  }

  private content(j: number): number { return this.starts[j]! + this.indents[j]!; }

  /** The next line from the current one that holds something other than spaces or a comment. */
  private nextContent(): number {
    const n = this.starts.length;
    while (this.line < n) {
      const c = this.content(this.line);
      if (c !== this.ends[this.line] && this.s.charCodeAt(c) !== 35 /* # */) break;
      this.line++;
    }
    return this.line;
  }

  private isItem(j: number): boolean {
    const c = this.content(j);
    return this.s.charCodeAt(c) === 45 /* - */ && (c + 1 === this.ends[j] || this.s.charCodeAt(c + 1) === 32);
  }

  private isKey(at: number): boolean {
    KEY.lastIndex = at;
    return KEY.test(this.s);
  }

  private block(indent: number): FastNode {
    return this.isItem(this.line) ? this.list(indent) : this.mapping(indent);
  }

  private mapping(indent: number): FastNode {
    const s = this.s;
    const pairs = new Map<string, { key: number; node: FastNode }>();
    const value: Record<string, unknown> = {};
    let start = -1;
    let end = -1;
    for (;;) {
      const j = this.nextContent();
      if (j === this.starts.length || this.indents[j]! < indent) break;
      if (this.indents[j]! > indent || this.isItem(j)) giveUp();
      const c = this.content(j);
      const [key, colon] = this.key(c, this.ends[j]!);
      if (pairs.has(key)) giveUp();
      if (start < 0) start = c;
      const node = this.valueAfter(j, colon + 1, indent, true);
      pairs.set(key, { key: c, node });
      value[key] = node.value;
      end = node.end;
    }
    if (start < 0) giveUp();
    return { start, end, value, pairs };
  }

  /** `name:` or a quoted `"\t":` (words.yaml names its characters so): the key and its colon's offset. */
  private key(c: number, eol: number): [string, number] {
    const s = this.s;
    const q = s[c];
    if (q === '"' || q === "'") {
      const [key, close] = q === '"' ? this.doubleQuoted(c + 1, eol) : this.singleQuoted(c + 1, eol);
      if (s.charCodeAt(close) !== 58 || (close + 1 < eol && s.charCodeAt(close + 1) !== 32) || key === '__proto__') giveUp();
      return [key, close];
    }
    if (!this.isKey(c)) giveUp();
    const colon = KEY.lastIndex - (s.charCodeAt(KEY.lastIndex - 1) === 32 ? 2 : 1);
    const key = s.slice(c, colon);
    if (NOT_A_NAME.has(key)) giveUp();
    return [key, colon];
  }

  private list(indent: number): FastNode {
    const s = this.s;
    const items: FastNode[] = [];
    let start = -1;
    let end = -1;
    for (;;) {
      const j = this.nextContent();
      if (j === this.starts.length || this.indents[j]! < indent) break;
      if (this.indents[j]! > indent) giveUp();
      if (!this.isItem(j)) break; // `key:` then `- item` lines at the key's own column: the mapping goes on
      const c = this.content(j);
      if (start < 0) start = c;
      let at = c + 1;
      while (at < this.ends[j]! && s.charCodeAt(at) === 32) at++;
      let node: FastNode;
      if (at < this.ends[j]! && this.isKey(at)) {
        this.indents[j] = at - this.starts[j]!; // `- name: x`: a mapping that starts at `name`
        node = this.mapping(this.indents[j]!);
      } else node = this.valueAfter(j, c + 1, indent, false);
      items.push(node);
      end = node.end;
    }
    return { start, end, value: items.map((i) => i.value), items };
  }

  /** The value after `key:` or `-` at offset `at` of line `j`: on the line, in the lines below, or none. */
  private valueAfter(j: number, at: number, indent: number, inMapping: boolean): FastNode {
    const s = this.s;
    const eol = this.ends[j]!;
    let p = at;
    while (p < eol && s.charCodeAt(p) === 32) p++;
    if (p < eol && s.charCodeAt(p) !== 35) {
      if (p === at) giveUp(); // `-x` or `key:x` never get here (see isItem, KEY); be safe
      return this.inline(j, p, indent);
    }
    this.line = j + 1;
    const k = this.nextContent();
    if (k < this.starts.length && this.indents[k]! > indent) return this.block(this.indents[k]!);
    if (inMapping && k < this.starts.length && this.indents[k] === indent && this.isItem(k)) return this.list(indent);
    return { start: p, end: p, value: null, empty: true };
  }

  /** A value written on its own line from `p`: quoted, plain, or the header of a text block. */
  private inline(j: number, p: number, indent: number): FastNode {
    const s = this.s;
    const eol = this.ends[j]!;
    const c = s[p]!;
    let node: FastNode;
    if (c === '|' || c === '>') return this.textBlock(j, p, indent);
    if (c === '[') node = this.flowList(j, p, eol);
    else if (c === '{') node = this.flowMapping(p, eol);
    else if (c === '"' || c === "'") {
      const [value, close] = c === '"' ? this.doubleQuoted(p + 1, eol) : this.singleQuoted(p + 1, eol);
      this.afterValue(close, eol, false);
      node = { start: p, end: close, value };
    } else {
      if (INDICATORS.has(c) || (c === '-' && (p + 1 === eol || s.charCodeAt(p + 1) === 32))) giveUp();
      let e = p;
      while (e < eol && !(s.charCodeAt(e) === 35 && s.charCodeAt(e - 1) === 32)) e++;
      if (e < eol) this.afterValue(e - 1, eol, true);
      while (e > p && s.charCodeAt(e - 1) === 32) e--;
      const text = s.slice(p, e);
      if (text.includes(': ') || text.endsWith(':')) giveUp();
      node = { start: p, end: e, value: plainValue(text) };
    }
    // A more indented line after a one-line value continues it (or is a mistake): yaml's business.
    this.line = j + 1;
    for (let k = j + 1; k < this.starts.length; k++) {
      if (this.content(k) === this.ends[k]) continue;
      if (this.indents[k]! > indent) giveUp();
      break;
    }
    return node;
  }

  /** `[a, b]` or `[]` on one line, of plain values only. */
  private flowList(j: number, p: number, eol: number): FastNode {
    const s = this.s;
    let close = p;
    while (close < eol && s.charCodeAt(close) !== 93) close++;
    if (close === eol) giveUp();
    const inner = s.slice(p + 1, close);
    if (/[[\]{}"'#]/.test(inner)) giveUp();
    this.afterValue(close + 1, eol, false);
    const items: FastNode[] = [];
    if (inner.trim() !== '') {
      let from = p + 1;
      for (const piece of inner.split(',')) {
        const lead = piece.length - piece.trimStart().length;
        const text = piece.trim();
        if (text === '' || INDICATORS.has(text[0]!) || text.includes(':') || (text[0] === '-' && (text.length === 1 || text[1] === ' '))) giveUp();
        items.push({ start: from + lead, end: from + lead + text.length, value: plainValue(text) });
        from += piece.length + 1;
      }
    }
    return { start: p, end: close + 1, value: items.map((i) => i.value), items };
  }

  /** `{ name: a, example: "047" }` on one line, of plain or quoted values. */
  private flowMapping(p: number, eol: number): FastNode {
    const s = this.s;
    const pairs = new Map<string, { key: number; node: FastNode }>();
    const value: Record<string, unknown> = {};
    const skip = (k: number) => { while (k < eol && s.charCodeAt(k) === 32) k++; return k; };
    let k = skip(p + 1);
    while (s[k] !== '}') {
      if (!this.isKey(k)) giveUp();
      const colon = KEY.lastIndex - (s.charCodeAt(KEY.lastIndex - 1) === 32 ? 2 : 1);
      const key = s.slice(k, colon);
      if (NOT_A_NAME.has(key) || pairs.has(key)) giveUp();
      const at = skip(colon + 1);
      let node: FastNode;
      const c = s[at];
      if (c === '"' || c === "'") {
        const [text, close] = c === '"' ? this.doubleQuoted(at + 1, eol) : this.singleQuoted(at + 1, eol);
        node = { start: at, end: close, value: text };
      } else {
        let e = at;
        while (e < eol && !',}'.includes(s[e]!)) e++;
        const text = s.slice(at, e).trimEnd();
        if (text === '' || INDICATORS.has(c!) || /[[\]{}#:]/.test(text) || (c === '-' && (text.length === 1 || text[1] === ' '))) giveUp();
        node = { start: at, end: at + text.length, value: plainValue(text) };
      }
      pairs.set(key, { key: k, node });
      value[key] = node.value;
      k = skip(node.end);
      if (s[k] === ',') {
        k = skip(k + 1);
        if (s[k] === '}') giveUp(); // a trailing comma
      } else if (s[k] !== '}') giveUp();
    }
    this.afterValue(k + 1, eol, false);
    return { start: p, end: k + 1, value, pairs };
  }

  /** Only spaces and then a comment (`# ` or `#` at the end) may follow a value on its line. */
  private afterValue(from: number, eol: number, plain: boolean): void {
    const s = this.s;
    let k = from;
    while (k < eol && s.charCodeAt(k) === 32) k++;
    if (k === eol) return;
    // `#` must follow a space; `#7` right after a plain value gets a warning from yaml.ts's scan.
    if (s.charCodeAt(k) !== 35 || k === from || (plain && k + 1 < eol && s.charCodeAt(k + 1) !== 32)) giveUp();
  }

  private doubleQuoted(from: number, eol: number): [string, number] {
    const s = this.s;
    let out = '';
    let seg = from;
    for (let k = from; k < eol; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 34) return [out + s.slice(seg, k), k + 1];
      if (ch !== 92) continue;
      out += s.slice(seg, k);
      const e = s[k + 1];
      if (e !== undefined && e in ESCAPES) { out += ESCAPES[e]; k++; } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(k + 2, k + 6))) {
        const code = parseInt(s.slice(k + 2, k + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) giveUp();
        out += String.fromCharCode(code);
        k += 5;
      } else giveUp();
      seg = k + 1;
    }
    return giveUp();
  }

  private singleQuoted(from: number, eol: number): [string, number] {
    const s = this.s;
    let out = '';
    for (let k = from; ;) {
      let q = k;
      while (q < eol && s.charCodeAt(q) !== 39) q++;
      if (q === eol) giveUp();
      out += s.slice(k, q);
      if (s.charCodeAt(q + 1) !== 39) return [out, q + 1];
      out += "'";
      k = q + 2;
    }
  }

  /** `|` keeps line breaks, `>` folds them into spaces; `-` drops the final one. Nothing fancier. */
  private textBlock(j: number, p: number, indent: number): FastNode {
    const s = this.s;
    const eol = this.ends[j]!;
    const folded = s[p] === '>';
    let h = p + 1;
    const strip = s[h] === '-';
    if (strip) h++;
    this.afterValue(h, eol, false);
    if (h < eol && s.charCodeAt(h) !== 32) giveUp();
    const n = this.starts.length;
    const first = j + 1;
    if (first === n || this.content(first) === this.ends[first]) giveUp(); // leading blank lines
    const inner = this.indents[first]!;
    if (inner <= indent) giveUp();
    const lines: string[] = [];
    let last = first;
    for (let k = first; k < n; k++) {
      if (this.content(k) === this.ends[k]) {
        if (this.ends[k]! - this.starts[k]! > inner) giveUp(); // spaces that belong to the text
        lines.push('');
        continue;
      }
      if (this.indents[k]! < inner) break;
      if (this.indents[k]! > inner && folded) giveUp();
      lines.push(s.slice(this.starts[k]! + inner, this.ends[k]));
      last = k;
    }
    lines.length = last - first + 1; // blank lines after the text are not part of it
    let text = '';
    if (!folded) text = lines.join('\n');
    else {
      let blanks = 0;
      for (const [i, l] of lines.entries()) {
        if (l === '') { blanks++; continue; }
        text += i === 0 ? l : blanks ? '\n'.repeat(blanks) + l : ' ' + l;
        blanks = 0;
      }
    }
    this.line = last + 1;
    return { start: p, end: Math.min(this.ends[last]! + 1, s.length), value: strip ? text : text + '\n' };
  }
}

function plainValue(text: string): unknown {
  switch (text) {
    case '~': case 'null': case 'Null': case 'NULL': return null;
    case 'true': case 'True': case 'TRUE': return true;
    case 'false': case 'False': case 'FALSE': return false;
  }
  const c = text.charCodeAt(0);
  if (c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) {
    if (SAFE_INT.test(text) || SAFE_DECIMAL.test(text)) return Number(text);
    if (NUMBER_LIKE.test(text)) giveUp();
  }
  return text;
}

/** yaml's walk over the nodes: the node at a path, the key that holds it, and whether it exists. */
export function walkFast(root: FastNode, path: readonly PropertyKey[]): { node: FastNode; key?: number; found: boolean } {
  let node = root;
  let key: number | undefined;
  for (const seg of path) {
    if (node.pairs) {
      const pair = node.pairs.get(String(seg));
      if (!pair) return { node, key, found: false };
      key = pair.key;
      node = pair.node;
    } else if (node.items && typeof seg === 'number' && node.items[seg]) {
      key = undefined;
      node = node.items[seg];
    } else return { node, key, found: false };
  }
  return { node, key, found: true };
}

/** 1-based line and column of an offset, from the line starts. */
export function lineStarts(source: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}
