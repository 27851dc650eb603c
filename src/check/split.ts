// Large files are read by two worker threads at once, one from just after the first MiB read, one
// from a line break near the middle (part.ts), while the main thread looks up the hashes of their
// rows in its tables in file order (row-log.ts). Memory on a 1 GB file (the target is 200 MB):
// the main thread reading half of it itself went to 215 MB, its heap's young generation grown to
// 32 MB; now it reads no rows, the workers' young generations are held to WORKER_YOUNG_MB, blocks
// of hashes go back to the workers to be filled again, and the second part's hashes, which wait
// for every row of the first, wait in a file (spill.ts): 175-185 MB (one thread: 176 MB).
//
// A part's start is a guess, since a line break may lie inside a quoted value: the first part is
// used only when the main thread's reader is between two records where it starts, the second only
// when the first part's reader is there, and otherwise (or when a part fails) the file is read
// again on one thread. Either way the report is the one a single reader gives.
import type { FileHandle } from 'node:fs/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import { threadBudget } from '../threads.js';
import type { PartJob, PartResult } from './part.js';
import { BLOCK, RowCursor, type PartSink } from './row-log.js';
import { Spill, type Block } from './spill.js';
import type { ValueChecker } from './values.js';

/** Runs a part; `recycle` hands back a block the main thread is done with (see PartSink.reuse). */
export type Runner = (job: PartJob, sink: PartSink) => { result: Promise<PartResult | undefined>; cancel(): Promise<void>; recycle?(b: Uint32Array): void };

export interface SplitOptions {
  /** Files smaller than this are read by one thread (default PART_MIN). */
  minBytes?: number;
  /** Where in the file to look for the second part's start (default PART_FRACTION). */
  fraction?: number;
  /** Runs a part; default on a worker thread. Tests run it on this thread. */
  run?: Runner;
  /** Told how the file was read: 'parts' when the parts' verdicts were taken in, 'again' when it was read again on one thread. */
  trace?: (how: 'parts' | 'again') => void;
}

/**
 * Below this, workers do not pay: together they cost some 0.8 s of CPU more than one thread (each
 * starts, compiles the reader again, and is slow until it has), and a 100 MB file took as long on
 * one thread as on two (1.15 s). At 200 MB, bench/check.mjs gave 0.62 of the plain parse's speed
 * on two threads, against 0.49 on one before this work.
 */
export const PART_MIN = 128 << 20;
/**
 * A little under half: the second part's rows are looked up only after every row of the first, so
 * the second part had better still be reading then. 1 GB file, in-process checkFile, 4 interleaved
 * runs each on a loaded machine: medians 6.9 s at 0.46, 7.4 s at 0.5 (ranges 5.8-8.2, 6.1-10.1).
 */
export const PART_FRACTION = 0.46;
/**
 * A worker's young generation, in MB. Left to grow, it reaches 32 MB on a long file, which two
 * workers cannot afford under the 200 MB target.
 */
const WORKER_YOUNG_MB = 4;

// Source files run under vitest have no compiled worker beside them; there, files are read by one thread.
const workerUrl = import.meta.url.endsWith('.ts') ? undefined : new URL('./part-worker.js', import.meta.url);

