// What a PDF font says about the character ids drawn with it: their widths (/W) and the text each
// stands for (the ToUnicode CMap), from which text is extracted.
import { num } from './pdf-doc.js';
import type { TrueTypeFont } from './pdf-ttf.js';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Widths of the ids drawn (each its glyph's advance), consecutive ids grouped: `first [w1 w2 …] first [w …] …`. */
export function glyphWidths(ttf: TrueTypeFont, used: readonly number[], scale: number, glyphOf: ReadonlyMap<number, number>): string {
  const width = (cid: number) => num(ttf.advanceWidth(glyphOf.get(cid) ?? cid) * scale);
  let w = '';
  for (let i = 0; i < used.length; ) {
    let j = i;
    let ws = width(used[i]!);
    while (j + 1 < used.length && used[j + 1] === used[j]! + 1) ws += ` ${width(used[++j]!)}`;
    w += `${used[i]} [${ws}] `;
    i = j + 1;
  }
  return w.trimEnd();
}

/** UTF-16BE hex of a code point. */
function utf16(v: number): string {
  if (v <= 0xffff) return hex4(v);
  const u = v - 0x10000;
  return hex4(((u >>> 10) & 0x3ff) | 0xd800) + hex4(0xdc00 | (u & 0x3ff));
}

/**
 * The ToUnicode CMap: each id drawn back to the code point or text it was drawn for. A glyph that
 * stands for no text of its own (the second half of a two-part vowel sign) maps to a zero
 * width space: an empty mapping makes readers such as pdf.js fall back to the id itself.
 */
export function toUnicodeCmap(used: readonly number[], codePoints: ReadonlyMap<number, number | string>): string {
  const entries = used.map((g) => {
    const v = codePoints.get(g)!;
    const text = typeof v === 'number' ? utf16(v) : v === '' ? '200b' : [...v].map((ch) => utf16(ch.codePointAt(0)!)).join('');
    return `<${hex4(g)}> <${text}>`;
  });
  // At most 100 mappings per beginbfchar block.
  let blocks = '';
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks += `${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`;
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks}endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}
