// Large files are read by two threads at once: the main thread from the start, a worker from a line
// break near the middle (part.ts). The worker's start is a guess, since a line break may lie inside
// a quoted value: the main thread, once it has read up to there, uses the worker's verdicts only
// when its reader is then between two records, and otherwise reads on itself. Either way the
// report is the one a single reader gives.
import { availableParallelism } from 'node:os';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { PartJob, PartResult } from './part.js';

export interface SplitOptions {
  /** Files smaller than this are read by one thread (default PART_MIN). */
  minBytes?: number;
  /** Where in the file to look for the worker's start (default PART_FRACTION). */
  fraction?: number;
  /** Runs a part; default on a worker thread. Tests run it on this thread. */
  run?: (job: PartJob) => { result: Promise<PartResult | undefined>; cancel(): Promise<void> };
}

export interface Part {
  /** The worker's first byte. */
  at: number;
  /** Its verdicts, or undefined when it failed (the main thread then reads on itself). */
  result: Promise<PartResult | undefined>;
  cancel(): Promise<void>;
}

/**
 * Below this, a worker does not pay: it takes some 50 ms of CPU to start, and a 64 MiB file about
 * a second to check.
 */
export const PART_MIN = 64 << 20;
/**
 * The share of the file the main thread reads. Under one half: the main thread also starts the
 * worker and, at the end, looks up the worker's row hashes among its own.
 */
export const PART_FRACTION = 0.48;

// Source files run under vitest have no compiled worker beside them; there, files are read by one thread.
const workerUrl = import.meta.url.endsWith('.ts') ? undefined : new URL('./part-worker.js', import.meta.url);

/** OEDR_JOBS=1 keeps everything on the main thread, as for batches (cli/pool.ts). */
function threads(): number {
  const env = Number(process.env.OEDR_JOBS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

function inWorker(job: PartJob): { result: Promise<PartResult | undefined>; cancel(): Promise<void> } {
  const worker = new Worker(workerUrl!, { workerData: job });
  let settled = false;
  const result = new Promise<PartResult | undefined>((resolve) => {
    worker.once('message', (r: PartResult) => { settled = true; resolve(r); });
    worker.once('error', () => { settled = true; resolve(undefined); });
    worker.once('exit', () => { settled = true; resolve(undefined); });
  });
  return { result, cancel: async () => { if (!settled) await worker.terminate(); } };
}

/**
 * Encodings in which a 0x0A byte is a line break wherever it lies, and a decoder started just
 * after one reads on as one started at the beginning would.
 */
const asciiCompatible = (encoding: string) =>
  encoding === 'utf-8' || /^(windows-125\d|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic)$/.test(encoding);

/**
 * Starts a worker on the file from the first line break at or after `fraction` of it, when the
 * file is large enough, a second thread is there, and the encoding allows; `read` is how far the
 * main thread has read.
 */
export async function split(fh: FileHandle, size: number, read: number, encoding: string, job: (at: number) => PartJob, o: SplitOptions): Promise<Part | undefined> {
  const run = o.run ?? (workerUrl && threads() > 1 ? inWorker : undefined);
  if (!run || size < (o.minBytes ?? PART_MIN) || !asciiCompatible(encoding)) return undefined;
  const from = Math.floor(size * (o.fraction ?? PART_FRACTION));
  if (from < read) return undefined;
  const buf = Buffer.allocUnsafe(1 << 16);
  const { bytesRead } = await fh.read(buf, 0, buf.length, from);
  const nl = buf.subarray(0, bytesRead).indexOf(10);
  if (nl < 0 || from + nl + 1 >= size) return undefined;
  const at = from + nl + 1;
  return { at, ...run(job(at)) };
}
