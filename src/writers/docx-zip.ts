// The .docx zip, written here rather than by fflate's zipSync so that the parts that are the same in
// every letter (styles, numbering, theme, settings, font table, content types, relationships: over
// half of the package) are deflated once per writer, or at build time, instead of once per letter. The bytes are
// the headers fflate's zipSync wrote (tested), entries in the given order, and our own deflate
// (deflate.ts), so the DOCX is the same bytes on every machine.
import { deflateRaw } from './deflate.js';

const utf8 = new TextEncoder();
/**
 * Every entry's mtime: 1980-01-01 00:00, DOS time zero, in DOS's local-time fields. Written as the
 * number itself, so no time zone can come into it.
 */
const DOS_EPOCH = (1 << 21) | (1 << 16);
/**
 * Made by MS-DOS (system 0, zip version 2.0) with external attributes 0, the values Word itself
 * writes into .docx files. (0x01800000, Unix mode 0600, was reported to silence a Word for Mac
 * warning; that report was about scraped files and is unverified, and Unix bits only mean anything
 * when made by Unix.)
 */
const MADE_BY_VERSION = 20;
const MADE_BY_SYSTEM = 0;
const ATTRS = 0;

/** A part's bytes deflated, with what the zip headers need about the original. */
export interface Deflated {
  crc: number;
  size: number;
  data: Uint8Array;
}
interface Entry extends Deflated {
  name: Uint8Array;
}

/** One entry per part name: the last text zipped under it and its deflated form. */
type Memo = Map<string, { text: string; entry: Entry }>;

export type Zipper = (parts: Iterable<readonly [string, string | Uint8Array]>) => Uint8Array;

/**
 * Returns a zip function that remembers each part's last text, for a writer's lifetime. `ahead` are
 * parts deflated beforehand (deflatePart, e.g. at build time), remembered from the start.
 */
export function createZipper(ahead: Iterable<readonly [string, string, Deflated]> = []): Zipper {
  const memo: Memo = new Map();
  for (const [name, text, d] of ahead) memo.set(name, { text, entry: { name: nameBytes(name), ...d } });
  const entryOf = (name: string, data: string | Uint8Array): Entry => {
    if (typeof data !== 'string') return { name: nameBytes(name), ...deflateBytes(data) };
    const hit = memo.get(name);
    if (hit?.text === data) return hit.entry;
    const entry = { name: nameBytes(name), ...deflatePart(data) };
    memo.set(name, { text: data, entry });
    return entry;
  };
  return (parts) => write([...parts].map(([name, data]) => entryOf(name, data)));
}

/** A part's text deflated as the zipper does it. */
export function deflatePart(text: string): Deflated {
  return deflateBytes(utf8.encode(text));
}

function deflateBytes(bytes: Uint8Array): Deflated {
  return { crc: crc32(bytes), size: bytes.length, data: deflateRaw(bytes) };
}

function nameBytes(name: string): Uint8Array {
  if (!/^[\x20-\x7e]+$/.test(name)) throw new Error(`docx writer: part name ${JSON.stringify(name)} is not plain ASCII`);
  return utf8.encode(name);
}

/** Local headers with data, the central directory, its end record (PKWARE APPNOTE 4.3). */
function write(entries: readonly Entry[]): Uint8Array {
  let local = 0;
  let central = 0;
  for (const e of entries) {
    local += 30 + e.name.length + e.data.length;
    central += 46 + e.name.length;
  }
  const out = new Uint8Array(local + central + 22);
  const v = new DataView(out.buffer);
  let at = 0;
  let dir = local;
  for (const e of entries) {
    const offset = at;
    v.setUint32(at, 0x04034b50, true);
    at = common(v, at + 4, e);
    out.set(e.name, at);
    out.set(e.data, (at += e.name.length));
    at += e.data.length;

    v.setUint32(dir, 0x02014b50, true);
    v.setUint8(dir + 4, MADE_BY_VERSION);
    v.setUint8(dir + 5, MADE_BY_SYSTEM);
    dir = common(v, dir + 6, e); // then comment length, disk, internal attributes: all 0
    v.setUint32(dir + 6, ATTRS, true);
    v.setUint32(dir + 10, offset, true);
    out.set(e.name, (dir += 14));
    dir += e.name.length;
  }
  v.setUint32(dir, 0x06054b50, true);
  v.setUint16(dir + 8, entries.length, true);
  v.setUint16(dir + 10, entries.length, true);
  v.setUint32(dir + 12, central, true);
  v.setUint32(dir + 16, local, true);
  return out;
}

/** The fields local and central headers share, from "version needed" to "extra field length". */
function common(v: DataView, at: number, e: Entry): number {
  v.setUint16(at, 20, true); // version needed: 2.0, deflate
  v.setUint16(at + 2, 0, true); // flags: none (ASCII names, sizes in the header)
  v.setUint16(at + 4, 8, true); // method: deflate
  v.setUint32(at + 6, DOS_EPOCH, true);
  v.setUint32(at + 10, e.crc, true);
  v.setUint32(at + 14, e.data.length, true);
  v.setUint32(at + 18, e.size, true);
  v.setUint16(at + 22, e.name.length, true);
  v.setUint16(at + 24, 0, true); // extra field length
  return at + 26;
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
