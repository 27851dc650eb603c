// Bounded memory for "have we seen this row (or unit) before?" on files of millions of rows: a
// 64-bit hash of the text instead of the text itself, in an open-addressing table of typed arrays
// (12 bytes a slot, at most 3/4 full), grown by doubling up to a fixed number of entries. Two
// different rows share a 64-bit hash with odds of about n²/2⁶⁵: for 3 million rows, 1 in 4 million.

/** 64-bit hash (two 32-bit halves, cyrb53's mixing) of some text: the low half returned, the high half left in `hi`. */
export class Hasher {
  hi = 0;

  /** The hash of one value. */
  value(s: string): number {
    const end = s.length;
    let h1 = 0xdeadbeef ^ end;
    let h2 = 0x41c6ce57 ^ end;
    let i = 0;
    for (; i + 1 < end; i += 2) {
      const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    if (i < end) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 2654435761);
      h2 = Math.imul(h2 ^ s.charCodeAt(i), 1597334677);
    }
    return this.finish(h1, h2);
  }

  /** Mixes two running 32-bit halves (as CsvStream leaves them) into the hash. */
  finish(h1: number, h2: number): number {
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.hi = h2 >>> 0;
    return h1 >>> 0;
  }
}

/** 64-bit hashes, each with a non-zero 32-bit value (a line number), up to `max` entries. */
export class HashTable {
  size = 0;
  /** Set once an entry could not be added because the table held `max` already. */
  full = false;
  private lo: Uint32Array;
  private hi: Uint32Array;
  private val: Uint32Array;
  private mask: number;

  constructor(readonly max: number, initialSlots = 1 << 16) {
    this.lo = new Uint32Array(initialSlots);
    this.hi = new Uint32Array(initialSlots);
    this.val = new Uint32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  /** The value already stored for the hash (lo, hi), or 0 after storing `value` for it (when there is room). */
  getOrAdd(lo: number, hi: number, value: number): number {
    let i = lo & this.mask;
    for (;;) {
      const v = this.val[i]!;
      if (v === 0) break;
      if (this.lo[i] === lo && this.hi[i] === hi) return v;
      i = (i + 1) & this.mask;
    }
    if (this.size >= this.max) { this.full = true; return 0; }
    this.lo[i] = lo; this.hi[i] = hi; this.val[i] = value;
    if (++this.size * 4 > this.val.length * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const { lo, hi, val } = this;
    const n = val.length * 2;
    this.lo = new Uint32Array(n); this.hi = new Uint32Array(n); this.val = new Uint32Array(n);
    this.mask = n - 1;
    for (let j = 0; j < val.length; j++) {
      if (val[j] === 0) continue;
      let i = lo[j]! & this.mask;
      while (this.val[i] !== 0) i = (i + 1) & this.mask;
      this.lo[i] = lo[j]!; this.hi[i] = hi[j]!; this.val[i] = val[j]!;
    }
  }
}
