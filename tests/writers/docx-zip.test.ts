// The DOCX zip writer: the same headers fflate's zipSync wrote (the format Word and LibreOffice were
// checked with) around our own deflate, whatever the time zone, and remembering earlier parts never
// changes a later zip.
import { inflateRawSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createZipper, deflatePart } from '../../src/writers/docx-zip.js';

const partsA: [string, string][] = [
  ['[Content_Types].xml', '<Types>ü</Types>'],
  ['word/document.xml', '<w:document>Łódź Αθήνα Київ</w:document>'.repeat(50)],
  ['word/styles.xml', '<w:styles/>'],
];
const partsB: [string, string][] = [
  ['[Content_Types].xml', '<Types>ü</Types>'],
  ['word/document.xml', '<w:document>another letter</w:document>'],
  ['word/styles.xml', '<w:styles/>'],
];

/** What the writer used before: zipSync at level 1, 1980-01-01 local, MS-DOS, attributes 0. */
function reference(parts: [string, string][]): Uint8Array {
  const opts = { level: 1, mtime: new Date(1980, 0, 1, 0, 0, 0), os: 0, attrs: 0 } as const;
  const z: Zippable = {};
  for (const [name, text] of parts) z[name] = [strToU8(text), opts];
  return zipSync(z);
}

/**
 * Every header field of a zip but those that follow from the compressed bytes (their sizes and
 * offsets), and each entry's data inflated: what must match zipSync's zip whatever the deflate.
 */
function layout(zip: Uint8Array) {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  const count = v.getUint16(end + 10, true);
  const entries = [];
  for (let i = 0, dir = v.getUint32(end + 16, true); i < count; i++) {
    expect(v.getUint32(dir, true)).toBe(0x02014b50);
    const nameLength = v.getUint16(dir + 28, true);
    const local = v.getUint32(dir + 42, true);
    expect(v.getUint32(local, true)).toBe(0x04034b50);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const central = [...zip.subarray(dir + 4, dir + 18), ...zip.subarray(dir + 24, dir + 42)]; // all but the compressed size and the offset
    const head = [...zip.subarray(local + 4, local + 18), ...zip.subarray(local + 22, local + 30)];
    const name = Buffer.from(zip.subarray(dir + 46, dir + 46 + nameLength)).toString();
    const data = inflateRawSync(zip.subarray(start, start + v.getUint32(dir + 20, true))).toString();
    entries.push({ name, central, head, data });
    dir += 46 + nameLength + v.getUint16(dir + 30, true) + v.getUint16(dir + 32, true);
  }
  return entries;
}

describe('DOCX zip', () => {
  it('writes the headers zipSync wrote, in the given order, and the parts inflate to their text', () => {
    expect(layout(createZipper()(partsA))).toEqual(layout(reference(partsA)));
    expect(layout(createZipper()(partsA)).map((e) => e.data)).toEqual(partsA.map(([, text]) => text));
    expect(Object.keys(unzipSync(createZipper()(partsA)))).toEqual(partsA.map(([n]) => n));
  });

  it('gives the same bytes after zipping other parts (remembered parts never leak)', () => {
    const zip = createZipper();
    const first = zip(partsA);
    zip(partsB);
    expect(Buffer.from(zip(partsA)).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(zip(partsB)).equals(Buffer.from(createZipper()(partsB)))).toBe(true);
  });

  it('writes the same bytes with parts deflated ahead, and uses them only for the same text', () => {
    const ahead = partsA.map(([name, text]) => [name, text, deflatePart(text)] as const);
    expect(Buffer.from(createZipper(ahead)(partsA)).equals(Buffer.from(createZipper()(partsA)))).toBe(true);
    expect(Buffer.from(createZipper(ahead)(partsB)).equals(Buffer.from(createZipper()(partsB)))).toBe(true);
  });

  it('does not depend on the time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      const auckland = createZipper()(partsA);
      process.env.TZ = 'America/New_York';
      expect(Buffer.from(createZipper()(partsA)).equals(Buffer.from(auckland))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
