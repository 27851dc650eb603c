// Reads back the glyphs a PDF of ours draws (content stream, through CIDToGIDMap) and the glyphs
// HarfBuzz shapes the same text into, so tests can compare shaping without trusting the writer.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as hb from 'harfbuzzjs';

/** The objects of a PDF written by our writer: number -> dictionary text and inflated stream. */
export function objects(pdf: Uint8Array): Map<number, { dict: string; data?: Buffer }> {
  const s = Buffer.from(pdf).toString('latin1');
  const out = new Map<number, { dict: string; data?: Buffer }>();
  for (const m of s.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('\nstream\n');
    if (at < 0) out.set(Number(m[1]), { dict: body });
    else {
      const raw = Buffer.from(body.slice(at + 8, body.lastIndexOf('\nendstream')), 'latin1');
      out.set(Number(m[1]), { dict: body.slice(0, at), data: body.includes('/FlateDecode') ? inflateSync(raw) : raw });
    }
  }
  return out;
}

/** The body of a PDF literal string, unescaped, as bytes. */
export function literal(body: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') {
      c = body[++i]!;
      c = ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
    }
    bytes.push(c.charCodeAt(0));
  }
  return bytes;
}

/**
 * The glyph ids drawn with the font whose BaseFont ends in `name`, in content-stream order: each
 * two-byte id of its Tj/TJ strings through the font's CIDToGIDMap.
 */
export function glyphsDrawn(pdf: Uint8Array, name: string): number[] {
  const objs = objects(pdf);
  const [fontNum, font] = [...objs].find(([, o]) => o.dict.includes('/Subtype /Type0') && new RegExp(`/BaseFont /\\w+\\+${name} `).test(o.dict))!;
  const cidFont = objs.get(Number(/DescendantFonts \[(\d+) 0 R\]/.exec(font.dict)![1]))!;
  const mapRef = /CIDToGIDMap (\d+) 0 R/.exec(cidFont.dict);
  const map = mapRef ? objs.get(Number(mapRef[1]))!.data! : undefined;
  const resource = [...objs.values()].map((o) => new RegExp(`/(F\\d+) ${fontNum} 0 R`).exec(o.dict)).find(Boolean)![1];
  const ids: number[] = [];
  for (const o of objs.values()) {
    if (!o.data || o.dict.includes('/Length1') || !o.data.toString('latin1').includes(' Tf')) continue;
    for (const bt of o.data.toString('latin1').split('BT\n').slice(1)) {
      if (!bt.includes(`/${resource} `)) continue;
      const shown = bt.split('\nET')[0]!.replace(/\/ActualText \((?:\\.|[^\\)])*\)/g, '');
      for (const m of shown.matchAll(/\(((?:\\.|[^\\)])*)\)/g)) {
        const b = literal(m[1]!);
        for (let i = 0; i < b.length; i += 2) {
          const cid = (b[i]! << 8) | b[i + 1]!;
          ids.push(map ? (map[cid * 2]! << 8) | map[cid * 2 + 1]! : cid);
        }
      }
    }
  }
  return ids;
}

/** HarfBuzz's glyphs and positions for `text` in a bundled font, in drawing order, with each glyph's cluster (its start in `text`). */
export function shape(file: string, text: string, rtl: boolean): { id: number; cluster: number; xAdvance: number; xOffset: number }[] {
  const font = new hb.Font(new hb.Face(new hb.Blob(readFileSync(new URL(`../fonts/${file}`, import.meta.url)))));
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const positions = buffer.getGlyphPositions();
  return buffer.getGlyphInfos().map((g, i) => ({ id: g.codepoint, cluster: g.cluster, xAdvance: positions[i]!.xAdvance, xOffset: positions[i]!.xOffset }));
}

/**
 * HarfBuzz's own glyphs for `text`, in the order the writer draws them: letters, then the marks that
 * stand for no text (zero advance, after a glyph that advances: drawn after the line).
 */
export function shaperGlyphs(file: string, text: string, rtl: boolean): number[] {
  const { letters, marks } = shaperLettersAndMarks(file, text, rtl);
  return [...letters, ...marks];
}

/** The same, letters and text-less marks apart: a word inside a line has its marks after the line's letters. */
export function shaperLettersAndMarks(file: string, text: string, rtl: boolean): { letters: number[]; marks: number[] } {
  const glyphs = shape(file, text, rtl);
  const logical = rtl ? glyphs.slice().reverse() : glyphs;
  const starts = [...new Set(glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const chars = (c: number) => [...text.slice(c, starts[starts.indexOf(c) + 1] ?? text.length)].length;
  const textless = (g: (typeof glyphs)[number]) => {
    if (g.xAdvance !== 0) return false;
    const at = logical.indexOf(g);
    // Right to left: a mark beyond its cluster's characters. Left to right: a mark after a glyph that advances, in its cluster or before it.
    if (rtl) return logical.filter((o, i) => o.cluster === g.cluster && i < at).length >= chars(g.cluster);
    return logical.some((o, i) => o.xAdvance !== 0 && (o.cluster === g.cluster || i < at));
  };
  return { letters: glyphs.filter((g) => !textless(g)).map((g) => g.id), marks: glyphs.filter(textless).map((g) => g.id) };
}

/** Whether `inner` occurs in `outer` as a contiguous run (a word's glyphs inside a letter's). */
export function containsRun(outer: number[], inner: number[]): boolean {
  if (!inner.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((g, j) => outer[i + j] === g)) return true;
  return false;
}
