// The Markdown writer, read back with marked (the renderer most readers' tools resemble): hostile
// text renders as exactly that text, in every block where text can sit; lists keep their numbers.
import fc from 'fast-check';
import { Lexer, marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import type { Block, Document } from '../../src/document.js';
import { toMarkdown } from '../../src/writers/markdown.js';

const HOSTILE = ['AT&amp;T', '&#42;', '~~x~~', '~y~', '# heading #', '#', '*bold*', '**', '[x](http://e.org)', '<b>', '1. not a list', '2)', '- item', '+ item', '> quoted', '===', '---', '{{constructor}}', 'a_b_c', '_x_', '__', '\\', '\\*', 'a\\', '`code`', '|', '![i](x.png)', 'www.example.test', 'https://e.org/~u_', 'a@b.org', 'x*y@b.org', '&', '!'];

const doc = (blocks: Block[]): Document => ({
  meta: { title: 't', author: 'a', subject: 's', language: 'en', date: '2027-03-01', keywords: [], pageLabel: 'Page {page} of {pages}' },
  blocks,
});
const t = (value: string) => ({ type: 'text' as const, value });
const para = (value: string): Block => ({ type: 'paragraph', children: [t(value)] });

/** The text a reader sees; anything that is markup rather than text shows up as ⟦type⟧ and fails. */
function plain(tokens: readonly Token[]): string {
  return tokens.map((tok) => {
    switch (tok.type) {
      case 'text': {
        const x = tok as Tokens.Text;
        if (x.tokens?.length) return plain(x.tokens);
        // marked passes entity references through to the HTML, where they become other characters.
        return /&(#\d+|#x[0-9a-f]+|\w+);/i.test(x.text) ? `⟦entity ${x.text}⟧` : x.text;
      }
      case 'escape':
        return (tok as Tokens.Escape).text;
      case 'link': {
        // A GFM autolink (www.…, http://…) makes text clickable without changing it.
        const l = tok as Tokens.Link;
        return l.raw === l.text ? l.text : `⟦link ${l.raw}⟧`;
      }
      default:
        return `⟦${tok.type} ${tok.raw}⟧`;
    }
  }).join('');
}

/** The one block of a rendered single-block document and the plain text in it. */
function readBack(md: string): { type: string; text: string; token: Token } {
  const [token, ...rest] = new Lexer({ gfm: true }).lex(md).filter((x) => x.type !== 'space');
  expect(rest, md).toEqual([]);
  const tok = token!;
  switch (tok.type) {
    case 'paragraph':
    case 'heading':
      return { type: tok.type, text: plain(tok.tokens ?? []), token: tok };
    case 'list': {
      const item = (tok as Tokens.List).items[0]!;
      const inner = item.tokens.filter((x) => x.type !== 'space');
      expect(inner, md).toHaveLength(1);
      return { type: 'list', text: plain((inner[0] as Tokens.Text).tokens ?? []), token: tok };
    }
    case 'blockquote': {
      const inner = (tok as Tokens.Blockquote).tokens.filter((x) => x.type !== 'space');
      expect(inner.map((x) => x.type), md).toEqual(['paragraph']);
      return { type: 'blockquote', text: plain((inner[0] as Tokens.Paragraph).tokens), token: tok };
    }
    case 'table':
      return { type: 'table', text: plain((tok as Tokens.Table).rows[0]![0]!.tokens), token: tok };
    default:
      return { type: tok.type, text: `⟦${tok.raw}⟧`, token: tok };
  }
}

const contexts: [string, (v: string) => Block][] = [
  ['paragraph', para],
  ['heading', (v) => ({ type: 'heading', level: 2, children: [t(v)] })],
  ['list', (v) => ({ type: 'list', ordered: true, start: 7, items: [[para(v)]] })],
  ['blockquote', (v) => ({ type: 'quote', children: [para(v)] })],
  ['table', (v) => ({ type: 'table', header: [[t('h')]], rows: [[[t(v)]]] })],
];

describe('Markdown writer: escaping', () => {
  it.each(HOSTILE)('renders %j as exactly that text (marked.parse)', (value) => {
    const html = marked.parse(toMarkdown(doc([para(`x ${value} y`)])), { async: false });
    const shown = html.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '$1');
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(shown).toBe(`<p>${escapeHtml(`x ${value} y`)}</p>\n`);
  });

  it.each(contexts)('keeps hostile text literal at the start of a %s', (type, make) => {
    for (const value of HOSTILE) {
      const back = readBack(toMarkdown(doc([make(value)])));
      expect(back.type).toBe(type);
      expect(back.text, value).toBe(value);
    }
  });

  it('round-trips random text built from hostile pieces in every kind of block (property)', () => {
    const piece = fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(' ', 'a', 'Z9', '_', '*', '#', '&', ';', '.', ')', '\\', '~', '=', '-', '>', '<', '[', ']', '(', '`', '@', ':', '//'));
    const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((a) => a.join('')).filter((s) => s.trim() === s && s !== '');
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: contexts.length - 1 }), (value, k) => {
        const [type, make] = contexts[k]!;
        const back = readBack(toMarkdown(doc([make(value)])));
        expect(back.type).toBe(type);
        expect(back.text).toBe(value);
      }),
      { numRuns: 2000, seed: 20270301 },
    );
  });

  it('keeps a heading ending in " #" whole, and emphasis around spaces', () => {
    expect(toMarkdown(doc([{ type: 'heading', level: 1, children: [t('# heading #')] }]))).toBe('# # heading \\#\n');
    const md = toMarkdown(doc([{ type: 'paragraph', children: [t('a'), { type: 'strong', children: [t(' b ')] }, t('c')] }]));
    expect(md).toBe('a **b** c\n');
  });

  it('writes a newline inside a value as a line break, and escapes the line after it', () => {
    expect(toMarkdown(doc([para('one\n1. two')]))).toBe('one\\\n1\\. two\n');
  });
});

describe('Markdown writer: lists', () => {
  it('numbers an ordered list from its start', () => {
    const md = toMarkdown(doc([{ type: 'list', ordered: true, start: 3, items: [[para('a')], [para('b')]] }]));
    expect(md).toBe('3. a\n4. b\n');
    const [list] = new Lexer().lex(md) as Tokens.List[];
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 });
    expect(list!.items.map((i) => i.text)).toEqual(['a', 'b']);
  });

  it('keeps two lists in a row apart, each with its own numbers', () => {
    const md = toMarkdown(doc([
      { type: 'list', ordered: true, items: [[para('a')]] },
      { type: 'list', ordered: true, start: 5, items: [[para('b')]] },
      { type: 'list', ordered: false, items: [[para('c')]] },
      { type: 'list', ordered: false, items: [[para('d')]] },
    ]));
    const lists = new Lexer().lex(md).filter((x) => x.type === 'list') as Tokens.List[];
    expect(lists.map((l) => [l.start, l.items.map((i) => i.text)])).toEqual([[1, ['a']], [5, ['b']], ['', ['c']], ['', ['d']]]);
  });
});
