// Reads back the glyphs a PDF of ours draws (content stream, through CIDToGIDMap) and the glyphs
// fontkit shapes the same text into, so tests can compare shaping without trusting the writer.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
// @ts-expect-error fontkit ships no type declarations; the tests lay text out with it to compare.
import { create as openFont } from 'fontkit';

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

/** fontkit's own glyphs for `text`, in the order the writer draws them: letters, then marks that stand for no text. */
export function shaperGlyphs(file: string, text: string, rtl: boolean): number[] {
  const font = openFont(readFileSync(new URL(`../fonts/${file}`, import.meta.url))) as unknown as {
    layout(s: string, f?: unknown, sc?: unknown, l?: unknown, d?: string): { glyphs: { id: number; codePoints: number[] }[]; positions: { xAdvance: number }[] };
  };
  const run = font.layout(text, undefined, undefined, undefined, rtl ? 'rtl' : 'ltr');
  const mark = (i: number) => run.positions[i]!.xAdvance === 0 && run.glyphs[i]!.codePoints.length === 0;
  const ids = run.glyphs.map((g) => g.id);
  return [...ids.filter((_, i) => !mark(i)), ...ids.filter((_, i) => mark(i))];
}

/**
 * The text a PDF of ours gives in /ActualText spans, in content order: the logical text of runs
 * whose glyph order differs from it (Devanagari and Bangla vowel signs, reph). pdf.js, and so unpdf,
 * ignores ActualText and reads those runs in glyph order; pdftotext and screen readers use it.
 */
export function actualText(pdf: Uint8Array): string {
  let out = '';
  for (const o of objects(pdf).values()) {
    if (!o.data || o.dict.includes('/Length1')) continue;
    for (const m of o.data.toString('latin1').matchAll(/\/ActualText \(((?:\\.|[^\\)])*)\)/g)) {
      const b = literal(m[1]!);
      const utf16 = b[0] === 0xfe && b[1] === 0xff;
      out += utf16 ? Buffer.from(b.slice(2)).swap16().toString('utf16le') : String.fromCharCode(...b);
      out += ' ';
    }
  }
  return out;
}
