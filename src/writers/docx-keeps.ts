// Which DOCX paragraphs keep with the next one (w:keepNext) and keep their lines (w:keepLines), beyond
// what their styles say: a paragraph that introduces a table, the last one before the closing, and
// the lines pulled over to the signature block so that it never stands almost alone on a page.
import { plainText, type Block } from '../document.js';
import { textWidth } from './docx-styles.js';
import * as look from './style.js';

/** Rough characters a line of body text holds (Noto Sans at 10.5 pt averages about half an em). */
const CHARS_PER_LINE = Math.floor(textWidth / 20 / (look.font.size * 0.52));
const estimatedLines = (b: Block): number => (b.type === 'paragraph' ? Math.max(1, Math.ceil(plainText(b.children).length / CHARS_PER_LINE)) : 0);

/**
 * The paragraphs (and list items' first paragraphs) that end the letter before the signatures,
 * enough for `linesBeforeSignature` lines: each keeps with the next and keeps its lines, so Word
 * moves them over with the signatures rather than leave the signatures almost alone on a page.
 */
export function pullBeforeSignature(blocks: readonly Block[]): Set<Block> {
  const out = new Set<Block>();
  const sig = blocks.findIndex((b) => b.type === 'signatures');
  let need = look.linesBeforeSignature;
  for (let i = sig - 1; i >= 0 && need > 0; i--) {
    const b = blocks[i]!;
    if (b.type === 'list') {
      for (let k = b.items.length - 1; k >= 0 && need > 0; k--) {
        const first = b.items[k]![0];
        if (first) out.add(first);
        need -= Math.max(1, b.items[k]!.reduce((n, x) => n + estimatedLines(x), 0));
      }
    } else if (b.type === 'paragraph' || b.type === 'heading') {
      if (b.type === 'paragraph' && b.style === 'closing') continue;
      out.add(b);
      need -= estimatedLines(b);
    } else break;
  }
  return out;
}

/**
 * Keep-with-next as direct formatting where the style does not already say it: a paragraph that
 * introduces a table, or the last one before the closing (style.ts keepsWithNext).
 */
export function keepNext(b: Block, next: Block | undefined): { keepNext?: true } {
  const own = b.type === 'paragraph' && look.paragraphs[b.style ?? 'body'].keepWithNext === true;
  return !own && look.keepsWithNext(b, next) ? { keepNext: true } : {};
}
