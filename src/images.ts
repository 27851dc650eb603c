// The pictures a letter may carry (logo, letterhead, signatures): PNG or JPEG, checked from their
// bytes before any writer sees them, so a broken file is a clear message and never a broken PDF.
// Pure: the caller reads the file and turns the message into a located diagnostic.
import { inflateSync } from 'node:zlib';
import type { Image } from './document.js';

/** Larger files are refused: a logo or a scanned signature needs far less, and every letter embeds it. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Beyond this many pixels a side, a picture is a photograph, not a logo (and costs memory to decode). */
export const MAX_IMAGE_SIDE = 6000;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The checked image, or the reason it cannot be used, in words for the user. */
export function checkImage(bytes: Uint8Array, alt: string): Image | string {
  if (bytes.length > MAX_IMAGE_BYTES) return `the image is ${bytes.length} bytes; at most ${MAX_IMAGE_BYTES} (2 MB) are allowed`;
  const size = PNG_MAGIC.every((b, i) => bytes[i] === b) ? pngSize(bytes)
    : bytes[0] === 0xff && bytes[1] === 0xd8 ? jpegSize(bytes)
      : 'expected a PNG or JPEG image, but the file starts with neither signature';
  if (typeof size === 'string') return size;
  if (size.width < 1 || size.height < 1 || size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    return `the image is ${size.width} x ${size.height} pixels; each side must be 1 to ${MAX_IMAGE_SIDE}`;
  }
  return { ...size, bytes, alt };
}

type Size = { format: 'png' | 'jpeg'; width: number; height: number };

/** PNG: the header, and every chunk whole up to IEND with at least one IDAT (PNG spec §5.3). */
function pngSize(b: Uint8Array): Size | string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return 'broken PNG: no IHDR header chunk';
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  const [depth, colour, , , interlace] = b.subarray(24, 29);
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) return `the image is ${width} x ${height} pixels; each side must be 1 to ${MAX_IMAGE_SIDE}`;
  if (interlace !== 0) return 'interlaced PNG is not supported; save the image without interlacing';
  if (![0, 2, 3, 4, 6].includes(colour!) || !(depth === 8 || (depth! < 8 && (colour === 0 || colour === 3)))) {
    return `PNG with colour type ${colour} and bit depth ${depth} is not supported; save it as 8-bit RGB or RGBA`;
  }
  let at = 8;
  const idat: Uint8Array[] = [];
  while (at + 12 <= b.length) {
    const length = v.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (at + 12 + length > b.length) break;
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    if (type === 'tRNS' && depth !== 8) return 'PNG with transparency below 8 bits a sample is not supported; save it as 8-bit RGBA';
    if (type === 'IEND') return idat.length ? pixelsWhole(idat, width, height, depth!, colour!) : 'broken PNG: no image data (IDAT)';
    at += 12 + length;
  }
  return `broken PNG: cut short at byte ${at} of ${b.length}, before its IEND chunk`;
}

/** The image data inflates to exactly one filter byte and one row of samples per line. */
function pixelsWhole(idat: Uint8Array[], width: number, height: number, depth: number, colour: number): Size | string {
  const channels = [1, 0, 3, 1, 2, 0, 4][colour]!;
  const expected = height * (1 + Math.ceil((width * channels * depth) / 8));
  let got: number;
  try {
    got = inflateSync(Buffer.concat(idat)).length;
  } catch (e) {
    return `broken PNG: its image data does not decompress (${(e as Error).message})`;
  }
  return got === expected ? { format: 'png', width, height } : `broken PNG: ${got} bytes of image data where ${width} x ${height} pixels need ${expected}`;
}

/** JPEG: markers up to the first frame header (SOFn), which holds the size. */
function jpegSize(b: Uint8Array): Size | string {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return `broken JPEG: expected a marker at byte ${at}`;
    const marker = b[at + 1]!;
    if (marker === 0xff) { at++; continue; }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 10 > b.length) break;
      const components = b[at + 9]!;
      if (components !== 1 && components !== 3) return `JPEG with ${components} colour components (CMYK?) is not supported; save it as RGB or greyscale`;
      return { format: 'jpeg', height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
    }
    if (marker === 0xda || marker === 0xd9) return 'broken JPEG: no frame header before the image data';
    at += 2 + length;
  }
  return `broken JPEG: cut short at byte ${at} of ${b.length}`;
}

/** JPEG's number of colour components (1 grey, 3 RGB), for the PDF's colour space. */
export function jpegComponents(b: Uint8Array): number {
  let at = 2;
  while (at + 10 <= b.length) {
    const marker = b[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return b[at + 9]!;
    at += 2 + ((b[at + 2]! << 8) | b[at + 3]!);
  }
  return 3;
}
