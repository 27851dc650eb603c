// A TrueType (glyf) font as the PDF writer needs it, read straight from the file's bytes: the
// metrics for the font descriptor, advance widths, the Unicode cmap, and subsetting by copying
// glyf/loca entries. It replaces fontkit, whose parse (restructure decoders for every table) and
// TTFSubset were most of the cost of a first PDF; these reads are a few DataView look-ups.

/** One face of the bundled fonts, parsed lazily from its bytes (nothing is decoded up front but the table directory). */
export class TrueTypeFont {
  private readonly view: DataView;
  private readonly tables = new Map<string, { offset: number; length: number }>();
  readonly unitsPerEm: number;
  /** hhea ascender/descender/lineGap, in font units (descent is negative). */
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly italic: boolean;
  readonly numGlyphs: number;
  private readonly numberOfHMetrics: number;
  private readonly hmtx: number;
  private readonly locaLong: boolean;
  private readonly loca: number;
  private readonly glyf: number;
  private readonly cmap: CmapLookup;
  private name: string | undefined;

  constructor(readonly bytes: Uint8Array) {
    const v = (this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const numTables = v.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
      this.tables.set(tag, { offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
    }
    const head = this.table('head').offset;
    this.unitsPerEm = v.getUint16(head + 18);
    this.bbox = { minX: v.getInt16(head + 36), minY: v.getInt16(head + 38), maxX: v.getInt16(head + 40), maxY: v.getInt16(head + 42) };
    this.italic = (v.getUint16(head + 44) & 2) !== 0;
    this.locaLong = v.getInt16(head + 50) === 1;
    const hhea = this.table('hhea').offset;
    this.ascent = v.getInt16(hhea + 4);
    this.descent = v.getInt16(hhea + 6);
    this.lineGap = v.getInt16(hhea + 8);
    this.numberOfHMetrics = v.getUint16(hhea + 34);
    this.numGlyphs = v.getUint16(this.table('maxp').offset + 4);
    this.hmtx = this.table('hmtx').offset;
    this.loca = this.table('loca').offset;
    this.glyf = this.table('glyf').offset;
    this.cmap = unicodeCmap(v, this.table('cmap').offset);
  }

  private table(tag: string): { offset: number; length: number } {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`pdf writer: the font has no ${tag} table`);
    return t;
  }

  /** The glyph for a code point from the Unicode cmap; 0 (.notdef) when the font has none. */
  glyphId(cp: number): number {
    // No cache here: callers already keep one (a shaped run per text, coverage per code point), and
    // the look-up is a binary search over the cmap's segments.
    return this.cmap(cp);
  }

  advanceWidth(gid: number): number {
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.view.getUint16(this.hmtx + i * 4);
  }

  private leftSideBearing(gid: number): number {
    if (gid < this.numberOfHMetrics) return this.view.getInt16(this.hmtx + gid * 4 + 2);
    return this.view.getInt16(this.hmtx + this.numberOfHMetrics * 4 + (gid - this.numberOfHMetrics) * 2);
  }

  /** name ID 6, as fontkit reads it: the Windows (UTF-16) record, else the Macintosh one. */
  get postscriptName(): string {
    if (this.name !== undefined) return this.name;
    const v = this.view;
    const at = this.table('name').offset;
    const count = v.getUint16(at + 2);
    const strings = at + v.getUint16(at + 4);
    let found = '';
    for (let i = 0; i < count; i++) {
      const r = at + 6 + i * 12;
      if (v.getUint16(r + 6) !== 6) continue;
      const platform = v.getUint16(r);
      const len = v.getUint16(r + 8);
      const off = strings + v.getUint16(r + 10);
      if (platform === 3 || platform === 0) {
        let s = '';
        for (let k = 0; k < len; k += 2) s += String.fromCharCode(v.getUint16(off + k));
        found = s;
        break;
      }
      if (platform === 1 && found === '') found = String.fromCharCode(...this.bytes.subarray(off, off + len));
    }
    return (this.name = found);
  }

  /** What the PDF font descriptor says besides the bounding box: from OS/2 and post. */
  descriptor(): { capHeight: number; xHeight: number; italicAngle: number; fixedPitch: boolean; familyClass: number } {
    const v = this.view;
    const os2 = this.tables.get('OS/2');
    const post = this.table('post').offset;
    const version = os2 ? v.getUint16(os2.offset) : 0;
    return {
      capHeight: os2 && version >= 2 ? v.getInt16(os2.offset + 88) : this.ascent,
      xHeight: os2 && version >= 2 ? v.getInt16(os2.offset + 86) : 0,
      italicAngle: v.getInt32(post + 4) / 65536,
      fixedPitch: v.getUint32(post + 12) !== 0,
      familyClass: os2 ? v.getInt16(os2.offset + 30) : 0,
    };
  }

  private glyphData(gid: number): Uint8Array {
    const v = this.view;
    const start = this.locaLong ? v.getUint32(this.loca + gid * 4) : v.getUint16(this.loca + gid * 2) * 2;
    const end = this.locaLong ? v.getUint32(this.loca + gid * 4 + 4) : v.getUint16(this.loca + gid * 2 + 2) * 2;
    return this.bytes.subarray(this.glyf + start, this.glyf + end);
  }

  /**
   * A TrueType font with `glyphs`, .notdef and the components of composite glyphs, each at its own
   * id (the others empty), so a PDF can address them by the font's glyph ids: head, hhea, maxp,
   * hmtx, loca, glyf and the hinting tables (cvt, fpgm, prep), what a PDF viewer reads from an
   * embedded CIDFontType2 font.
   */
  subset(glyphs: readonly number[]): Uint8Array {
    const keep = new Set<number>([0, ...glyphs]);
    for (const g of keep) {
      // Composite glyph: keep its components too (the Set iterates over what is added meanwhile).
      const data = this.glyphData(g);
      if (data.length < 10 || !(((data[0]! << 8) | data[1]!) & 0x8000)) continue;
      const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      let at = 10;
      for (;;) {
        const flags = dv.getUint16(at);
        keep.add(dv.getUint16(at + 2));
        at += 4 + (flags & 0x0001 ? 4 : 2);
        if (flags & 0x0008) at += 2;
        else if (flags & 0x0040) at += 4;
        else if (flags & 0x0080) at += 8;
        if (!(flags & 0x0020)) break;
      }
    }
    const n = Math.max(...keep) + 1;
    // glyf and loca (long offsets), each glyph padded to four bytes; hmtx with every glyph's metrics.
    let glyfLength = 0;
    for (const g of keep) glyfLength += (this.glyphData(g).length + 3) & ~3;
    const glyf = new Uint8Array(glyfLength);
    const loca = new Uint8Array((n + 1) * 4);
    const lv = new DataView(loca.buffer);
    const hmtx = new Uint8Array(n * 4);
    const hv = new DataView(hmtx.buffer);
    let pos = 0;
    for (let g = 0; g < n; g++) {
      lv.setUint32(g * 4, pos);
      if (!keep.has(g)) continue;
      const d = this.glyphData(g);
      glyf.set(d, pos);
      pos += (d.length + 3) & ~3;
      hv.setUint16(g * 4, this.advanceWidth(g));
      hv.setInt16(g * 4 + 2, this.leftSideBearing(g));
    }
    lv.setUint32(n * 4, pos);
    const copy = (tag: string) => {
      const t = this.tables.get(tag);
      return t ? clone(this.bytes.subarray(t.offset, t.offset + t.length)) : undefined;
    };
    const head = copy('head')!;
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0);
    headView.setInt16(50, 1);
    const hhea = copy('hhea')!;
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = copy('maxp')!;
    new DataView(maxp.buffer).setUint16(4, n);
    const out = new Map<string, Uint8Array>([['head', head], ['hhea', hhea], ['maxp', maxp], ['hmtx', hmtx], ['loca', loca], ['glyf', glyf]]);
    for (const tag of ['cvt ', 'fpgm', 'prep']) {
      const t = copy(tag);
      if (t) out.set(tag, t);
    }
    const font = sfnt(out);
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
    const headAt = tableOffset(font, 'head');
    new DataView(font.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
    return font;
  }
}

/** A copy with its own ArrayBuffer (Buffer#slice would share the file's memory). */
function clone(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  out.set(data);
  return out;
}

type CmapLookup = (cp: number) => number;

/** The cmap subtable fontkit would pick (Unicode full repertoire first, then BMP), as a look-up function. */
function unicodeCmap(v: DataView, cmap: number): CmapLookup {
  const count = v.getUint16(cmap + 2);
  const records: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const r = cmap + 4 + i * 8;
    records.push({ platform: v.getUint16(r), encoding: v.getUint16(r + 2), offset: cmap + v.getUint32(r + 4) });
  }
  for (const [platform, encoding] of [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]] as const) {
    const rec = records.find((r) => r.platform === platform && r.encoding === encoding);
    if (!rec) continue;
    const format = v.getUint16(rec.offset);
    if (format === 4) return format4(v, rec.offset);
    if (format === 12) return format12(v, rec.offset);
    throw new Error(`pdf writer: unsupported cmap format ${format}`);
  }
  throw new Error('pdf writer: the font has no Unicode cmap');
}

