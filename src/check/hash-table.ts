// Bounded memory for "have we seen this row (or unit) before?" on files of millions of rows: a
// 64-bit hash of the text instead of the text itself, in an open-addressing table of typed arrays
// (8 bytes a slot, 12 with a line number; at most 3/4 full), grown by doubling up to a fixed number
// of entries. Two different rows share a hash (63 bits kept) with odds of about n²/2⁶⁴: for 3
// million rows, 1 in 2 million.

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

/**
 * 64-bit hashes (the lowest bit of the high half set, so that 0 marks an empty slot: 63 bits
 * count), each with a 32-bit value (a line number) when `values` is on, up to `max` entries. A
 * slot's words sit side by side in one array (high, low[, value]): adding a row touches one
 * stretch of memory, not three arrays, which on tables of tens of MB is a cache miss saved twice.
 */
export class HashTable {
  size = 0;
  /** Set once an entry could not be added because the table held `max` already. */
  full = false;
  private slots: Uint32Array;
  private mask: number;
  private readonly stride: number;

  /** The number of slots `max` entries end up in (a power of two, at most 3/4 full). */
  static slotsFor(max: number): number {
    let n = 1 << 16;
    while (max * 4 > n * 3) n *= 2;
    return n;
  }

  constructor(readonly max: number, private readonly values = true, initialSlots = 1 << 16) {
    this.stride = values ? 3 : 2;
    this.slots = new Uint32Array(initialSlots * this.stride);
    this.mask = initialSlots - 1;
  }

  /**
   * For a hash already there, its value (1 without `values`); else 0, after adding the hash with
   * `value` when there is room.
   */
  getOrAdd(lo: number, hi: number, value: number): number {
    hi = (hi | 1) >>> 0;
    const t = this.slots;
    const w = this.stride;
    let i = lo & this.mask;
    for (;;) {
      const h = t[i * w]!;
      if (h === 0) break;
      if (h === hi && t[i * w + 1] === lo) return w === 3 ? t[i * w + 2]! : 1;
      i = (i + 1) & this.mask;
    }
    if (this.size >= this.max) { this.full = true; return 0; }
    t[i * w] = hi; t[i * w + 1] = lo;
    if (w === 3) t[i * w + 2] = value;
    if (++this.size * 4 > (this.mask + 1) * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const old = this.slots;
    const w = this.stride;
    const n = (this.mask + 1) * 2;
    const t = new Uint32Array(n * w);
    this.slots = t;
    this.mask = n - 1;
    for (let j = 0; j < old.length; j += w) {
      if (old[j] === 0) continue;
      let i = old[j + 1]! & this.mask;
      while (t[i * w] !== 0) i = (i + 1) & this.mask;
      for (let k = 0; k < w; k++) t[i * w + k] = old[j + k]!;
    }
  }
}
