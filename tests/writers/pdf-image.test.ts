// Image XObjects: a PNG with transparency is decoded (every PNG row filter) into colour and a soft
// mask that match ImageMagick's own decoding of the same file (signature.rgba, made with
// `convert signature.png -depth 8 rgba:signature.rgba`); PNG without it and JPEG pass through as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkImage } from '../../src/images.js';
import { imageXObject } from '../../src/writers/pdf-image.js';
import { root } from '../helpers.js';

const fixture = (f: string) => new Uint8Array(readFileSync(join(root, 'tests/fixtures/images', f)));
const image = (f: string) => {
  const img = checkImage(fixture(f), 'alt');
  if (typeof img === 'string') throw new Error(img);
  return img;
};

describe('PDF image XObjects', () => {
  // signature.png uses row filters 0-3; paeth.png, the same pixels written with filter 4 on every row
  // (by a few lines of Node), decodes to the same pixels in ImageMagick (paeth.rgba)
  it.each(['signature', 'paeth'])('splits an RGBA PNG (%s) into colour and soft mask, pixel for pixel', (name) => {
    const { image: [dict, data], smask } = imageXObject(image(`${name}.png`));
    expect(dict).toContain('/Width 200 /Height 60 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode');
    const rgba = fixture(`${name}.rgba`);
    const color = inflateSync(data);
    const alpha = inflateSync(smask![1]);
    expect(alpha.length).toBe(200 * 60);
    let same = 0;
    for (let i = 0; i < 200 * 60; i++) {
      if (alpha[i] !== rgba[i * 4 + 3]) continue;
      // colour under a fully transparent pixel does not matter
      if (alpha[i] === 0 || [0, 1, 2].every((k) => color[i * 3 + k] === rgba[i * 4 + k])) same++;
    }
    expect(same).toBe(200 * 60);
    expect(alpha.some((a) => a === 0) && alpha.some((a) => a === 255)).toBe(true);
  });

  it('passes a JPEG, an RGB PNG and a palette PNG through without decoding them', () => {
    const jpeg = imageXObject(image('logo.jpg'));
    expect(jpeg.image[0]).toContain('/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode');
    expect(Buffer.compare(jpeg.image[1], fixture('logo.jpg'))).toBe(0);
    const rgb = imageXObject(image('letterhead.png'));
    expect(rgb.image[0]).toContain('/DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns 600 >>');
    expect(rgb.smask).toBeUndefined();
    expect(imageXObject(image('palette.png')).image[0]).toMatch(/\/ColorSpace \[\/Indexed \/DeviceRGB \d+ <[0-9A-F]+>\]/);
  });

  it('refuses what it cannot embed, saying why', () => {
    const png = fixture('signature.png');
    expect(checkImage(png.subarray(0, 100), 'x')).toMatch(/^broken PNG: cut short at byte \d+ of 100/);
    const interlaced = png.slice();
    interlaced[28] = 1;
    expect(checkImage(interlaced, 'x')).toBe('interlaced PNG is not supported; save the image without interlacing');
    expect(checkImage(new Uint8Array(3 * 1024 * 1024), 'x')).toMatch(/at most 2097152 \(2 MB\)/);
    expect(checkImage(fixture('logo.jpg').subarray(0, 20), 'x')).toMatch(/^broken JPEG/);
  });
});
