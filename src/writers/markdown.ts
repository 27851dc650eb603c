// Document -> Markdown (CommonMark + GFM tables), for email bodies and review in pull requests.
import type { Block, Document, Inline } from '../document.js';

export interface MarkdownWriter { extension: 'md'; write(doc: Document): Promise<Uint8Array> }

export async function createMarkdownWriter(): Promise<MarkdownWriter> {
  return { extension: 'md', write: async (doc) => new TextEncoder().encode(toMarkdown(doc)) };
}

export function toMarkdown(doc: Document): string {
  return doc.blocks.map((b) => block(b, '')).filter(Boolean).join('\n\n') + '\n';
}

/** Escapes what CommonMark would read as markup, so text round-trips literally. */
function esc(s: string, lineStart = true): string {
  // One pass over the original text; an underscore inside a word (polling_station_code) is never
  // emphasis in GFM, so it stays readable.
  const out = s.replace(/[\\`*[\]<>|_]/g, (m, i: number) =>
    m === '_' && /\w/.test(s[i - 1] ?? '') && /\w/.test(s[i + 1] ?? '') ? m : `\\${m}`);
  return lineStart ? out
    .replace(/^(\s*)([#+\-=>]|\d+[.)])/gm, (_m, sp: string, mark: string) => `${sp}${mark.replace(/[#+\-=>.)]/, '\\$&')}`) : out;
}

function inline(nodes: readonly Inline[], lineStart = true): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'text': return esc(n.value, lineStart);
      case 'strong': return `**${inline(n.children)}**`;
      case 'emphasis': return `*${inline(n.children)}*`;
      case 'link': return `[${inline(n.children)}](<${n.url.replace(/[<>]/g, encodeURIComponent)}>)`;
      case 'break': return '\\\n';
      default: { const never: never = n; throw new Error(`unknown inline ${JSON.stringify(never)}`); }
    }
  }).join('');
}

function block(b: Block, indent: string): string {
  switch (b.type) {
    case 'heading': return `${'#'.repeat(b.level)} ${inline(b.children, false)}`;
    case 'paragraph': {
      const text = inline(b.children);
      // Right-aligned and signature lines have no Markdown form; they stay plain paragraphs.
      return text.split('\n').map((l, i) => (i ? indent + l : l)).join('\n');
    }
    case 'list':
      return b.items.map((item, i) => {
        const marker = b.ordered ? `${i + 1}. ` : '- ';
        const pad = indent + ' '.repeat(marker.length);
        return marker + item.map((x) => block(x, pad)).join(`\n\n${pad}`);
      }).join('\n' + indent);
    case 'table': {
      const row = (cells: Inline[][]) => `| ${cells.map((c) => inline(c).replace(/\\\n/g, ' ')).join(' | ')} |`;
      return [row(b.header), `|${b.header.map(() => '---|').join('')}`, ...b.rows.map(row)].map((l, i) => (i ? indent + l : l)).join('\n');
    }
    case 'quote':
      return b.children.map((x) => block(x, '')).join('\n\n').split('\n').map((l, i) => (i ? indent : '') + (l ? `> ${l}` : '>')).join('\n');
    case 'pageBreak': return '---';
    default: { const never: never = b; throw new Error(`unknown block ${JSON.stringify(never)}`); }
  }
}
