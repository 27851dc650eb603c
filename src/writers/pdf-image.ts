// Image XObjects for the PDF writer (ISO 32000-1 §8.9). JPEG goes in as it is (DCTDecode). A PNG
// without transparency goes in as its own zlib data (IDAT) with the PNG predictors declared, so it
// is never decoded; one with an alpha channel or tRNS is inflated (node:zlib), unfiltered, and split
// into colour and an SMask, as PDF has no alpha channel in an image.
import { inflateSync } from 'node:zlib';
import type { Image } from '../document.js';
import { jpegComponents } from '../images.js';
import { zlibDeflate } from './deflate.js';

/** The image's stream dictionary (without /Length) and bytes, and its soft mask's, if any. */
export interface XObjectParts {
  image: [string, Uint8Array];
  smask?: [string, Uint8Array];
}

export function imageXObject(img: Image): XObjectParts {
  const head = `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height}`;
  if (img.format === 'jpeg') {
    const space = jpegComponents(img.bytes) === 1 ? '/DeviceGray' : '/DeviceRGB';
    return { image: [`${head} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode`, img.bytes] };
  }
  const png = readPng(img.bytes);
  const colors = png.colour === 2 ? 3 : png.colour === 6 ? 3 : 1;
  const palette = png.colour === 3 ? `[/Indexed /DeviceRGB ${png.palette.length / 3 - 1} <${hex(png.palette)}>]` : undefined;
  if (png.colour !== 4 && png.colour !== 6 && !png.trns) {
    const space = palette ?? (colors === 3 ? '/DeviceRGB' : '/DeviceGray');
    return {
      image: [`${head} /ColorSpace ${space} /BitsPerComponent ${png.depth} /Filter /FlateDecode` +
        ` /DecodeParms << /Predictor 15 /Colors ${colors} /BitsPerComponent ${png.depth} /Columns ${img.width} >>`, png.idat],
    };
  }
  const { color, alpha } = splitAlpha(png, img.width, img.height);
  return {
    image: [`${head} /ColorSpace ${png.colour === 4 || png.colour === 0 ? '/DeviceGray' : '/DeviceRGB'} /BitsPerComponent 8 /Filter /FlateDecode`, zlibDeflate(color)],
    smask: [`/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, zlibDeflate(alpha)],
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

interface Png {
  colour: number;
  depth: number;
  idat: Uint8Array;
  palette: Uint8Array;
  trns?: Uint8Array;
}

/** The chunks the writer needs; the file was checked whole by images.ts. */
function readPng(b: Uint8Array): Png {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const idat: Uint8Array[] = [];
  let palette: Uint8Array = new Uint8Array(0);
  let trns: Uint8Array | undefined;
  for (let at = 8; at + 12 <= b.length;) {
    const length = v.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    const data = b.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  return { colour: b[25]!, depth: b[24]!, idat: Buffer.concat(idat), palette, ...(trns ? { trns } : {}) };
}

/** Decoded 8-bit pixels as colour samples and alpha samples (palette and tRNS expanded). */
function splitAlpha(png: Png, width: number, height: number): { color: Uint8Array; alpha: Uint8Array } {
  const channels = [1, 0, 3, 1, 2, 0, 4][png.colour]!;
  const raw = unfilter(inflateSync(png.idat), width, height, channels);
  const colorChannels = png.colour === 0 || png.colour === 4 ? 1 : 3;
  const color = new Uint8Array(width * height * colorChannels);
  const alpha = new Uint8Array(width * height);
  const key = png.trns && png.colour !== 3 ? png.trns : undefined;
  for (let i = 0; i < width * height; i++) {
    const px = raw.subarray(i * channels, (i + 1) * channels);
    if (png.colour === 3) {
      const index = px[0]!;
      color.set(png.palette.subarray(index * 3, index * 3 + 3), i * 3);
      alpha[i] = png.trns && index < png.trns.length ? png.trns[index]! : 255;
      continue;
    }
    color.set(px.subarray(0, colorChannels), i * colorChannels);
    if (channels > colorChannels) alpha[i] = px[colorChannels]!;
    else alpha[i] = key && px.every((s, k) => s === key[2 * k + 1]) ? 0 : 255;
  }
  return { color, alpha };
}

/** Reverses PNG's per-row filters (PNG spec §9) for 8-bit samples. */
function unfilter(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[at + x - bpp]! : 0;
      const b = y > 0 ? out[at - stride + x]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) predictor = paeth(a, b, x >= bpp && y > 0 ? out[at - stride + x - bpp]! : 0);
      out[at + x] = (data[src + x]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
