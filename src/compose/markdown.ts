// Markdown (the output of the letter templates) -> Document blocks, read by marked's lexer (the one
// Markdown reader). Raw HTML in a template is printed literally: templates are prose, not markup
// for a browser.
import { Lexer, Tokenizer, type Token, type Tokens } from 'marked';
import type { Block, Inline } from '../document.js';

/** Backslash-escapes every character Markdown could read as markup, so spec values stay data. */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
    // A value is inline text wherever a template puts it (a sentence, a table cell, a list item):
    // its line breaks, blank lines included, become spaces, so it can never end a table or a list.
    .replace(/\s*\n\s*/g, ' ').trim();
}

/** GFM without bare-URL autolinks: a URL inside a spec value is text, and escapes inside it must hold. */
class NoAutolinkTokenizer extends Tokenizer {
  override url(): undefined {
    return undefined;
  }
}

export function markdownToBlocks(markdown: string): Block[] {
  return blocks(new Lexer({ gfm: true, tokenizer: new NoAutolinkTokenizer() }).lex(markdown));
}

function blocks(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break;
      case 'heading': {
        const level = Math.min(Math.max(t.depth, 1), 3) as 1 | 2 | 3;
        out.push({ type: 'heading', level, children: inlines(t.tokens ?? []) });
        break;
      }
      case 'paragraph':
        out.push({ type: 'paragraph', children: inlines(t.tokens ?? []) });
        break;
      case 'text': // the body of a tight list item
        out.push({ type: 'paragraph', children: t.tokens ? inlines(t.tokens) : [{ type: 'text', value: t.text }] });
        break;
      case 'list': {
        const l = t as Tokens.List;
        const items = l.items.map((i) => blocks(i.tokens));
        // marked gives '' for a bullet list; an ordered one keeps its first number ("3." stays 3).
        const start = l.ordered && typeof l.start === 'number' && l.start !== 1 ? { start: l.start } : {};
        out.push({ type: 'list', ordered: l.ordered, ...start, items });
        break;
      }
      case 'table': {
        const tt = t as Tokens.Table;
        out.push({ type: 'table', header: tt.header.map((c) => inlines(c.tokens)), rows: tt.rows.map((r) => r.map((c) => inlines(c.tokens))) });
        break;
      }
      case 'blockquote':
        out.push({ type: 'quote', children: blocks(t.tokens ?? []) });
        break;
      case 'hr':
        out.push({ type: 'pageBreak' });
        break;
      default: // code, html and anything else: the source text, literally
        out.push({ type: 'paragraph', children: [{ type: 'text', value: (t as { text?: string }).text ?? t.raw }] });
    }
  }
  return out;
}

function inlines(tokens: readonly Token[]): Inline[] {
  const out: Inline[] = [];
  const push = (value: string) => {
    if (!value) return;
    const last = out.at(-1);
    if (last?.type === 'text') last.value += value;
    else out.push({ type: 'text', value });
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        if ('tokens' in t && t.tokens?.length) out.push(...inlines(t.tokens));
        else push(t.text.replace(/\s*\n\s*/g, ' '));
        break;
      case 'escape':
      case 'codespan':
      case 'html':
        push(t.text);
        break;
      case 'strong':
        out.push({ type: 'strong', children: inlines(t.tokens ?? []) });
        break;
      case 'em':
        out.push({ type: 'emphasis', children: inlines(t.tokens ?? []) });
        break;
      case 'del':
        out.push(...inlines(t.tokens ?? []));
        break;
      case 'link':
        out.push({ type: 'link', url: t.href, children: inlines(t.tokens ?? []) });
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      default:
        push(t.raw);
    }
  }
  return out;
}
