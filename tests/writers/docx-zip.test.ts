// The DOCX zip writer: the same bytes fflate's zipSync wrote (the format Word and LibreOffice were
// checked with), whatever the time zone, and remembering earlier parts never changes a later zip.
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

describe('DOCX zip', () => {
  it('writes the bytes zipSync wrote, in the given order', () => {
    expect(Buffer.from(createZipper()(partsA)).equals(Buffer.from(reference(partsA)))).toBe(true);
    expect(Object.keys(unzipSync(createZipper()(partsA)))).toEqual(partsA.map(([n]) => n));
  });

  it('gives the same bytes after zipping other parts (remembered parts never leak)', () => {
    const zip = createZipper();
    const first = zip(partsA);
    zip(partsB);
    expect(Buffer.from(zip(partsA)).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(zip(partsB)).equals(Buffer.from(reference(partsB)))).toBe(true);
  });

  it('writes the same bytes with parts deflated ahead, and uses them only for the same text', () => {
    const ahead = partsA.map(([name, text]) => [name, text, deflatePart(text)] as const);
    expect(Buffer.from(createZipper(ahead)(partsA)).equals(Buffer.from(reference(partsA)))).toBe(true);
    expect(Buffer.from(createZipper(ahead)(partsB)).equals(Buffer.from(reference(partsB)))).toBe(true);
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
