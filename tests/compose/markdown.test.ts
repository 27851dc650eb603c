// Markdown from the templates -> Document blocks: what marked's lexer says survives into the model.
import { describe, expect, it } from 'vitest';
import { loadMarked, markdownToBlocks } from '../../src/compose/markdown.js';

describe('markdownToBlocks: lists', () => {
  it('keeps the start number of an ordered list', () => {
    expect(markdownToBlocks('3. a\n4. b\n')).toEqual([
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', children: [{ type: 'text', value: 'a' }] }], [{ type: 'paragraph', children: [{ type: 'text', value: 'b' }] }]] },
    ]);
  });

  it('leaves start out for lists from 1 and for bullet lists', () => {
    const [ordered, bullets] = markdownToBlocks('1. a\n2. b\n\n- c\n');
    expect(ordered).toMatchObject({ type: 'list', ordered: true });
    expect(ordered).not.toHaveProperty('start');
    expect(bullets).toMatchObject({ type: 'list', ordered: false });
    expect(bullets).not.toHaveProperty('start');
  });

  it('keeps a start of 0 and large starts', () => {
    expect(markdownToBlocks('0. zero\n')[0]).toMatchObject({ start: 0 });
    expect(markdownToBlocks('12) twelve\n')[0]).toMatchObject({ start: 12 });
  });
});

describe('loading marked', () => {
  it('reads the same tokens through the UMD build that Node releases without require(esm) load', () => {
    const viaRequire = loadMarked();
    const viaUmd = loadMarked(false);
    expect(viaUmd).not.toBe(viaRequire);
    const sample = '# T\n\n**a** *b* [c](d)\n\n- e\n\n| f |\n|---|\n| g |\n\n> h\n\n<i>';
    expect(new viaUmd.Lexer({ gfm: true }).lex(sample)).toEqual(new viaRequire.Lexer({ gfm: true }).lex(sample));
  });

  it('falls back to marked, without bare-URL autolinks, for what the quick reader leaves', () => {
    const text = 'See http://example.test and www.example.test, _kept_ <b>as written</b>.';
    expect(markdownToBlocks(text)).toEqual([{ type: 'paragraph', children: [
      { type: 'text', value: 'See http://example.test and www.example.test, ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'kept' }] },
      { type: 'text', value: ' <b>as written</b>.' },
    ] }]);
  });
});
