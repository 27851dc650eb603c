// Text to bytes in a requested encoding, for the files oedr writes beside a letter (the header-row
// template). Node encodes only UTF-8 and UTF-16LE, so single-byte encodings use a table built from
// the platform's decoder; a character the encoding cannot hold is refused, never replaced.

/** Bytes of `text` in `encoding`, or the first character that encoding cannot hold. */
export type Encoded = { bytes: Uint8Array } | { missing: string };

/** WHATWG decodes these as their Windows relatives, which add characters at 0x80-0x9F that the ISO tables lack. */
const isoLike = (e: string) => /^(iso-8859-|tis-620)/i.test(e);
const singleByte = /^(ascii|iso-8859-\d+|windows-125\d|koi8-[ru]|tis-620)$/i;
/** Multi-byte encodings whose first 128 byte values are ASCII, as WHATWG decodes them. */
const asciiCompatible = /^(shift_jis|euc-jp|euc-kr|gb18030|big5)$/i;

/**
 * Windows-1252 at 0x80-0x9F (WHATWG; 0 where undefined). Node's TextDecoder decodes windows-1252
 * as ISO-8859-1 (C1 controls there), so this part of the table is written out.
 */
export const WINDOWS_1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const tables = new Map<string, Map<number, number>>();

/** Code point -> byte for a single-byte encoding: the decoder's table read backwards. */
function table(encoding: string): Map<number, number> {
  const key = encoding.toLowerCase();
  let t = tables.get(key);
  if (t) return t;
  t = new Map();
  const top = key === 'ascii' ? 0x80 : 0x100;
  const decoder = key === 'ascii' || key === 'iso-8859-1' ? undefined : new TextDecoder(key === 'tis-620' ? 'windows-874' : key);
  for (let b = 0; b < top; b++) {
    if (b >= 0x80 && b < 0xa0 && isoLike(key)) continue;
    const cp = key === 'windows-1252' && b >= 0x80 && b < 0xa0 ? WINDOWS_1252_C1[b - 0x80]!
      : decoder ? decoder.decode(Uint8Array.of(b)).codePointAt(0)! : b;
    if (cp === 0) continue;
    // Bytes an encoding leaves undefined decode to C1 controls or U+FFFD: not characters to write.
    if (b >= 0x80 && ((cp >= 0x80 && cp < 0xa0 && !(key === 'iso-8859-1')) || cp === 0xfffd)) continue;
    if (!t.has(cp)) t.set(cp, b);
  }
  tables.set(key, t);
  return t;
}

export function encodeText(text: string, encoding: string): Encoded {
  const e = encoding.toLowerCase();
  if (e === 'utf-8') return { bytes: new Uint8Array(Buffer.from(text, 'utf8')) };
  if (e === 'utf-16le' || e === 'utf-16be') {
    // With a byte-order mark: that is how "Unicode text" files announce themselves, and what `oedr check` expects.
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    if (e === 'utf-16be') le.swap16();
    return { bytes: new Uint8Array(le) };
  }
  const nfc = text.normalize('NFC');
  if (asciiCompatible.test(e) || singleByte.test(e)) {
    const t = asciiCompatible.test(e) ? table('ascii') : table(e);
    const out: number[] = [];
    for (const ch of nfc) {
      const b = t.get(ch.codePointAt(0)!);
      if (b === undefined) return { missing: ch };
      out.push(b);
    }
    return { bytes: Uint8Array.from(out) };
  }
  return { missing: [...nfc].find((c) => c.codePointAt(0)! > 0x7f) ?? nfc.charAt(0) };
}
