// Document -> plain text, for the body of an email that carries the letter (`oedr send`): no markup
// to show as stray asterisks or backslashes in a mail client. Paragraphs stay one line each, and the
// mail encoder wraps them, so clients that reflow text can.
import type { Block, Document, Inline } from '../document.js';

export function toPlainText(doc: Document): string {
  return blocks(doc.blocks, '').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function inline(nodes: readonly Inline[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text': out += n.value; break;
      case 'strong':
      case 'emphasis': out += inline(n.children); break;
      // A link whose text is not its address keeps the address, which a reader of plain text needs.
      case 'link': {
        const label = inline(n.children);
        const bare = n.url.replace(/^mailto:/, '');
        out += label === n.url || label === bare ? label : `${label} <${bare}>`;
        break;
      }
      case 'break': out += '\n'; break;
      default: {
        const never: never = n;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

function blocks(list: readonly Block[], indent: string): string {
  return list.map((b) => block(b, indent)).filter((s) => s !== '').join('\n\n');
}

function block(b: Block, indent: string): string {
  const lines = (s: string) => s.split('\n').map((l) => indent + l).join('\n');
  switch (b.type) {
    case 'heading': {
      const title = inline(b.children);
      return b.level === 1 ? lines(`${title}\n${'='.repeat(Math.min([...title].length, 72))}`) : lines(title);
    }
    case 'paragraph': return lines(inline(b.children));
    case 'list':
      return b.items.map((item, i) => {
        const mark = b.ordered ? `${(b.start ?? 1) + i}. ` : '- ';
        const body = blocks(item, ' '.repeat(mark.length)).trimStart();
        return indent + mark + body;
      }).join('\n');
    // Rows as lines, each cell after its column's heading: a grid drawn with spaces falls apart in a
    // proportional font, which most mail clients use.
    case 'table': {
      const head = b.header.map(inline);
      return b.rows.map((row) => indent + '- ' + row.map((c, i) => {
        const cell = inline(c);
        return i === 0 ? cell : `${head[i] ?? ''}: ${cell}`;
      }).filter((s) => !/: $/.test(s)).join('; ')).join('\n');
    }
    case 'quote': return blocks(b.children, indent + '> ');
    case 'pageBreak': return '';
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}
