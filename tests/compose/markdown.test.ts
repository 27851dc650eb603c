// Markdown from the templates -> Document blocks: what marked's lexer says survives into the model.
import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from '../../src/compose/markdown.js';

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

describe('markdownToBlocks: inline', () => {
  it('reads bare URLs as text (no autolinks), and _emphasis_ and HTML as marked does', () => {
    const text = 'See http://example.test and www.example.test, _kept_ <b>as written</b>.';
    expect(markdownToBlocks(text)).toEqual([{ type: 'paragraph', children: [
      { type: 'text', value: 'See http://example.test and www.example.test, ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'kept' }] },
      { type: 'text', value: ' <b>as written</b>.' },
    ] }]);
  });
});
