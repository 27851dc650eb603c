// DEFLATE (RFC 1951) for the PDF content streams and the DOCX parts: greedy LZ77 over a 4-byte hash
// with short chains, then per block the smallest of a dynamic-Huffman, fixed-Huffman or stored block.
//
// Why our own: the output must be the same bytes on every machine, so `oedr draft --check` agrees
// with letters committed elsewhere. node:zlib is Chromium's zlib, whose output has changed between
// Node releases (nodejs/node#50138) and depends on the CPU's instructions; fflate is pure
// JavaScript but hashes every byte inside every match and allocates ~200 KB of tables per call,
// and deflate was a quarter of the CPU time of a letter in a batch. Letters are repetitive (the same
// operators, glyph runs, XML tags), so skipping the hashing inside long matches costs little size.
// Everything here is deterministic: no clock, no randomness, ties broken by symbol number.

const WINDOW = 32768;
const HASH_BITS = 15;
/** Candidates tried per position; more finds longer matches for more time. */
const CHAIN = 8;
/** A match this long is taken at once. */
const NICE = 64;
/** Positions inside a match are hashed only for matches up to this length (zlib's max_insert_length). */
const INSERT_MAX = 8;
/** Symbols per block: a new block gets codes fitted to the data since the last one. */
const BLOCK_SYMBOLS = 1 << 15;

// Length codes 257..285: base lengths and extra bits; distance codes 0..29 likewise (RFC 1951 3.2.5).
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which code-length code lengths are sent. */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length 3..258 -> its length code's index 0..28. */
const LENGTH_CODE = new Uint8Array(259);
for (let c = 0; c < 29; c++) for (let l = LENGTH_BASE[c]!; l < (LENGTH_BASE[c + 1] ?? 259); l++) LENGTH_CODE[l] = c;
LENGTH_CODE[258] = 28;
/** Distance 1..32768 -> its distance code 0..29, by (d - 1) for d <= 256 and 256 + ((d - 1) >> 7) above. */
const DIST_CODE = new Uint8Array(512);
for (let c = 0; c < 30; c++) {
  for (let d = DIST_BASE[c]!; d < (DIST_BASE[c + 1] ?? 32769); d++) {
    if (d <= 256) DIST_CODE[d - 1] = c;
    else DIST_CODE[256 + ((d - 1) >> 7)] = c;
  }
}

const FIXED_LIT = new Uint8Array(288).map((_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8));
const FIXED_DIST = new Uint8Array(30).fill(5);
/** Their codes, built once: every fixed block uses the same. */
const FIXED_LIT_CODES = canonicalCodes(FIXED_LIT);
const FIXED_DIST_CODES = canonicalCodes(FIXED_DIST);

// Work tables, reused by every call on this thread (calls are synchronous, so never shared).
const head = new Int32Array(1 << HASH_BITS);
const prev = new Int32Array(WINDOW);
/** A literal (< 256) or a match: (length << 16) | distance, with bit 31 set. */
const symbols = new Uint32Array(BLOCK_SYMBOLS);