const inWorker: Runner = (job, sink) => {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerUrl!, { workerData: { job, blocks: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  let settled = false;
  const result = new Promise<PartResult | undefined>((resolve) => {
    worker.on('message', (m: { rows?: Uint32Array; jumps?: Uint32Array; units?: Uint32Array; done?: PartResult }) => {
      if (m.rows) sink.rows(m.rows, m.jumps!);
      else if (m.units) sink.units(m.units);
      else { settled = true; resolve(m.done); }
    });
    worker.once('error', () => { settled = true; resolve(undefined); });
    worker.once('exit', () => { settled = true; resolve(undefined); });
  });
  const recycle = (b: Uint32Array) => { if (!settled && b.buffer.byteLength === BLOCK * 4) port1.postMessage(b.buffer, [b.buffer as ArrayBuffer]); };
  const end = () => { settled = true; port1.close(); };
  return { result: result.finally(end), cancel: async () => { if (!settled) { end(); await worker.terminate(); } }, recycle };
};

/**
 * Encodings in which a 0x0A byte is a line break wherever it lies, and a decoder started just
 * after one reads on as one started at the beginning would.
 */
const asciiCompatible = (encoding: string) =>
  encoding === 'utf-8' || /^(windows-125\d|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic)$/.test(encoding);

interface Running {
  result: Promise<PartResult | undefined>;
  cancel(): Promise<void>;
  recycle?(b: Uint32Array): void;
  /**
   * Blocks that came before the part's start was known to be a record's start and the rows
   * before them looked up: in `spill` when there is one (the second part's), else in `queue`.
   */
  spill?: Spill;
  queue: Block[];
  draining?: boolean;
  /** Set once they have been taken: each block is then taken as it comes. */
  live?: (b: Block) => void;
}

/** The parts being read on other threads, the first starting at `at`. */
export class Parts {
  private constructor(readonly at: number, private readonly a: Running, private readonly b: Running | undefined) {}

  /**
   * Starts the parts when the file is large enough, a second thread is there, and the encoding
   * allows; `read` is how far the main thread has read, `values` the main thread's checker.
   */
  static async start(fh: FileHandle, size: number, read: number, encoding: string, job: (start: number, end?: number) => PartJob, values: ValueChecker, o: SplitOptions): Promise<Parts | undefined> {
    const run = o.run ?? (workerUrl && threadBudget() > 1 ? inWorker : undefined);
    if (!run || size < (o.minBytes ?? PART_MIN) || !asciiCompatible(encoding)) return undefined;
    const at = await lineAfter(fh, read, size);
    if (at === undefined) return undefined;
    const mid = await lineAfter(fh, Math.max(at, Math.floor(size * (o.fraction ?? PART_FRACTION))), size);
    const launch = (j: PartJob, spill?: Spill): Running => {
      const r: Running = { queue: [], spill, result: Promise.resolve(undefined), cancel: async () => {} };
      const put = (b: Block) => (r.live ? r.live(b) : r.spill && !r.draining ? r.spill.add(b, r.recycle) : r.queue.push(b));
      const sink: PartSink = { rows: (rows, jumps) => put({ rows, jumps }), units: (units) => put({ units }) };
      return Object.assign(r, run(j, sink));
    };
    const hasB = mid !== undefined && mid > at;
    return new Parts(at, launch(job(at, hasB ? mid : undefined)), hasB ? launch(job(mid), await Spill.make()) : undefined);
  }

  /**
   * Once the main thread has read up to `at`, its reader between two records there, with `base`
   * the line before: looks up every row of the parts, in order, and takes in their other verdicts.
   * The parts' results with the line before each, or undefined when the file is to be read again
   * on one thread.
   */
  async finish(values: ValueChecker, base: number): Promise<{ result: PartResult; base: number }[] | undefined> {
    try {
      return await this.takeAll(values, base);
    } finally {
      await this.b?.spill?.remove();
    }
  }

  private async takeAll(values: ValueChecker, base: number): Promise<{ result: PartResult; base: number }[] | undefined> {
    values.lookUp();
    const a = await follow(this.a, values, base);
    if (!a) { await this.cancel(); return undefined; }
    if (a.through || !this.b) { await this.b?.cancel(); return [{ result: a, base }]; }
    const baseB = base + a.nextLine - 1;
    const b = await follow(this.b, values, baseB);
    if (!b) { await this.cancel(); return undefined; }
    return [{ result: a, base }, { result: b, base: baseB }];
  }

  async cancel(): Promise<void> {
    await Promise.all([this.a.cancel(), this.b?.cancel()]);
    await this.b?.spill?.remove();
  }
}

/** The rows of one part looked up as they come, after those that came before; then its other verdicts taken in. */
async function follow(r: Running, values: ValueChecker, base: number): Promise<PartResult | undefined> {
  const c = new RowCursor();
  const use = (b: Block) => ('units' in b ? values.addUnits(b.units) : values.replay(c, b.rows, b.jumps, base));
  const take = (b: Block) => { use(b); r.recycle?.('units' in b ? b.units : b.rows); };
  // Blocks that come while the spill is read back wait in the queue, after it.
  r.draining = true;
  if (r.spill) {
    try {
      for await (const b of r.spill.blocks()) use(b);
    } catch {
      return undefined;
    }
  }
  for (const b of r.queue) take(b);
  r.queue.length = 0;
  r.live = take;
  const result = await r.result;
  if (!result || result.unsure) return undefined;
  values.absorb(result.values, base);
  return result;
}

/** The byte after the first line break at or after `from` (within 64 KiB), if it is before the end. */
async function lineAfter(fh: FileHandle, from: number, size: number): Promise<number | undefined> {
  const buf = Buffer.allocUnsafe(1 << 16);
  const { bytesRead } = await fh.read(buf, 0, buf.length, from);
  const nl = buf.subarray(0, bytesRead).indexOf(10);
  return nl < 0 || from + nl + 1 >= size ? undefined : from + nl + 1;
}