function format4(v: DataView, at: number): CmapLookup {
  const segCount = v.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    let min = 0;
    let max = segCount - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (cp < v.getUint16(starts + mid * 2)) max = mid - 1;
      else if (cp > v.getUint16(ends + mid * 2)) min = mid + 1;
      else {
        const delta = v.getInt16(deltas + mid * 2);
        const ro = v.getUint16(rangeOffsets + mid * 2);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = v.getUint16(rangeOffsets + mid * 2 + ro + (cp - v.getUint16(starts + mid * 2)) * 2);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
    }
    return 0;
  };
}

function format12(v: DataView, at: number): CmapLookup {
  const groups = v.getUint32(at + 12);
  return (cp) => {
    let min = 0;
    let max = groups - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const g = at + 16 + mid * 12;
      if (cp < v.getUint32(g)) max = mid - 1;
      else if (cp > v.getUint32(g + 4)) min = mid + 1;
      else return v.getUint32(g + 8) + (cp - v.getUint32(g));
    }
    return 0;
  };
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const full = data.length & ~3;
  for (let i = 0; i < full; i += 4) sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
  if (full < data.length) {
    let last = 0;
    for (let i = full; i < full + 4; i++) last = (last << 8) | (data[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** An sfnt file of `tables`, in tag order, each on a four-byte boundary with its checksum. */
function sfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  let size = 12 + n * 16;
  for (const t of tags) size += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const pow = 2 ** Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  let at = 12 + n * 16;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const r = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 4, checksum(data));
    v.setUint32(r + 8, at);
    v.setUint32(r + 12, data.length);
    out.set(data, at);
    at += (data.length + 3) & ~3;
  });
  return out;
}

function tableOffset(font: Uint8Array, tag: string): number {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    if (String.fromCharCode(font[r]!, font[r + 1]!, font[r + 2]!, font[r + 3]!) === tag) return v.getUint32(r + 8);
  }
  throw new Error(`no ${tag}`);
}
