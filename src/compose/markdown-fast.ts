// A quick reader for the small, regular Markdown the letter templates write: ATX headings,
// paragraphs with `\` hard breaks, one-line bullet (`-`) and ordered list items, GFM tables, `>`
// quotes, `---` rules, `**strong**`, `*em*` (not nested), backslash escapes and plain inline links.
// For anything else, or anything that could read two ways (a line that might interrupt a paragraph,
// lazy continuation lines, indentation, `_`, backticks, `~`, `<`, `&...;`, unmatched or oddly placed
// `*`, whitespace other than spaces) it gives up and returns undefined, and marked reads the text as
// before. Why: marked's module set-up and first-use regex compilation were ~75 ms of a ~500 ms cold
// `oedr draft`. tests/compose/markdown-fast.test.ts holds it to marked's answers.
import type { Block, Inline } from '../document.js';

const GIVE_UP = Symbol('give up');
const giveUp = (): never => { throw GIVE_UP; };

/** Controls, tabs, CR and every whitespace but the space: marked and JavaScript's `\s` differ on them. */
const UNHANDLED = /[\0-\x09\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** What CommonMark lets a backslash escape. */
const ASCII_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
/** Characters after a closing `*`/`**` that leave no doubt it closes. */
const AFTER_CLOSER = new Set([undefined, ' ', '\n', '.', ',', ':', ';', '!', '?', ')']);
/**
 * `[text](url)`: the text holds escapes and characters that cannot start markup, with no space at
 * either end; the URL only characters that need no escaping, and no title.
 */
const LINK = /\[((?:\\[!-/:-@[-`{-~]|[^[\]\\`*_<>~!&\n ])(?:(?:\\[!-/:-@[-`{-~]|[^[\]\\`*_<>~!&\n])*(?:\\[!-/:-@[-`{-~]|[^[\]\\`*_<>~!&\n ]))?)\]\(([A-Za-z0-9\-._~:/?#@$+,;=%]+)\)/y;
/** The characters inlines() looks at; everything else is text. */
const PLAIN_RUN = /[\\\n*[_`~<!&]/g;
/** marked decodes numeric character references (`&#33;`); named ones it keeps. Both are left to it. */
const ENTITY = /&#?[A-Za-z0-9]+;/y;
const HEADING = /^(#{1,6}) (.*)$/;
const ITEM = /^(-|(\d{1,9})([.)])) (.*)$/;
const RULE = /^-{3,}$/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;
/**
 * Line starts that could begin another block (or a setext underline, a table delimiter row, an
 * indented line, a list) where a paragraph line is expected: the reader gives up on them. `**` and
 * `*` before a word open emphasis (a bullet or a rule needs a space or more stars after them).
 */
const NOT_PLAIN = /^(?:[ #>\-+=_|<`~:]|\*(?: |$)|\*\*(?:[ *]|$)|\d+[.)])/;

export function fastMarkdown(markdown: string): Block[] | undefined {
  if (UNHANDLED.test(markdown)) return undefined;
  try {
    return readBlocks(markdown.split('\n'));
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const isBlank = (line: string) => /^ *$/.test(line);

function readBlocks(lines: string[]): Block[] {
  // A last line of nothing but spaces, no line break after it (also inside a quote): marked adds a
  // space to the paragraph before it. Found in review; left to marked rather than imitated.
  if (/^ +$/.test(lines.at(-1) ?? '')) giveUp();
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) { i++; continue; }
    if (line.endsWith(' ')) giveUp(); // trailing spaces: hard breaks, or kept text; not worth the doubt
    let m: RegExpExecArray | null;
    if ((m = HEADING.exec(line))) {
      const text = m[2]!.trim();
      if (!text || text.endsWith('#')) giveUp(); // empty, or a closing `#` sequence
      out.push({ type: 'heading', level: Math.min(m[1]!.length, 3) as 1 | 2 | 3, children: inlines(text) });
      i++;
    } else if (RULE.test(line)) {
      out.push({ type: 'pageBreak' });
      i++;
    } else if (line.startsWith('>')) {
      const inner: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('>'); i++) inner.push(lines[i]!.slice(lines[i]![1] === ' ' ? 2 : 1));
      endsAtBlank(lines, i); // a plain line after a quote would be a lazy continuation of it
      const children = readBlocks(inner);
      if (!children.length) giveUp();
      out.push({ type: 'quote', children });
    } else if (ITEM.test(line)) {
      i = list(lines, i, out);
    } else if (line.startsWith('|') && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      i = table(lines, i, out);
    } else {
      const start = i;
      for (; i < lines.length && !isBlank(lines[i]!); i++) plainLine(lines[i]!);
      out.push({ type: 'paragraph', children: inlines(lines.slice(start, i).join('\n'), true) });
    }
  }
  return out;
}

/** A line that can only be paragraph text. */
function plainLine(line: string): void {
  if (NOT_PLAIN.test(line) || line.endsWith(' ')) giveUp();
}

function endsAtBlank(lines: string[], i: number): void {
  if (i < lines.length && !isBlank(lines[i]!)) giveUp();
}

/** One-line items of one kind (`-`, `1.` or `1)`), separated by nothing or by blank lines. */
function list(lines: string[], i: number, out: Block[]): number {
  const first = ITEM.exec(lines[i]!)!;
  const kind = first[3] ?? '-';
  const items: Block[][] = [];
  for (;;) {
    const m = ITEM.exec(lines[i]!)!;
    const text = m[4]!;
    // The item's text is read as blocks of its own: it must be a plain paragraph, and not a task box.
    plainLine(text);
    if (!text) giveUp();
    items.push([{ type: 'paragraph', children: inlines(text) }]);
    i++;
    let next = i;
    while (next < lines.length && isBlank(lines[next]!)) next++;
    const n = next < lines.length ? ITEM.exec(lines[next]!) : null;
    if (n && (n[3] ?? '-') === kind) { i = next; continue; }
    if (next === i && next < lines.length) giveUp(); // a line straight after an item: lazy continuation or worse
    break;
  }
  const start = first[2] === undefined ? undefined : Number(first[2]);
  out.push({ type: 'list', ordered: start !== undefined, ...(start !== undefined && start !== 1 ? { start } : {}), items });
  return i;
}

function table(lines: string[], i: number, out: Block[]): number {
  const header = splitCells(lines[i]!);
  const columns = lines[i + 1]!.split('|').length - 2;
  if (header.length !== columns) giveUp();
  const rows: Inline[][][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    if (lines[i]!.endsWith(' ')) giveUp();
    const cells = splitCells(lines[i]!);
    if (cells.length !== columns) giveUp();
    rows.push(cells.map((c) => inlines(c)));
  }
  endsAtBlank(lines, i);
  out.push({ type: 'table', header: header.map((c) => inlines(c)), rows });
  return i;
}

/** marked's splitCells: a `|` after an odd number of backslashes is text, `\|` becomes `|`, cells are trimmed. */
function splitCells(row: string): string[] {
  const cells = row.replace(/\|/g, (_m, offset: number, s: string) => {
    let escaped = false;
    for (let k = offset - 1; k >= 0 && s[k] === '\\'; k--) escaped = !escaped;
    return escaped ? '|' : ' |';
  }).split(/ \|/);
  if (!cells[0]!.trim()) cells.shift();
  if (cells.length && !cells.at(-1)!.trim()) cells.pop();
  return cells.map((c) => c.trim().replace(/\\\|/g, '|'));
}

/**
 * Inline content: text, escapes, `\` line breaks (paragraphs only), one level of `*`/`**`, links.
 * A line break becomes a space: the block reader has made sure no space stands beside it.
 */
function inlines(s: string, paragraph = false, nested = false): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.type === 'text') last.value += text;
    else out.push({ type: 'text', value: text });
    text = '';
  };
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === '\\') {
      const n = s[i + 1];
      if (n === undefined) giveUp();
      if (n === '\n') {
        if (!paragraph) giveUp();
        flush();
        out.push({ type: 'break' });
        i += 2;
      } else if (ASCII_PUNCTUATION.has(n!)) {
        text += n;
        i += 2;
      } else {
        text += c;
        i++;
      }
    } else if (c === '\n') {
      text += ' ';
      i++;
    } else if (c === '*') {
      if (nested) giveUp();
      const end = emphasis(s, i);
      flush();
      const size = s[i + 1] === '*' ? 2 : 1;
      const children = inlines(s.slice(i + size, end), paragraph, true);
      out.push(size === 2 ? { type: 'strong', children } : { type: 'emphasis', children });
      i = end + size;
    } else if (c === '[') {
      if (nested) giveUp();
      LINK.lastIndex = i;
      const m = LINK.exec(s) ?? giveUp();
      flush();
      out.push({ type: 'link', url: m[2]!, children: inlines(m[1]!, false, true) });
      i += m[0].length;
    } else if (c === '_' || c === '`' || c === '~' || c === '<' || (c === '!' && s[i + 1] === '[') || (c === '&' && entityAt(s, i))) {
      giveUp();
    } else {
      // Plain characters up to the next one that may mean something, in one slice.
      PLAIN_RUN.lastIndex = i + 1;
      const end = PLAIN_RUN.exec(s)?.index ?? s.length;
      text += s.slice(i, end);
      i = end;
    }
  }
  flush();
  return out;
}

function entityAt(s: string, i: number): boolean {
  ENTITY.lastIndex = i;
  return ENTITY.test(s);
}

/**
 * Where the `*` or `**` opening at `i` closes. Only the plain case: the opener starts a word after a
 * space (or the start), the text inside has no `*` of its own, and the closer ends a word before a
 * space, the end or sentence punctuation.
 */
function emphasis(s: string, i: number): number {
  const size = s[i + 1] === '*' ? 2 : 1;
  const before = s[i - 1];
  const after = s[i + size];
  if ((before !== undefined && before !== ' ' && before !== '\n') || after === undefined || after === ' ' || after === '\n' || after === '*') giveUp();
  for (let j = i + size; j < s.length; j++) {
    if (s[j] === '\\') { j++; continue; }
    if (s[j] === '*') {
      if (s[j - 1] === ' ' || s[j - 1] === '\n') giveUp();
      if ((s[j + 1] === '*') !== (size === 2) || !AFTER_CLOSER.has(s[j + size])) giveUp();
      return j;
    }
  }
  return giveUp();
}
