// Document -> Markdown (CommonMark + GFM tables), for email bodies and review in pull requests.
// Text is escaped so that a Markdown renderer shows exactly the Document's text: no markup, HTML
// entity, list marker or heading mark can come from a value (tests/writers/markdown.test.ts).
import { isRightToLeft, linkAllowed, type Block, type Document, type Inline } from '../document.js';

export interface MarkdownWriter { extension: 'md'; write(doc: Document): Promise<Uint8Array> }

export async function createMarkdownWriter(): Promise<MarkdownWriter> {
  return { extension: 'md', write: async (doc) => new TextEncoder().encode(toMarkdown(doc)) };
}

/**
 * The text stays in logical order. A right-to-left letter is wrapped in `<div dir="rtl">` (blank
 * lines around its body, so the Markdown inside is still Markdown), as GitHub and most viewers
 * otherwise set every paragraph from the left.
 */
export function toMarkdown(doc: Document): string {
  const body = blocks(doc.blocks, '');
  if (!isRightToLeft(doc.meta.language)) return body + '\n';
  return `<div dir="rtl" lang="${doc.meta.language.replace(/[^A-Za-z0-9-]/g, '')}">\n\n${body}\n\n</div>\n`;
}

// An underscore between letters or digits (polling_station_code) is never emphasis in CommonMark,
// so it stays readable; ASCII only, as the cautious reading of "alphanumeric".
const ALNUM = /[A-Za-z0-9]/;

/**
 * GFM makes bare URLs and e-mail addresses links, whose text is then taken literally: backslash
 * escapes inside would show. So "http://" and "www." are broken up with an escape (the text stays
 * the same, only not clickable), and an address is left a link only when nothing in it is escaped.
 */
function badEmail(s: string, at: number): boolean {
  const local = /[\w.!#$%&'*+/=?`{|}~-]*$/.exec(s.slice(0, at))![0];
  return /[\\`*|~&]|(^|[^A-Za-z0-9])_|_($|[^A-Za-z0-9])/.test(local);
}

/** Escapes what CommonMark or GFM would read as markup, so text round-trips literally. */
export function escapeText(s: string, atLineStart: boolean): string {
  const out = s
    .replace(/[\\`*[\]<>|_~]|&(?=#?\w+;)|(?<=(?:https?|ftp)):(?=\/\/)|(?<=www)\.|@/gi, (m, i: number) =>
      (m === '_' && ALNUM.test(s[i - 1] ?? '') && ALNUM.test(s[i + 1] ?? '')) || (m === '@' && !badEmail(s, i)) ? m : `\\${m}`)
    // A newline in a value is a line break in every writer (DOCX, PDF), so a hard break here too.
    .replace(/\r\n|\r|\n/g, '\\\n');
  // Block markers count only at the start of a line: headings, list items, setext underlines, quotes.
  const marker = /^([ \t]*)([#+\-=>]|\d{1,9}[.)])/gm;
  return out.replace(marker, (m: string, sp: string, mark: string, at: number) =>
    at === 0 && !atLineStart ? m : `${sp}${mark.replace(/[#+\-=>.)]/, '\\$&')}`);
}

/** Inline content; adjacent text nodes are escaped as one, since markup can span them ("AT&" "amp;"). */
function inline(nodes: readonly Inline[], atLineStart = true): string {
  let out = '';
  let pending = '';
  const flush = () => {
    out += escapeText(pending, atLineStart && (out === '' || out.endsWith('\n')));
    pending = '';
  };
  for (const n of nodes) {
    if (n.type === 'text') {
      pending += n.value;
      continue;
    }
    flush();
    switch (n.type) {
      case 'strong': out += delimit('**', inline(n.children, false)); break;
      case 'emphasis': out += delimit('*', inline(n.children, false)); break;
      case 'link': out += linkAllowed(n.url) ? `[${inline(n.children, false)}](<${n.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : inline(n.children, false); break;
      case 'break': out += '\\\n'; break;
      default: { const never: never = n; throw new Error(`unknown inline ${JSON.stringify(never)}`); }
    }
  }
  flush();
  return out;
}

/** `**` next to a space is not emphasis in CommonMark: spaces at the ends move outside the marks. */
function delimit(mark: string, inner: string): string {
  const m = /^(\s*)([^]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : inner;
}

/** A heading's trailing run of `#` would be read as its closing sequence and dropped. */
function headingText(children: readonly Inline[]): string {
  return inline(children, false).replace(/(^|[ \t])(#+)([ \t]*)$/, (_m, sp: string, run: string, end: string) => sp + run.replace(/#/g, '\\#') + end);
}

/**
 * Blocks separated by blank lines. Two lists of the same kind in a row would merge into one, so
 * the second uses the other marker ("*" or ")"), which CommonMark reads as a new list.
 */
function blocks(list: readonly Block[], indent: string): string {
  const parts: string[] = [];
  let alt = false;
  list.forEach((b, i) => {
    const prev = list[i - 1];
    alt = b.type === 'list' && prev?.type === 'list' && prev.ordered === b.ordered ? !alt : false;
    const text = block(b, indent, alt);
    if (text) parts.push(text);
  });
  return parts.join(`\n\n${indent}`);
}

function block(b: Block, indent: string, alt: boolean): string {
  switch (b.type) {
    case 'heading': return `${'#'.repeat(b.level)} ${headingText(b.children).replace(/\\\n/g, ' ')}`;
    case 'paragraph':
      // Right-aligned, closing and signature lines have no Markdown form; they stay plain paragraphs.
      return inline(b.children).split('\n').join(`\n${indent}`);
    case 'list': {
      const start = b.start ?? 1;
      return b.items.map((item, i) => {
        const marker = b.ordered ? `${start + i}${alt ? ')' : '.'} ` : alt ? '* ' : '- ';
        const pad = indent + ' '.repeat(marker.length);
        return marker + blocks(item, pad);
      }).join('\n' + indent);
    }
    case 'table': {
      const row = (cells: Inline[][]) => `| ${cells.map((c) => inline(c, false).replace(/\\\n/g, ' ')).join(' | ')} |`;
      return [row(b.header), `|${b.header.map(() => '---|').join('')}`, ...b.rows.map(row)].join(`\n${indent}`);
    }
    case 'quote':
      return blocks(b.children, '').split('\n').map((l) => (l ? `> ${l}` : '>')).join(`\n${indent}`);
    case 'pageBreak': return '---';
    // A picture has no file beside the Markdown letter to point at; its place is left empty.
    case 'image': return '';
    case 'signatures':
      // Each signer: a line to sign on, then name, title and organisation as one paragraph.
      return b.signers.map((s) => {
        const parts = ['_'.repeat(24), s.name, s.title, s.organisation].filter((x): x is string => !!x);
        return inline(parts.flatMap((value, k): Inline[] => (k ? [{ type: 'break' }, { type: 'text', value }] : [{ type: 'text', value }]))).split('\n').join(`\n${indent}`);
      }).join(`\n\n${indent}`);
    default: { const never: never = b; throw new Error(`unknown block ${JSON.stringify(never)}`); }
  }
}
