// What a worker reading part of a file (part.ts) sends on, in blocks, as it reads: the hash of
// each row with its line, and the hash of each unit, for the main thread to look up in its tables
// (values.ts), which only it holds. A block is sent as soon as it is full, so that neither thread
// keeps more than a block or two of them when the main thread keeps up.

/** Where the blocks go: postMessage on a worker, the main thread's checker when run in-thread. */
export interface PartSink {
  /** Rows: two numbers (the halves of the hash) each; `jumps`: (row, line) pairs, see RowLog. */
  rows(hashes: Uint32Array, jumps: Uint32Array): void;
  /** Units: two numbers each. */
  units(hashes: Uint32Array): void;
  /**
   * A block sent earlier and done with, to fill again (BLOCK numbers long): each block sent
   * otherwise stays in memory until the main thread's collector runs, which with little else
   * allocated there was tens of MB later.
   */
  reuse?(): Uint32Array | undefined;
}

/** Numbers in a block: 512 KiB. */
export const BLOCK = 2 << 16;


/**
 * Row hashes in file order. A row's line is the line after the row before's, except where a jump
 * (the row's index among the part's rows, its line) says otherwise: 8 bytes a row, not 12.
 */
export class RowLog {
  private hashes: Uint32Array;
  private n = 0;
  private jumps: number[] = [];
  private row = 0;
  private lastLine = -1;

  constructor(private readonly sink: PartSink, private readonly size = BLOCK / 2) {
    this.hashes = new Uint32Array(2 * size);
  }

  add(lo: number, hi: number, line: number): void {
    if (line !== this.lastLine + 1) this.jumps.push(this.row, line);
    this.lastLine = line;
    this.row++;
    this.hashes[2 * this.n] = lo;
    this.hashes[2 * this.n + 1] = hi;
    if (++this.n === this.size) this.send();
  }

  send(): void {
    if (this.n === 0) return;
    this.sink.rows(this.hashes.subarray(0, 2 * this.n), Uint32Array.from(this.jumps));
    this.hashes = fresh(this.sink, this.size);
    this.n = 0;
    this.jumps = [];
  }
}

/** Unit hashes, in blocks. */
export class UnitLog {
  private hashes: Uint32Array;
  private n = 0;

  constructor(private readonly sink: PartSink, private readonly size = BLOCK / 2) {
    this.hashes = new Uint32Array(2 * size);
  }

  add(lo: number, hi: number): void {
    this.hashes[2 * this.n] = lo;
    this.hashes[2 * this.n + 1] = hi;
    if (++this.n === this.size) this.send();
  }

  send(): void {
    if (this.n === 0) return;
    this.sink.units(this.hashes.subarray(0, 2 * this.n));
    this.hashes = fresh(this.sink, this.size);
    this.n = 0;
  }
}

function fresh(sink: PartSink, size: number): Uint32Array {
  const b = 2 * size === BLOCK ? sink.reuse?.() : undefined;
  return b ?? new Uint32Array(2 * size);
}

/** Where the main thread's replay of one part's rows stands: rows replayed, the line of the last. */
export class RowCursor {
  row = 0;
  line = 0;
}
