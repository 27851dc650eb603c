// Markdown (the output of the letter templates) -> Document blocks: the quick reader first
// (markdown-fast.ts), marked's lexer for whatever it leaves. Raw HTML in a template is printed
// literally: templates are prose, not markup for a browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import type * as Marked from 'marked';
import type { Token, Tokens } from 'marked';
import type { Block, Inline } from '../document.js';
import { fastMarkdown } from './markdown-fast.js';

/** Backslash-escapes every character Markdown could read as markup, so spec values stay data. */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
    // A value is inline text wherever a template puts it (a sentence, a table cell, a list item):
    // its line breaks, blank lines included, become spaces, so it can never end a table or a list.
    .replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * marked reads what the quick reader leaves to it; it is loaded then, so a letter the quick reader
 * understands never pays for marked's set-up (~75 ms of a cold `oedr draft`, most of it building
 * and compiling regular expressions).
 */
let lexer: ((markdown: string) => Marked.TokensList) | undefined;
function markedLexer(): (markdown: string) => Marked.TokensList {
  if (lexer) return lexer;
  const { Lexer, Tokenizer } = loadMarked();
  /** GFM without bare-URL autolinks: a URL inside a spec value is text, and escapes inside it must hold. */
  class NoAutolinkTokenizer extends Tokenizer {
    override url(): undefined {
      return undefined;
    }
  }
  return (lexer = (markdown) => new Lexer({ gfm: true, tokenizer: new NoAutolinkTokenizer() }).lex(markdown));
}

/**
 * marked 18 is ESM only, and markdownToBlocks is synchronous: require() loads ES modules from Node
 * 20.19 on. Older Node 20 releases refuse (ERR_REQUIRE_ESM); for them marked's UMD build is run
 * as a CommonJS module by hand (its package is `"type": "module"`, so require() would read that
 * file as ESM too).
 */
export function loadMarked(viaRequire = true): typeof Marked {
  const load = createRequire(import.meta.url);
  if (viaRequire) {
    try {
      return load('marked') as typeof Marked;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw e;
    }
  }
  const file = load.resolve('marked/package.json').replace(/package\.json$/, 'lib/marked.umd.js');
  const module = { exports: {} as typeof Marked };
  runInThisContext(`(function (module, exports) {${readFileSync(file, 'utf8')}\n})`, { filename: file })(module, module.exports);
  return module.exports;
}

/** `fast: false` skips the quick reader (for the tests that hold the two to the same answers). */
export function markdownToBlocks(markdown: string, { fast = true } = {}): Block[] {
  return (fast ? fastMarkdown(markdown) : undefined) ?? blocks(markedLexer()(markdown));
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