/** Bits into a growing byte buffer, least significant first, as DEFLATE packs them. */
class BitWriter {
  out: Uint8Array;
  pos = 0;
  /** Bits not yet written out, and how many: writeSymbols works on these directly. */
  acc = 0;
  n = 0;
  constructor(size: number) {
    this.out = new Uint8Array(Math.max(64, size));
  }
  bits(value: number, count: number): void {
    this.acc |= value << this.n;
    this.n += count;
    while (this.n >= 8) {
      if (this.pos === this.out.length) this.grow(1);
      this.out[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.n -= 8;
    }
  }
  /** Pads to a byte boundary. */
  align(): void {
    if (this.n > 0) this.bits(0, 8 - this.n);
  }
  bytes(data: Uint8Array, from: number, to: number): void {
    this.grow(to - from);
    this.out.set(data.subarray(from, to), this.pos);
    this.pos += to - from;
  }
  grow(more: number): void {
    if (this.pos + more <= this.out.length) return;
    const next = new Uint8Array(Math.max(this.out.length * 2, this.pos + more));
    next.set(this.out.subarray(0, this.pos));
    this.out = next;
  }
}

/**
 * `data` as a plain Uint8Array (a view, no copy). Callers pass Buffers (the PDF's latin1 streams)
 * and Uint8Arrays (the DOCX's UTF-8): two maps at every typed-array access made V8 throw away and
 * recompile the optimized compress(), adler32() and codeLengths() early in every batch.
 */
const plain = (data: Uint8Array): Uint8Array =>
  data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Raw DEFLATE of `data`: the same bytes for the same input, on any machine. */
export function deflateRaw(input: Uint8Array): Uint8Array {
  const data = plain(input);
  const w = new BitWriter((data.length >> 2) + 64);
  compress(data, w);
  w.align();
  return w.out.slice(0, w.pos);
}

/** DEFLATE in a zlib wrapper (RFC 1950), as PDF's FlateDecode reads it. */
export function zlibDeflate(input: Uint8Array): Uint8Array {
  const data = plain(input);
  const w = new BitWriter((data.length >> 2) + 64);
  w.bits(0x78, 8);
  w.bits(0x01, 8); // 32 KB window, no dictionary, "fastest" level; 0x7801 % 31 === 0
  compress(data, w);
  w.align();
  const a = adler32(data);
  w.grow(4);
  w.out[w.pos++] = a >>> 24;
  w.out[w.pos++] = (a >>> 16) & 0xff;
  w.out[w.pos++] = (a >>> 8) & 0xff;
  w.out[w.pos++] = a & 0xff;
  return w.out.slice(0, w.pos);
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 bytes keep b below 2^32 before the modulo (zlib's NMAX).
    const end = Math.min(i + 5552, data.length);
    // Four bytes a turn: fewer loop steps for a first, interpreted run.
    for (const end4 = end - 3; i < end4; i += 4) {
      a += data[i]!;
      b += a;
      a += data[i + 1]!;
      b += a;
      a += data[i + 2]!;
      b += a;
      a += data[i + 3]!;
      b += a;
    }
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function compress(data: Uint8Array, w: BitWriter): void {
  const n = data.length;
  head.fill(-1);
  const litFreq = new Uint32Array(286);
  const distFreq = new Uint32Array(30);
  let count = 0;
  let blockStart = 0;
  const flush = (end: number, last: boolean) => {
    writeBlock(w, data, blockStart, end, symbols, count, litFreq, distFreq, last);
    blockStart = end;
    count = 0;
    litFreq.fill(0);
    distFreq.fill(0);
  };
  // The hash of the 4 bytes at a position, written out where it is used (a call per byte costs a
  // first, interpreted run dearly): Math.imul(bytes as a little-endian word, 0x9e3779b1) >>> SHIFT.
  const SHIFT = 32 - HASH_BITS;

  let i = 0;
  while (i < n) {
    if (count >= BLOCK_SYMBOLS - 1) flush(i, false);
    let best = 0;
    let dist = 0;
    if (i + 4 <= n) {
      const h = Math.imul(data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24), 0x9e3779b1) >>> SHIFT;
      let c = head[h]!;
      prev[i & (WINDOW - 1)] = c;
      head[h] = i;
      const max = Math.min(258, n - i);
      for (let k = CHAIN; k > 0 && c >= 0 && i - c <= WINDOW; k--) {
        // The byte just past the best so far must match for a longer match: a cheap first test.
        if (data[c + best] === data[i + best] && data[c] === data[i]) {
          let l = 0;
          while (l < max && data[c + l] === data[i + l]) l++;
          if (l > best) {
            best = l;
            dist = i - c;
            if (l >= NICE || l === max) break;
          }
        }
        const p = prev[c & (WINDOW - 1)]!;
        if (p >= c) break; // that slot now holds a newer position: the chain ends here
        c = p;
      }
    }
    if (best >= 4) {
      symbols[count++] = (0x80000000 | (best << 16) | dist) >>> 0;
      litFreq[257 + LENGTH_CODE[best]!]!++;
      distFreq[dist <= 256 ? DIST_CODE[dist - 1]! : DIST_CODE[256 + ((dist - 1) >> 7)]!]!++;
      if (best <= INSERT_MAX) {
        for (let j = i + 1, end = Math.min(i + best, n - 3); j < end; j++) {
          const h = Math.imul(data[j]! | (data[j + 1]! << 8) | (data[j + 2]! << 16) | (data[j + 3]! << 24), 0x9e3779b1) >>> SHIFT;
          prev[j & (WINDOW - 1)] = head[h]!;
          head[h] = j;
        }
      }
      i += best;
    } else {
      symbols[count++] = data[i]!;
      litFreq[data[i]!]!++;
      i++;
    }
  }
  flush(n, true);
}

/**
 * Code lengths for `freq`, none over `limit` bits, ties broken by symbol; at least two codes. Each
 * frequency must be below 2^22 (a block holds at most 2^15 symbols). Exported for tests.
 */
export function codeLengths(freq: Uint32Array, limit: number): Uint8Array {
  const lengths = new Uint8Array(freq.length);
  // Used symbols sorted by weight, then by symbol: one integer each (weight * 512 + symbol; a block
  // has at most 2^15 symbols, so this stays below 2^31), so the sort is numeric, in a typed array.
  const keys = new Int32Array(freq.length + 2);
  let n = 0;
  for (let s = 0; s < freq.length; s++) if (freq[s]) keys[n++] = freq[s]! * 512 + s;
  // Two codes at least, as zlib sends: a one-code tree is incomplete, which inflaters may refuse.
  for (let s = 0; n < 2; s++) if (!freq[s]) keys[n++] = 512 + s;
  const sorted = keys.subarray(0, n).sort();
  const used = sorted.map((k) => k & 511);
  // Moffat and Katajainen's in-place minimum-redundancy code, on the weights in ascending order.
  const A = sorted.map((k) => k >> 9);
  A[0]! += A[1]!;
  let root = 0;
  let leaf = 2;
  for (let next = 1; next < n - 1; next++) {
    if (leaf >= n || A[root]! < A[leaf]!) {
      A[next] = A[root]!;
      A[root++] = next;
    } else A[next] = A[leaf++]!;
    if (leaf >= n || (root < next && A[root]! < A[leaf]!)) {
      A[next]! += A[root]!;
      A[root++] = next;
    } else A[next]! += A[leaf++]!;
  }
  A[n - 2] = 0;
  for (let next = n - 3; next >= 0; next--) A[next] = A[A[next]!]! + 1;
  let avail = 1;
  let usedAt = 0;
  let depth = 0;
  root = n - 2;
  let next = n - 1;
  while (avail > 0) {
    while (root >= 0 && A[root] === depth) {
      usedAt++;
      root--;
    }
    while (avail > usedAt) {
      A[next--] = depth;
      avail--;
    }
    avail = 2 * usedAt;
    depth++;
    usedAt = 0;
  }
  // Codes per length, the overlong ones folded to `limit` and the tree made whole again (miniz's way).
  const perLength = new Uint32Array(Math.max(limit, depth) + 1);
  for (const l of A) perLength[l]!++;
  for (let l = limit + 1; l < perLength.length; l++) perLength[limit]! += perLength[l]!;
  let total = 0;
  for (let l = limit; l > 0; l--) total += perLength[l]! << (limit - l);
  while (total !== 1 << limit) {
    perLength[limit]!--;
    for (let l = limit - 1; l > 0; l--) {
      if (perLength[l]) {
        perLength[l]!--;
        perLength[l + 1]! += 2;
        break;
      }
    }
    total--;
  }
  // The shortest codes to the most frequent symbols.
  let j = n;
  for (let l = 1; l <= limit; l++) for (let k = perLength[l]!; k > 0; k--) lengths[used[--j]!] = l;
  return lengths;
}

/** Canonical codes for the lengths, bit-reversed for DEFLATE's least-significant-first packing. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const l of lengths) if (l) count[l]!++;
  const next = new Uint16Array(16);
  let code = 0;
  for (let l = 1; l < 16; l++) next[l] = code = (code + count[l - 1]!) << 1;
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s]!;
    if (!l) continue;
    let c = next[l]!++;
    let r = 0;
    for (let k = 0; k < l; k++) {
      r = (r << 1) | (c & 1);
      c >>= 1;
    }
    codes[s] = r;
  }
  return codes;
}

/** The run-length form of the literal/length and distance code lengths (symbols 0..18 with extras). */
function runLengths(lengths: Uint8Array): number[] {
  const out: number[] = []; // symbol | (extra value << 8)
  for (let i = 0; i < lengths.length; ) {
    const l = lengths[i]!;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === l) run++;
    i += run;
    if (l === 0) {
      while (run >= 11) {
        const r = Math.min(run, 138);
        out.push(18 | ((r - 11) << 8));
        run -= r;
      }
      if (run >= 3) {
        out.push(17 | ((run - 3) << 8));
        run = 0;
      }
    } else {
      out.push(l);
      run--;
      while (run >= 3) {
        const r = Math.min(run, 6);
        out.push(16 | ((r - 3) << 8));
        run -= r;
      }
    }
    while (run-- > 0) out.push(l);
  }
  return out;
}

const CL_EXTRA_BITS = [2, 3, 7]; // for code-length symbols 16, 17, 18

function writeBlock(
  w: BitWriter, data: Uint8Array, start: number, end: number, syms: Uint32Array, count: number,
  litFreq: Uint32Array, distFreq: Uint32Array, last: boolean,
): void {
  litFreq[256]!++; // end of block
  const litLengths = codeLengths(litFreq, 15);
  const distLengths = codeLengths(distFreq, 15);
  let hlit = 286;
  while (hlit > 257 && !litLengths[hlit - 1]) hlit--;
  let hdist = 30;
  while (hdist > 1 && !distLengths[hdist - 1]) hdist--;
  const all = new Uint8Array(hlit + hdist);
  all.set(litLengths.subarray(0, hlit));
  all.set(distLengths.subarray(0, hdist), hlit);
  const rle = runLengths(all);
  const clFreq = new Uint32Array(19);
  for (const r of rle) clFreq[r & 0xff]!++;
  const clLengths = codeLengths(clFreq, 7);
  let hclen = 19;
  while (hclen > 4 && !clLengths[CL_ORDER[hclen - 1]!]) hclen--;

  // Sizes in bits of the three ways to send the block; the smallest wins (ties: dynamic, fixed, stored).
  let extra = 0;
  for (let c = 0; c < 29; c++) extra += litFreq[257 + c]! * LENGTH_EXTRA[c]!;
  for (let c = 0; c < 30; c++) extra += distFreq[c]! * DIST_EXTRA[c]!;
  let dynamicBits = 3 + 14 + hclen * 3 + extra;
  for (const r of rle) {
    const s = r & 0xff;
    dynamicBits += clLengths[s]! + (s >= 16 ? CL_EXTRA_BITS[s - 16]! : 0);
  }
  for (let s = 0; s < 286; s++) dynamicBits += litFreq[s]! * litLengths[s]!;
  for (let s = 0; s < 30; s++) dynamicBits += distFreq[s]! * distLengths[s]!;
  let fixedBits = 3 + extra;
  for (let s = 0; s < 286; s++) fixedBits += litFreq[s]! * FIXED_LIT[s]!;
  for (let s = 0; s < 30; s++) fixedBits += distFreq[s]! * 5;
  const storedBits = 3 + 7 + 32 + (end - start) * 8 + Math.floor((end - start) / 65535) * 40;

  if (storedBits < dynamicBits && storedBits < fixedBits) {
    // Stored blocks of at most 65,535 bytes each, byte-aligned.
    let from = start;
    do {
      const to = Math.min(from + 65535, end);
      w.bits(last && to === end ? 1 : 0, 1);
      w.bits(0, 2);
      w.align();
      const len = to - from;
      w.bits(len & 0xffff, 16);
      w.bits(~len & 0xffff, 16);
      w.bytes(data, from, to);
      from = to;
    } while (from < end);
    return;
  }
  let lit: Uint8Array;
  let dst: Uint8Array;
  let litCodes: Uint16Array;
  let distCodes: Uint16Array;
  w.bits(last ? 1 : 0, 1);
  if (fixedBits <= dynamicBits) {
    w.bits(1, 2);
    lit = FIXED_LIT;
    dst = FIXED_DIST;
    litCodes = FIXED_LIT_CODES;
    distCodes = FIXED_DIST_CODES;
  } else {
    w.bits(2, 2);
    w.bits(hlit - 257, 5);
    w.bits(hdist - 1, 5);
    w.bits(hclen - 4, 4);
    for (let k = 0; k < hclen; k++) w.bits(clLengths[CL_ORDER[k]!]!, 3);
    const clCodes = canonicalCodes(clLengths);
    for (const r of rle) {
      const s = r & 0xff;
      w.bits(clCodes[s]!, clLengths[s]!);
      if (s >= 16) w.bits(r >> 8, CL_EXTRA_BITS[s - 16]!);
    }
    lit = litLengths;
    dst = distLengths;
    litCodes = canonicalCodes(lit);
    distCodes = canonicalCodes(dst);
  }
  writeSymbols(w, syms, count, lit, dst, litCodes, distCodes, ((fixedBits <= dynamicBits ? fixedBits : dynamicBits) >> 3) + 8);
}

/**
 * The block's symbols and its end-of-block code, with the bit buffer in local variables: a call
 * per code was most of the time of a first (interpreted) letter. The buffer holds 32 bits and at
 * most 7 are pending after a flush, so it is flushed after each piece that could pass 32: a length
 * code (15 bits) with its extra bits (5) fits, a distance code (15) and its extra bits (13) do not,
 * together. Extra bits of a code that has none are 0 in 0 bits, so no piece needs a branch.
 * `lit`/`dst` are the code lengths, `litCodes`/`distCodes` their canonical codes.
 */
function writeSymbols(w: BitWriter, syms: Uint32Array, count: number, lit: Uint8Array, dst: Uint8Array,
  litCodes: Uint16Array, distCodes: Uint16Array, bytes: number): void {
  // `bytes`: the block's size as writeBlock counted it, with room to spare.
  w.grow(bytes);
  const out = w.out;
  let pos = w.pos;
  let acc = w.acc;
  let n = w.n;
  for (let k = 0; k <= count; k++) {
    const s = k === count ? 256 : syms[k]!;
    if (s <= 256) {
      acc |= litCodes[s]! << n;
      n += lit[s]!;
    } else {
      const len = (s >>> 16) & 0x1ff;
      const lc = LENGTH_CODE[len]!;
      acc |= (litCodes[257 + lc]! | ((len - LENGTH_BASE[lc]!) << lit[257 + lc]!)) << n;
      n += lit[257 + lc]! + LENGTH_EXTRA[lc]!;
      for (; n >= 8; n -= 8, acc >>>= 8) out[pos++] = acc;
      const d = s & 0xffff;
      const dc = d <= 256 ? DIST_CODE[d - 1]! : DIST_CODE[256 + ((d - 1) >> 7)]!;
      acc |= distCodes[dc]! << n;
      n += dst[dc]!;
      for (; n >= 8; n -= 8, acc >>>= 8) out[pos++] = acc;
      acc |= (d - DIST_BASE[dc]!) << n;
      n += DIST_EXTRA[dc]!;
    }
    for (; n >= 8; n -= 8, acc >>>= 8) out[pos++] = acc;
  }
  w.pos = pos;
  w.acc = acc;
  w.n = n;
}
