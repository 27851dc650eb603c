// Our DEFLATE, read back by zlib's own inflater (strict: it refuses incomplete codes, bad lengths,
// wrong checksums): every input comes back byte for byte, the bytes never depend on what was
// compressed before, and repetitive text really gets smaller.
import { readFileSync } from 'node:fs';
import { deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { codeLengths, deflateRaw, zlibDeflate } from '../../src/writers/deflate.js';

/** A small seeded generator (mulberry32), so every run tests the same inputs. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

function roundTrip(data: Uint8Array): void {
  const z = zlibDeflate(data);
  expect(Buffer.from(inflateSync(z)).equals(Buffer.from(data))).toBe(true);
  const raw = deflateRaw(data);
  expect(Buffer.from(inflateRawSync(raw)).equals(Buffer.from(data))).toBe(true);
  // The zlib stream is the raw one between a 2-byte header and the Adler-32 checksum.
  expect(Buffer.from(z.subarray(2, -4)).equals(Buffer.from(raw))).toBe(true);
}

/** Text like a PDF content stream: the same operators again and again, with varying numbers and glyphs. */
function contentStream(rand: () => number, lines: number): Uint8Array {
  let s = '1 0 0 -1 0 841.89 cm\n';
  for (let i = 0; i < lines; i++) {
    let glyphs = '';
    for (let g = 0, n = 5 + Math.floor(rand() * 60); g < n; g++) glyphs += String.fromCharCode(0, 3 + Math.floor(rand() * 90));
    s += `BT\n1 0 0 -1 68 ${(76 + i * 16.8).toFixed(3)} Tm\n/F${1 + (i % 3)} 10.5 Tf\n(${glyphs}) Tj\nET\n`;
  }
  return bytes(s);
}

describe('deflate', () => {
  it('round-trips the edge cases: empty, tiny, one repeated byte, all byte values', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'aaaa', 'aaaaa', 'abcabcabcabc']) roundTrip(bytes(s));
    roundTrip(new Uint8Array(100_000)); // one long run: matches of 258 at distance 1
    roundTrip(Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 256));
  });

  it('round-trips incompressible data as stored blocks, over 65,535 bytes too', () => {
    const rand = random(1);
    const noise = Uint8Array.from({ length: 150_000 }, () => Math.floor(rand() * 256));
    roundTrip(noise);
    // Stored blocks cost 5 bytes each at most: the output is never much bigger than the input.
    expect(zlibDeflate(noise).length).toBeLessThan(noise.length + 64);
  });

  it('round-trips text longer than the 32 KB window and than one block of symbols', () => {
    const rand = random(2);
    roundTrip(contentStream(rand, 4000)); // ~300 KB: many blocks, distances up to 32,768
  });

  it('keeps every code within 15 bits when symbol counts are very skewed', () => {
    // Byte k appears fib(k) times, shuffled: a Huffman code for these counts is deeper than 15.
    const rand = random(3);
    const fib = [1, 1];
    while (fib.length < 24) fib.push(fib.at(-1)! + fib.at(-2)!);
    const list: number[] = [];
    fib.forEach((n, k) => { for (let i = 0; i < n; i++) list.push(k * 7); });
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    roundTrip(Uint8Array.from(list.slice(0, 30_000)));
    roundTrip(Uint8Array.from(list));
  });

  it('builds complete Huffman codes within the length limit', () => {
    const kraft = (lengths: Uint8Array) => [...lengths].reduce((sum, l) => sum + (l ? 2 ** -l : 0), 0);
    const fib = [1, 1];
    while (fib.length < 30) fib.push(fib.at(-1)! + fib.at(-2)!);
    for (const [freq, limit] of [[fib, 15], [fib.slice(0, 19), 7], [[5, 0, 0, 9], 15], [[0, 0, 7], 15], [[], 15]] as const) {
      const lengths = codeLengths(Uint32Array.from({ length: Math.max(freq.length, 19) }, (_, i) => freq[i] ?? 0), limit);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
      expect(kraft(lengths)).toBe(1); // complete: zlib's inflater refuses anything else
      expect(lengths.filter((l) => l > 0).length).toBeGreaterThanOrEqual(2);
    }
    // Unlimited, the optimal code for 1, 1, 2, 4 is 3, 3, 2, 1 bits.
    expect([...codeLengths(Uint32Array.from([1, 1, 2, 4]), 15)]).toEqual([3, 3, 2, 1]);
  });

  it('keeps every bit of a far match whose distance code is long', () => {
    // Distance codes 4-19 used in Fibonacci proportions and codes 28-29 (16-32 KB back) once each:
    // the far ones get codes of 13+ bits, which with their 13 extra bits and bits still pending once
    // overflowed the 32-bit bit buffer (found in review: wrong bytes, and no inflate error).
    const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    for (const seed of [4, 5, 6, 7, 8]) {
      const rand = random(seed);
      const fib = [1, 1];
      while (fib.length < 20) fib.push(fib.at(-1)! + fib.at(-2)!);
      const counts = Array<number>(30).fill(0);
      fib.slice(2).reverse().forEach((v, i) => (counts[i + 4] = v));
      counts[28] = counts[29] = 1;
      const plan: number[] = [];
      counts.forEach((n, c) => { for (let k = 0; k < n; k++) plan.push(DIST_BASE[c]! + (c >= 28 ? Math.floor(rand() * 8000) : 0)); });
      for (let k = plan.length - 1; k > 0; k--) {
        const j = Math.floor(rand() * (k + 1));
        [plan[k], plan[j]] = [plan[j]!, plan[k]!];
      }
      const buf: number[] = [];
      for (let k = 0; k < 32_800; k++) buf.push(Math.floor(rand() * 256));
      for (const d of plan) {
        for (let k = 0, lits = 1 + Math.floor(rand() * 2); k < lits; k++) buf.push(Math.floor(rand() * 256));
        const p = buf.length;
        for (let k = 0; k < 4; k++) buf.push(buf[p - d + k]!);
      }
      roundTrip(Uint8Array.from(buf));
    }
  });

  it('round-trips 300 random inputs mixing repeats, text and noise', () => {
    const rand = random(4);
    for (let n = 0; n < 300; n++) {
      const parts: number[] = [];
      const size = Math.floor(rand() ** 3 * 70_000);
      while (parts.length < size) {
        const kind = rand();
        if (kind < 0.3 && parts.length > 4) {
          // Copy an earlier stretch: a match at a random distance, sometimes overlapping itself.
          const dist = 1 + Math.floor(rand() * Math.min(parts.length, 40_000));
          const len = 3 + Math.floor(rand() * 300);
          for (let i = 0; i < len; i++) parts.push(parts[parts.length - dist]!);
        } else if (kind < 0.6) {
          for (let i = 0, len = Math.floor(rand() * 40); i < len; i++) parts.push(Math.floor(rand() * 256));
        } else {
          for (const c of 'BT /F1 10.5 Tf (Election) Tj ET\n'.slice(Math.floor(rand() * 10))) parts.push(c.charCodeAt(0));
        }
      }
      roundTrip(Uint8Array.from(parts.slice(0, size)));
    }
  });

  it('gives the same bytes whatever was compressed before (its tables are reused)', () => {
    const rand = random(5);
    const a = contentStream(rand, 300);
    const first = zlibDeflate(a);
    zlibDeflate(contentStream(rand, 900));
    zlibDeflate(Uint8Array.from({ length: 40_000 }, () => Math.floor(rand() * 256)));
    expect(Buffer.from(zlibDeflate(a)).equals(Buffer.from(first))).toBe(true);
  });

  it('compresses a content stream and real text within 5% of zlib at its default level', () => {
    const stream = contentStream(random(6), 400);
    // A fixed corpus (the README of release 0.1), so the figure does not move with the docs.
    const text = bytes(readFileSync(new URL('../fixtures/deflate-corpus.md', import.meta.url), 'latin1'));
    for (const data of [stream, text]) expect(zlibDeflate(data).length).toBeLessThan(deflateSync(data).length * 1.05);
  });
});
